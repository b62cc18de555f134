package db.migration.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import webtalk.chat.NameKeys;

/**
 * Recomputes {@code rooms.name_key}, which was the lower-cased name, as {@link NameKeys#of}, so
 * that look-alike room names collide from now on. Java, because the key is ICU's confusable
 * skeleton, which SQL cannot compute.
 *
 * <p>Two active rooms already stored under names that now share a key both stay: the older one
 * (by creation time, then id) keeps the key, each younger one gets the key + U+0001 + its id,
 * which no name's key can equal (names refuse control characters) and no two rooms share. The
 * unique index is dropped while keys change, so the order of the updates cannot trip it, and put
 * back as it was; Flyway runs the whole migration in one transaction.
 */
public class V4__room_name_keys_by_skeleton extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX rooms_active_name");
        }
        Set<String> activeKeys = new HashSet<>();
        try (Statement query = connection.createStatement();
             ResultSet rooms = query.executeQuery("SELECT id, name, active FROM rooms ORDER BY created_at, id");
             PreparedStatement update = connection.prepareStatement("UPDATE rooms SET name_key = ? WHERE id = ?")) {
            while (rooms.next()) {
                String id = rooms.getString("id");
                String key = NameKeys.of(rooms.getString("name").strip());
                if (rooms.getInt("active") == 1 && !activeKeys.add(key)) {
                    key = key + "\u0001" + id;
                }
                update.setString(1, key);
                update.setString(2, id);
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            // As V1 made it: names are unique among active rooms only.
            statement.execute("CREATE UNIQUE INDEX rooms_active_name ON rooms (name_key) WHERE active = 1");
        }
    }
}
