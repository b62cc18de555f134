package webtalk.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import webtalk.store.sqlite.SqliteMigrationsTest;

/** LATEST_MIGRATION names the newest PostgreSQL migration: otherwise a node on a current-looking schema would skip new ones. */
class PostgresLatestMigrationTest {

    @Test
    void latestIsTheNewestMigrationInTheSources() throws Exception {
        assertEquals(SqliteMigrationsTest.newestMigration(Path.of("src/main/resources/db/migration/postgresql"),
                Path.of("src/main/java/db/migration/postgresql")), PostgresChatStore.LATEST_MIGRATION);
    }
}
