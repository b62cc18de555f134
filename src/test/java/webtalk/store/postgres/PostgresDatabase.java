package webtalk.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import webtalk.config.DatabaseUrl;

/**
 * The machine's PostgreSQL for tests: where it is, and fresh schemas or databases that a test
 * owns and drops after it. Reused by the cluster tests, hence public.
 *
 * <p>The server is {@code WEBTALK_TEST_DATABASE_URL} if set, else
 * {@code postgresql://postgres@127.0.0.1:5432/test} (trust auth, as .ci/run sets it up). A test
 * that needs it while it is down fails at once with {@link #NOT_RUNNING} and the command that
 * starts it; it is never skipped, so a missing database cannot pass as green.
 *
 * <pre>{@code
 * try (PostgresDatabase.Schema schema = PostgresDatabase.freshSchema()) {
 *     PostgresChatStore store = PostgresChatStore.open(schema.url(), schema.name(), clock);
 *     ...
 * }   // DROP SCHEMA ... CASCADE
 * }</pre>
 */
public final class PostgresDatabase {

    public static final String NOT_RUNNING = "PostgreSQL is not running";
    public static final String START_COMMAND = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

    private PostgresDatabase() {
    }

    /** The test server's {@code test} database (or WEBTALK_TEST_DATABASE_URL). */
    public static DatabaseUrl url() {
        String configured = System.getenv("WEBTALK_TEST_DATABASE_URL");
        return DatabaseUrl.parse(configured == null || configured.isBlank() ? "postgresql://postgres@127.0.0.1:5432/test" : configured);
    }

    /** A plain JDBC connection to {@code url} (auto-commit), failing with {@link #NOT_RUNNING} and how to start it. */
    public static Connection connect(DatabaseUrl url) {
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        properties.setProperty("connectTimeout", "3");
        try {
            return DriverManager.getConnection(url.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw new AssertionError(NOT_RUNNING + " (or refuses us) at " + url.host() + ":" + url.port() + ", database "
                    + url.database() + ": " + e.getMessage() + " — start it with: " + START_COMMAND, e);
        }
    }

    /** Fails with {@link #NOT_RUNNING} and how to start it unless the test database answers. */
    public static void requireRunning() {
        try (Connection c = connect(url()); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        } catch (SQLException e) {
            throw new AssertionError(NOT_RUNNING + ": " + e.getMessage() + " — start it with: " + START_COMMAND, e);
        }
    }

    /** A new, empty schema {@code wt_<random>} in the test database; closing it drops it with everything in it. */
    public static Schema freshSchema() {
        String name = "wt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(url(), "CREATE SCHEMA " + name);
        return new Schema(url(), name);
    }

    /**
     * A new, empty database {@code wt_<random>} on the test server (for a test that must cut or
     * refuse connections without disturbing anyone else's); closing it drops it, connections and all.
     */
    public static Database freshDatabase() {
        String name = "wt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        DatabaseUrl server = url();
        execute(server, "CREATE DATABASE " + name);
        return new Database(server, new DatabaseUrl(server.host(), server.port(), name, server.user(), server.password()));
    }

    /** Runs one statement on {@code url}; a failure is a test failure. */
    public static void execute(DatabaseUrl url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    /** A schema a test owns in the test database. */
    public record Schema(DatabaseUrl url, String name) implements AutoCloseable {

        @Override
        public void close() {
            execute(url, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    /** A database a test owns: {@link #url()} reaches it; closing it drops it (WITH FORCE: open connections too). */
    public record Database(DatabaseUrl server, DatabaseUrl url) implements AutoCloseable {

        public String name() {
            return url.database();
        }

        @Override
        public void close() {
            execute(server, "DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)");
        }
    }
}
