package webtalk.store.sqlite;

import webtalk.store.DatabaseBackup;
import webtalk.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A backup of {@code DATA_DIR/webtalk.db} with {@code VACUUM INTO}, on its own read-only connection
 * (never the store's, so history reads are not held up, and usable from another process while the
 * server runs: it takes no lock on DATA_DIR). In WAL mode a reader does not block the writer: the
 * copy is the snapshot of the moment it began, while messages keep committing. The WAL cannot be
 * checkpointed past that snapshot until the copy ends, so it grows meanwhile (by what is written
 * during the copy). The copy is then opened and {@code PRAGMA integrity_check} must say {@code ok}.
 */
public final class SqliteBackup implements DatabaseBackup {

    private final Path database;

    /** @param dataDir the DATA_DIR whose {@code webtalk.db} is copied */
    public SqliteBackup(Path dataDir) {
        this.database = dataDir.resolve("webtalk.db").toAbsolutePath();
    }

    @Override
    public Copy copyTo(Path target) {
        Path file = target.toAbsolutePath();
        if (!Files.isRegularFile(database)) {
            throw new StoreException("no database at " + database + " — is DATA_DIR right?", null);
        }
        if (Files.exists(file)) {
            throw new StoreException(file + " already exists — choose a new file name", null);
        }
        try {
            try (Connection source = open(database); Statement vacuum = source.createStatement()) {
                vacuum.setQueryTimeout(0);
                vacuum.execute("VACUUM INTO '" + file.toString().replace("'", "''") + "'");
            }
            long messages = check(file);
            return new Copy(file, Files.size(file), messages);
        } catch (SQLException | IOException | StoreException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the failure below is what the operator needs to read
            }
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("backup of " + database + " to " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Opens the copy as the server would and checks it; returns its message count. */
    public static long check(Path copy) {
        try (Connection c = open(copy.toAbsolutePath()); Statement statement = c.createStatement()) {
            try (ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new StoreException(copy + " failed its integrity check: " + verdict, null);
                }
            }
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM messages");
                 ResultSet rs = count.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException(copy + " is not a readable WebTalk database: " + e.getMessage(), e);
        }
    }

    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource.getConnection();
    }
}
