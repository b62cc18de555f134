package webtalk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.Message;

/**
 * V10 on a database made with the V6 schema: the messages stored before search existed are
 * indexed by the migration, each in its own room, and found like new ones.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MessageSearchMigrationTest {

    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

    @TempDir
    Path dir;

    @BeforeEach
    void databaseAtVersion6WithMessages() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("webtalk.db").toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite").target("6")
                .loggers("slf4j").load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            for (String room : List.of("aaaa0001", "bbbb0002")) {
                try (PreparedStatement r = c.prepareStatement("INSERT INTO rooms (id, name, name_key, creator, created_at, last_activity_at,"
                        + " last_message_id) VALUES (?, ?, ?, 'ana', 0, 0, 2)")) {
                    r.setString(1, room);
                    r.setString(2, room);
                    r.setString(3, room);
                    r.executeUpdate();
                }
                String[] texts = {"Reunião às três", "reuniao cancelada"};
                for (int id = 1; id <= texts.length; id++) {
                    try (PreparedStatement m = c.prepareStatement(
                            "INSERT INTO messages (room_id, id, author, text, created_at) VALUES (?, ?, 'ana', ?, ?)")) {
                        m.setString(1, room);
                        m.setInt(2, id);
                        m.setString(3, texts[id - 1]);
                        m.setLong(4, T.toEpochMilli());
                        m.executeUpdate();
                    }
                }
            }
        }
    }

    @Test
    void messagesStoredBeforeTheMigrationAreFoundInTheirRoom() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            List<Message> found = store.search("aaaa0001", List.of("reuniao"), 0, 10);
            assertEquals(List.of(2L, 1L), found.stream().map(Message::id).toList(), "equal ranks: newest first");
            assertEquals(List.of("aaaa0001", "aaaa0001"), found.stream().map(Message::roomId).toList());
            store.append("aaaa0001", "bia", "outra reunião", T, null);
            assertEquals(3, store.search("aaaa0001", List.of("reuniao"), 0, 10).size());
            assertEquals(2, store.search("bbbb0002", List.of("reuniao"), 0, 10).size());
        }
    }
}
