package webtalk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import webtalk.chat.Room;

/** {@link WalCheckpointer} on a real SQLite file beside the store's writer. */
class WalCheckpointerTest {

    private static final Instant T = Instant.parse("2026-12-07T20:00:00Z");

    @TempDir
    Path dir;

    /**
     * 50 one-message commits write a few hundred WAL pages, fewer than the 1,000 at which SQLite's
     * own commit would checkpoint: the database file grows only if something else copies them in.
     */
    @Test
    void committedMessagesReachTheDatabaseFileWithoutTheWriterCheckpointing() throws Exception {
        Path database = dir.resolve("webtalk.db");
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            store.createRoom(new Room("sala0001", "sala", "", "bia", T, false, true, T), null);
            Thread.sleep(2 * WalCheckpointer.INTERVAL.toMillis());  // what creating the room wrote is checkpointed
            long before = Files.size(database);
            for (int i = 0; i < 50; i++) {
                store.append("sala0001", "bia", "mensagem " + i + " ".repeat(400), T, null);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.size(database) == before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.size(database) > before, "the WAL's pages were copied into " + database);
        }
    }

    @Test
    void theWriterCheckpointsByItselfOnlyPastTheFallback() throws SQLException {
        try (Connection writer = connection(dir.resolve("fallback.db"))) {
            WalCheckpointer.writerSettings(writer);
            try (Statement statement = writer.createStatement();
                 ResultSet rs = statement.executeQuery("PRAGMA wal_autocheckpoint")) {
                rs.next();
                assertEquals(WalCheckpointer.WRITER_FALLBACK_PAGES, rs.getInt(1));
            }
        }
    }

    @Test
    void closingStopsTheThreadAndClosesItsConnection() throws SQLException {
        Connection connection = connection(dir.resolve("closing.db"));
        WalCheckpointer checkpointer = new WalCheckpointer(connection);
        assertTrue(checkpointer.running());
        checkpointer.close();
        assertFalse(checkpointer.running());
        assertTrue(connection.isClosed());
    }

    private static Connection connection(Path file) throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource(SqliteChatStore.connectionSettings());
        source.setUrl("jdbc:sqlite:" + file);
        return source.getConnection();
    }
}
