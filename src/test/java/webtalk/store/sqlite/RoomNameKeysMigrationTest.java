package webtalk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.NameKeys;
import webtalk.chat.Room;

/**
 * V4 on a database made with the V3 schema, whose name keys were lower-cased names: the keys
 * become {@link NameKeys}, and rooms whose names now collide all survive.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RoomNameKeysMigrationTest {

    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void databaseAtVersion3() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("webtalk.db").toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite").target("3")
                .loggers("slf4j").load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            insertV3Room(c, "old00001", "Ana", true, T);                          // the oldest "ana"
            insertV3Room(c, "cyr00002", "\u0410na", true, T.plusSeconds(60));     // Cyrillic А: another key under V3
            insertV3Room(c, "wide0003", "\uff21\uff2e\uff21", true, T.plusSeconds(120)); // fullwidth ＡＮＡ
            insertV3Room(c, "gone0004", "ana", false, T.minusSeconds(600));      // closed: names unique among active only
            insertV3Room(c, "othr0005", "Outra sala", true, T.plusSeconds(30));
            insertV3Room(c, "same0006", "tr0ll", true, T.plusSeconds(90));        // same created_at as the next: id decides
            insertV3Room(c, "same0007", "troll", true, T.plusSeconds(90));
            try (PreparedStatement m = c.prepareStatement(
                    "INSERT INTO messages (room_id, author, text, created_at) VALUES ('cyr00002', 'bia', 'oi', ?)")) {
                m.setLong(1, T.toEpochMilli());
                m.executeUpdate();
            }
        }
    }

    private static void insertV3Room(Connection c, String id, String name, boolean active, Instant at) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO rooms (id, name, name_key, creator, created_at, active, last_activity_at) VALUES (?, ?, ?, 'x', ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, name);
            insert.setString(3, name.strip().toLowerCase(java.util.Locale.ROOT));  // V3's key
            insert.setLong(4, at.toEpochMilli());
            insert.setInt(5, active ? 1 : 0);
            insert.setLong(6, at.toEpochMilli());
            insert.executeUpdate();
        }
    }

    private Map<String, String> keys() throws SQLException {
        Map<String, String> keys = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url);
             ResultSet rs = c.createStatement().executeQuery("SELECT id, name_key FROM rooms ORDER BY id")) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getString(2));
            }
        }
        return keys;
    }

    @Test
    void keysAreRecomputedAndCollidingRoomsAllSurvive() throws SQLException {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            for (String id : new String[]{"old00001", "cyr00002", "wide0003", "gone0004", "othr0005", "same0006", "same0007"}) {
                assertTrue(store.findRoom(id).isPresent(), id + " survived");
            }
            assertEquals("\u0410na", store.findRoom("cyr00002").orElseThrow().name(), "names stay as typed");
            assertEquals(1, store.latest("cyr00002", 10).size(), "its messages too");
        }
        Map<String, String> keys = keys();
        String ana = NameKeys.of("ana");
        assertEquals(ana, keys.get("old00001"), "the oldest keeps the key");
        assertEquals(ana + "\u0001cyr00002", keys.get("cyr00002"));
        assertEquals(ana + "\u0001wide0003", keys.get("wide0003"));
        assertEquals(ana, keys.get("gone0004"), "a closed room holds no name");
        assertEquals(NameKeys.of("Outra sala"), keys.get("othr0005"));
        assertEquals(NameKeys.of("troll"), keys.get("same0006"), "same time: the smaller id is the older");
        assertEquals(NameKeys.of("troll") + "\u0001same0007", keys.get("same0007"));
    }

    @Test
    void afterTheMigrationLookAlikesOfStoredNamesAreTaken() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            ChatException taken = assertThrows(ChatException.class,
                    () -> store.createRoom(new Room("new00008", "\u0430n\u0430", "", "x", T, false, true, T), null));
            assertEquals(ChatError.ROOM_NAME_TAKEN, taken.error());
            assertEquals(ChatError.ROOM_NAME_TAKEN, assertThrows(ChatException.class,
                    () -> store.createRoom(new Room("new00009", "OUTRA  SALA", "", "x", T, false, true, T), null)).error());
            store.createRoom(new Room("new00010", "Nova", "", "x", T, false, true, T), null);
            assertTrue(store.findRoom("new00010").isPresent());
        }
    }

    @Test
    void migrationRunsOnceAndTheIndexIsBack() throws SQLException {
        SqliteChatStore.open(dir).close();
        SqliteChatStore.open(dir).close();
        try (Connection c = DriverManager.getConnection(url)) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM flyway_schema_history WHERE version = '4' AND success = 1")) {
                assertEquals(1, rs.getInt(1));
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'rooms_active_name'")) {
                assertTrue(rs.next());
                assertTrue(rs.getString(1).contains("UNIQUE") && rs.getString(1).contains("WHERE active = 1"), rs.getString(1));
            }
        }
    }
}
