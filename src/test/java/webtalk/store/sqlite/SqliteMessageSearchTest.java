package webtalk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.Message;
import webtalk.chat.MessageSearch;
import webtalk.chat.ports.MessageSearchContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link MessageSearchContract} on SQLite's FTS5, a real database file per test. */
class SqliteMessageSearchTest extends MessageSearchContract {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest openStore() {
        return SqliteStoreUnderTest.openIn(dir);
    }

    @Override
    protected MessageSearch search() {
        return (MessageSearch) store.messages();
    }

    /** A backup is made with VACUUM INTO, which may renumber the messages' hidden rowids: the index must not depend on them. */
    @Test
    void aBackupCopyFindsTheSameMessagesInTheSameRooms() throws Exception {
        createRoom("r1");
        createRoom("r2");
        for (int i = 0; i < 30; i++) {
            store.messages().append(i % 2 == 0 ? "r1" : "r2", "ana", "item " + i + (i % 3 == 0 ? " raro" : ""), T, null);
        }
        for (long id = 1; id <= 15; id += 2) {
            store.messages().deleteMessage("r1", id);
        }
        SqliteChatStore live = (SqliteChatStore) store.messages();
        Path copyDir = Files.createDirectories(dir.resolve("copy"));
        live.backup().orElseThrow().copyTo(copyDir.resolve("webtalk.db"));
        try (SqliteChatStore copy = SqliteChatStore.open(copyDir)) {
            for (String room : List.of("r1", "r2")) {
                assertEquals(texts(live.search(room, List.of("raro"), 0, 50)), texts(copy.search(room, List.of("raro"), 0, 50)));
                assertEquals(texts(live.search(room, List.of("item"), 0, 50)), texts(copy.search(room, List.of("item"), 0, 50)));
            }
        }
    }

    /**
     * A message's commit only queues it for the index (V12): a search indexes what waits first, and
     * the writer indexes on its own once {@link SqliteSearchIndex#BATCH} wait or the oldest has
     * waited {@link SqliteSearchIndex#MAX_WAIT_NANOS}.
     */
    @Test
    void aNewMessageWaitsForTheIndexUntilASearchOrTheWriterTakesIt() throws Exception {
        createRoom("r1");
        store.messages().append("r1", "ana", "primeira prova", T, null);
        assertEquals(1, waiting(), "queued with its commit, not indexed in it");
        assertEquals(1, search().search("r1", List.of("prova"), 0, 10).size());
        assertEquals(0, waiting(), "the search indexed it first");

        for (int i = 0; i < SqliteSearchIndex.BATCH; i++) {
            store.messages().append("r1", "ana", "lote " + i, T, null);
        }
        awaitNothingWaiting("a full batch");
        store.messages().append("r1", "ana", "uma só", T, null);
        awaitNothingWaiting("one message, after its longest wait");
        assertEquals(SqliteSearchIndex.BATCH, search().search("r1", List.of("lote"), 0, 500).size());
        assertIndexIntact(dir);
    }

    /** What waits is stored with its message: a stop (or a crash) loses none of it. */
    @Test
    void messagesWaitingAtAStopAreFoundAfterTheRestart() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        try (SqliteChatStore first = SqliteChatStore.open(other)) {
            first.createRoom(room("r1", "Sala r1", T), null);
            for (int i = 0; i < 3; i++) {
                first.append("r1", "ana", "antes de parar " + i, T, null);
            }
        }
        assertEquals(3, count(other, "SELECT count(*) FROM message_search_pending"), "the stop left them waiting");
        try (SqliteChatStore again = SqliteChatStore.open(other)) {
            assertEquals(3, again.search("r1", List.of("parar"), 0, 10).size());
        }
        assertEquals(0, count(other, "SELECT count(*) FROM message_search_pending"));
        assertIndexIntact(other);
    }

    /** Edits and deletions of waiting and of indexed messages, mixed: FTS5 finds its index whole. */
    @Test
    void editsAndDeletionsOfWaitingAndIndexedMessagesKeepTheIndexWhole() throws Exception {
        createRoom("r1");
        long indexedEdited = store.messages().append("r1", "ana", "velho indexado", T, null).message().id();
        long indexedDeleted = store.messages().append("r1", "ana", "velho apagado", T, null).message().id();
        assertEquals(2, search().search("r1", List.of("velho"), 0, 10).size());
        long waitingEdited = store.messages().append("r1", "ana", "novo esperando", T, null).message().id();
        long waitingDeleted = store.messages().append("r1", "ana", "novo apagado", T, null).message().id();
        rewriteText("r1", indexedEdited, "trocado um");
        rewriteText("r1", waitingEdited, "trocado dois");
        assertTrue(store.messages().deleteMessage("r1", indexedDeleted));
        assertTrue(store.messages().deleteMessage("r1", waitingDeleted));
        createRoom("r2");
        store.messages().append("r2", "ana", "sala que some", T, null);
        assertEquals(3, waiting());
        assertTrue(store.rooms().deleteRoom("r2"));
        assertEquals(2, waiting(), "a row deleted while it waits leaves the queue; the edited one and the"
                + " deletion's tombstone wait, to be indexed with the text they have then");
        assertIndexIntact(dir);
        assertEquals(List.of(waitingEdited, indexedEdited),
                search().search("r1", List.of("trocado"), 0, 10).stream().map(Message::id).toList());
        assertEquals(List.of(), search().search("r1", List.of("velho"), 0, 10));
        assertEquals(List.of(), search().search("r1", List.of("novo"), 0, 10));
        assertIndexIntact(dir);
    }

    private long waiting() throws Exception {
        return count(dir, "SELECT count(*) FROM message_search_pending");
    }

    private void awaitNothingWaiting(String what) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (waiting() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": still " + waiting() + " waiting for the index after 10 s");
            }
            Thread.sleep(50);
        }
    }

    private static long count(Path dataDir, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("webtalk.db"));
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /** FTS5's own check of its index; throws if an entry is missing, extra or out of place. */
    private static void assertIndexIntact(Path dataDir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("webtalk.db"))) {
            c.createStatement().execute("PRAGMA busy_timeout = 5000");
            c.createStatement().execute("INSERT INTO message_search (message_search) VALUES ('integrity-check')");
        }
    }

    private static List<String> texts(List<Message> messages) {
        return messages.stream().map(m -> m.roomId() + "/" + m.id() + " " + m.text()).toList();
    }

    @Override
    protected void rewriteText(String roomId, long id, String text) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("webtalk.db"));
             PreparedStatement update = c.prepareStatement("UPDATE messages SET text = ? WHERE room_id = ? AND id = ?")) {
            c.createStatement().execute("PRAGMA busy_timeout = 5000");
            update.setString(1, text);
            update.setString(2, roomId);
            update.setLong(3, id);
            if (update.executeUpdate() != 1) {
                throw new AssertionError("no message " + roomId + "/" + id);
            }
        }
    }
}
