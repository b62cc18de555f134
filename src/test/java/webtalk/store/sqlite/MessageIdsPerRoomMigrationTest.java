package webtalk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.Appended;
import webtalk.chat.Message;

/**
 * V6 on a database made with the V5 schema, whose message ids are one AUTOINCREMENT across rooms:
 * every message keeps its id; each room's counter starts at the highest id ever given, so new ids
 * continue above every id a client may have seen (a deleted newest one included), then one by one;
 * the key becomes (room_id, id) and the indexes come back.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageIdsPerRoomMigrationTest {

    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void databaseAtVersion5() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("webtalk.db").toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite").target("5")
                .loggers("slf4j").load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            insertRoom(c, "aaaa0001", "Um");
            insertRoom(c, "bbbb0002", "Dois");
            insertRoom(c, "cccc0003", "Vazia");
            // Global ids 1..7, the rooms' messages interleaved; id 7 (the newest of the first room) is deleted.
            String[] rooms = {"aaaa0001", "bbbb0002", "aaaa0001", "aaaa0001", "bbbb0002", "bbbb0002", "aaaa0001"};
            for (int i = 0; i < rooms.length; i++) {
                try (PreparedStatement m = c.prepareStatement(
                        "INSERT INTO messages (room_id, author, text, created_at, client_id) VALUES (?, 'ana', ?, ?, ?)")) {
                    m.setString(1, rooms[i]);
                    m.setString(2, "m" + (i + 1));
                    m.setLong(3, T.plusSeconds(i).toEpochMilli());
                    m.setString(4, i == 0 ? "cliente-1" : null);
                    m.executeUpdate();
                }
            }
            c.createStatement().executeUpdate("DELETE FROM messages WHERE id = 7");
            c.createStatement().executeUpdate("UPDATE rooms SET message_count = 3 WHERE id = 'aaaa0001'");
            c.createStatement().executeUpdate("UPDATE rooms SET message_count = 3 WHERE id = 'bbbb0002'");
        }
    }

    private static void insertRoom(Connection c, String id, String name) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO rooms (id, name, name_key, creator, created_at, active, last_activity_at) VALUES (?, ?, ?, 'x', ?, 1, ?)")) {
            insert.setString(1, id);
            insert.setString(2, name);
            insert.setString(3, SqliteChatStore.nameKey(name));
            insert.setLong(4, T.toEpochMilli());
            insert.setLong(5, T.toEpochMilli());
            insert.executeUpdate();
        }
    }

    private static List<Long> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    @Test
    void everyMessageKeepsItsIdAndEachRoomContinuesAboveItsOwn() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            assertEquals(List.of(1L, 3L, 4L), ids(store.latest("aaaa0001", 10)));
            assertEquals(List.of(2L, 5L, 6L), ids(store.latest("bbbb0002", 10)));
            assertEquals(List.of("m1", "m3", "m4"), store.latest("aaaa0001", 10).stream().map(Message::text).toList());
            assertEquals(T, store.latest("aaaa0001", 1).get(0).at().minusSeconds(3));
            assertEquals(6, store.countMessages());

            assertEquals(8, store.append("aaaa0001", "bia", "nova", T, null).message().id(),
                    "above the highest id ever given (7, deleted): a client that saw 7 still gets it after 7");
            assertEquals(8, store.append("bbbb0002", "bia", "nova", T, null).message().id());
            assertEquals(8, store.append("cccc0003", "bia", "primeira", T, null).message().id());
            assertEquals(9, store.append("aaaa0001", "bia", "outra", T, null).message().id(), "then one by one");
            assertEquals(9, store.append("cccc0003", "bia", "segunda", T, null).message().id());
            assertEquals(List.of(4L, 8L, 9L), ids(store.after("aaaa0001", 3, 10)));
            assertEquals(List.of(1L, 3L), ids(store.before("aaaa0001", 4, 10)));
            assertEquals(5L, store.messageCounts().get("aaaa0001"));

            Appended retry = store.append("aaaa0001", "ana", "m1", T, "cliente-1");
            assertTrue(retry.duplicate(), "a migrated client id is still known");
            assertEquals(1, retry.message().id());
        }
    }

    /** Test note: V5's messages_room index is replaced by the primary key's; the other two stay. */
    @Test
    void theKeyIsRoomAndIdTheIndexesAndTheCascadeAreBack() throws SQLException {
        SqliteChatStore.open(dir).close();
        try (Connection c = DriverManager.getConnection(url)) {
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' ORDER BY name")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            assertTrue(indexes.contains("messages_client_id"), indexes.toString());
            assertTrue(indexes.contains("messages_created_at"), indexes.toString());
            List<String> key = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT name FROM pragma_table_info('messages') WHERE pk > 0 ORDER BY pk")) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
            assertEquals(List.of("room_id", "id"), key);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pragma_foreign_key_list('messages') WHERE \"table\" = 'rooms'")) {
                assertTrue(rs.next() && rs.getInt(1) == 1, "messages still reference rooms");
            }
        }
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            assertTrue(store.deleteRoom("aaaa0001"));
            assertEquals(List.of(), store.latest("aaaa0001", 10), "its messages went with it");
            assertEquals(3, store.latest("bbbb0002", 10).size());
            assertFalse(store.findRoom("aaaa0001").isPresent());
        }
    }
}
