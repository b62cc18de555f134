package webtalk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import webtalk.store.SchemaMigrations;

/**
 * Flyway runs only when the schema is not current: LATEST names the newest migration, and
 * {@code SchemaMigrations.current} is true only for a database every migration up to it succeeded on.
 */
public class SqliteMigrationsTest {

    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.*\\.(sql|java)$");

    @TempDir
    Path dir;

    /** The newest version among the migrations in these source folders. */
    public static int newestMigration(Path... folders) throws IOException {
        int newest = 0;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Matcher m = VERSION.matcher(file.getFileName().toString());
                    assertTrue(m.matches(), "a migration's name: " + file);
                    newest = Math.max(newest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return newest;
    }

    @Test
    void latestIsTheNewestMigrationInTheSources() throws IOException {
        assertEquals(newestMigration(Path.of("src/main/resources/db/migration/sqlite"), Path.of("src/main/java/db/migration/sqlite")),
                SqliteChatStore.LATEST_MIGRATION, "SqliteChatStore.LATEST_MIGRATION must name the newest migration, or new ones never run");
    }

    @Test
    void aMigratedDatabaseIsCurrentAnOlderOrFailedOneIsNot() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("webtalk.db");
        try (Connection c = DriverManager.getConnection(url)) {
            assertFalse(SchemaMigrations.current(c, SqliteChatStore.LATEST_MIGRATION), "a new database");
        }
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite")
                .target(String.valueOf(SqliteChatStore.LATEST_MIGRATION - 1)).loggers("slf4j").load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            assertFalse(SchemaMigrations.current(c, SqliteChatStore.LATEST_MIGRATION), "one migration behind");
        }
        SqliteChatStore.open(dir).close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertTrue(SchemaMigrations.current(c, SqliteChatStore.LATEST_MIGRATION), "opened, so migrated");
            s.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE version = '" + SqliteChatStore.LATEST_MIGRATION + "'");
            assertFalse(SchemaMigrations.current(c, SqliteChatStore.LATEST_MIGRATION), "a failed migration is Flyway's to report");
        }
    }
}
