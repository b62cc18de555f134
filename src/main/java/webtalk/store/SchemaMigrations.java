package webtalk.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Flyway for both stores, run only when a database's schema is not this WebTalk's. A restart on a
 * current schema reads {@code flyway_schema_history} with one query and never loads Flyway, nor
 * the Jackson 3 it reads its own configuration with: about 1,300 classes kept out of the running
 * server (8–10 MB of its memory) and a sixth of a restart's CPU (bench/analysis.md, issue #16).
 * What that skips is Flyway's check that applied migrations are unchanged: a released migration
 * is never edited (a change is a new one), and a first start or an upgrade still runs it all.
 */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    /**
     * Every migration recorded (in the connection's schema) succeeded and the newest is
     * {@code latest}. Anything else — no history yet, an older or newer schema, a failed
     * migration, a version this one does not number, a query that fails — is left to Flyway,
     * which migrates or says what is wrong.
     */
    public static boolean current(Connection connection, int latest) {
        int newest = 0;
        try (Statement query = connection.createStatement();
             ResultSet applied = query.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            while (applied.next()) {
                if (!applied.getBoolean(2)) {
                    return false;
                }
                newest = Math.max(newest, Integer.parseInt(applied.getString(1)));
            }
        } catch (SQLException | NumberFormatException noHistoryOrNotOurs) {
            return false;
        }
        return newest == latest;
    }

    /**
     * Migrates with Flyway (the migrations in {@code locations}), unless the schema is
     * {@link #current} — after refusing a database a newer WebTalk migrated: Flyway ignores
     * migrations it does not know by default, and a schema this one does not understand must not
     * be half-used. Flyway is named only inside this method's body, so a current schema never
     * loads it (a lambda or a parameter of its type in a caller would, when linked).
     *
     * @param schema   where the tables live, created if missing; null: the connection's own
     * @param latest   the newest migration's version this WebTalk has
     * @param database how the refusal names the database (its file, or name and address)
     */
    public static void migrate(DataSource source, String locations, String schema, int latest, String database) {
        try (Connection connection = source.getConnection()) {
            if (current(connection, latest)) {
                return;
            }
        } catch (SQLException unreachable) {
            // Flyway's own attempt says what is wrong.
        }
        var configure = Flyway.configure().dataSource(source).locations(locations).loggers("slf4j");
        if (schema != null) {
            configure = configure.schemas(schema).createSchemas(true);
        }
        migrate(configure.load(), database);
    }

    private static void migrate(Flyway flyway, String database) {
        String known = null;
        String newest = null;
        for (MigrationInfo migration : flyway.info().all()) {
            if (migration.getVersion() == null) {
                continue;
            }
            if (migration.getState().name().startsWith("FUTURE")) {
                newest = migration.getVersion().getVersion();
            } else {
                known = migration.getVersion().getVersion();
            }
        }
        if (newest != null) {
            throw new StoreException("database " + database + " was written by a newer WebTalk (schema version " + newest
                    + ", this one knows up to " + known + ") — run that version, or restore a backup made for this one", null);
        }
        flyway.migrate();
    }
}
