package webtalk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
