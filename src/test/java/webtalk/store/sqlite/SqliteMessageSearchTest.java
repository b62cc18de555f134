package webtalk.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.io.TempDir;
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
