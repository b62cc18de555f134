package webtalk.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;
import webtalk.store.SchemaMigrations;

/** The SQLite schema: migrations in {@code db/migration/sqlite}, run only when not current (see {@link SchemaMigrations}). */
final class SqliteMigrations {

    /** The newest migration's version (SQL files and {@code db.migration.sqlite} classes); SqliteMigrationsTest keeps it so. */
    static final int LATEST = 11;

    private SqliteMigrations() {
    }

    static void migrate(SQLiteDataSource dataSource, Path database) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (SchemaMigrations.current(connection, LATEST)) {
                return;
            }
        }
        SchemaMigrations.migrate(Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/sqlite")
                .loggers("slf4j").load(), database.toString());
    }
}
