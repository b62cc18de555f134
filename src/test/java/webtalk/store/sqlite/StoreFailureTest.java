package webtalk.store.sqlite;

import webtalk.store.StoreException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.Appended;
import webtalk.chat.ChatError;
import webtalk.chat.CommitScope;
import webtalk.chat.MessageLog;
import webtalk.chat.Room;

/** How the store fails: typed, never hidden behind its own cleanup, and never holding unbounded work. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StoreFailureTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Room room(String id) {
        return new Room(id, id, "", "tester", T, false, true, T);
    }

    @Test
    void sqliteFullIsATypedDiskFullNotTheRollbackThatFollowsIt() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            store.createRoom(room("r1"), null);
            Appended before = store.append("r1", "ana", "antes", T, null);
            store.limitPages(0);
            StoreException full = null;
            for (int i = 0; i < 200 && full == null; i++) {
                try {
                    store.append("r1", "ana", "x".repeat(400) + i, T, null);
                } catch (StoreException e) {
                    full = e;
                }
            }
            assertTrue(full != null, "the page limit was reached");
            assertEquals(StoreException.Kind.DISK_FULL, full.kind());
            assertEquals(ChatError.DISK_FULL, full.error());
            assertTrue(full.getMessage().contains("SQLITE_FULL"), full.getMessage());
            assertFalse(full.getMessage().contains("no transaction is active"), "the cause, not the failed rollback: " + full.getMessage());
            assertEquals(webtalk.chat.StoreHealth.Status.DISK_FULL, store.health().status());
            assertFalse(store.health().accepting(), "senders are refused at once");

            store.limitPages(-1);
            awaitAccepting(store);
            Appended after = store.append("r1", "ana", "depois", T, null);
            assertTrue(store.health().ok());
            assertTrue(after.message().id() > before.message().id());
        }
    }

    @Test
    void anErrorInTheBodyRollsBackAndIsRethrownAsItWas() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
             Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE t (x INTEGER)");
            OutOfMemoryError oom = new OutOfMemoryError("simulado");
            OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> Transactions.run(c, () -> {
                sql.execute("INSERT INTO t VALUES (1)");
                throw oom;
            }));
            assertSame(oom, thrown);
            assertTrue(c.getAutoCommit(), "auto-commit restored");
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "rolled back, not committed when auto-commit came back");
            }
        }
    }

    @Test
    void theQueueOfPendingMessagesIsBoundedInCount() throws Exception {
        int refusedAt = fillWhileTheWriterIsStalled("oi");
        assertEquals(SqliteMessageWriter.MAX_QUEUED, refusedAt);
    }

    @Test
    void theQueueOfPendingMessagesIsBoundedInCharacters() throws Exception {
        String longest = "x".repeat(5000);
        int refusedAt = fillWhileTheWriterIsStalled(longest);
        assertEquals(SqliteMessageWriter.MAX_QUEUED_CHARS / longest.length(), refusedAt);
    }

    /**
     * Stalls the writer inside a committed batch's scope, queues {@code text} until the store says
     * servidor_ocupado, then lets it go: everything accepted is stored. Returns how many were queued.
     */
    private int fillWhileTheWriterIsStalled(String text) throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CommitScope scope = completions -> {
            if (stalled.getCount() > 0) {
                stalled.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            completions.run();
        };
        try (SqliteChatStore store = StoreHooks.open(dir, scope)) {
            store.createRoom(room("r1"), null);
            CompletableFuture<Appended> first = store.appendAsync("r1", "ana", "primeira", T, null, m -> { });
            assertTrue(stalled.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<Appended>> accepted = new ArrayList<>();
            CompletableFuture<Appended> refused = null;
            while (refused == null && accepted.size() <= SqliteMessageWriter.MAX_QUEUED) {
                CompletableFuture<Appended> next = store.appendAsync("r1", "ana", text, T, null, m -> { });
                if (next.isCompletedExceptionally()) {
                    refused = next;
                } else {
                    accepted.add(next);
                }
            }
            assertTrue(refused != null, "refused past the bound");
            CompletionException busy = assertThrows(CompletionException.class, refused::join);
            assertEquals(ChatError.SERVER_BUSY, ((StoreException) busy.getCause()).error());
            release.countDown();
            first.join();
            for (CompletableFuture<Appended> message : accepted) {
                message.get(30, TimeUnit.SECONDS);
            }
            assertEquals(accepted.size() + 1, store.countMessages());
            assertTrue(store.appendAsync("r1", "ana", "e agora cabe", T, null, m -> { }).get(10, TimeUnit.SECONDS) != null);
            return accepted.size();
        }
    }

    static void awaitAccepting(MessageLog store) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!store.health().accepting()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the store did not reopen within 10 s: " + store.health());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
