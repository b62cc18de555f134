package webtalk.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatSettings;
import webtalk.chat.Message;
import webtalk.chat.Room;
import webtalk.store.sqlite.SqliteChatStore;

/** Retention on a real SQLite store, messages stored with old timestamps, a fixed clock. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path dir;
    private SqliteChatStore store;
    private ChatSettings settings = ChatSettings.DEFAULTS;
    private Retention retention;

    @BeforeEach
    void open() {
        store = SqliteChatStore.open(dir);
        retention = new Retention(store, store, () -> settings, new AuditLog(store, Clock.fixed(NOW, ZoneOffset.UTC)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String room(String id) {
        Instant created = NOW.minus(Duration.ofDays(100));
        store.createRoom(new Room(id, "Sala " + id, "", "ana", created, false, true, created), null);
        return id;
    }

    private void messageDaysAgo(String room, double days, String text) {
        store.append(room, "ana", text, NOW.minusSeconds((long) (days * 86_400)), null);
    }

    private List<String> texts(String room) {
        return store.latest(room, 10_000).stream().map(Message::text).toList();
    }

    @Test
    void zeroKeepsEverythingForever() {
        String room = room("a");
        messageDaysAgo(room, 3000, "antiga");
        assertEquals(Map.of(), retention.apply());
        assertEquals(List.of("antiga"), texts(room));
    }

    @Test
    void deletesOnlyWhatIsOlderThanTheRetention() {
        settings = new ChatSettings(100, 24, 500, 20, 60, 500, true, 7);
        String room = room("a");
        messageDaysAgo(room, 30, "velha");
        messageDaysAgo(room, 7.01, "passou do prazo");
        messageDaysAgo(room, 6.99, "ainda no prazo");
        messageDaysAgo(room, 0, "nova");
        assertEquals(Map.of(room, 2), retention.apply());
        assertEquals(List.of("ainda no prazo", "nova"), texts(room));
        assertEquals(2L, store.messageCounts().get(room), "the room's message count follows");
        var audit = store.auditLog(10).get(0);
        assertEquals("retencao_aplicada", audit.action());
        assertEquals(room, audit.roomId());
        assertEquals("2 mensagens com mais de 7 dias", audit.detail());
        assertEquals(Map.of(), retention.apply(), "nothing left to delete, nothing audited");
    }

    @Test
    void aRoomsOwnRetentionWinsOverTheSetting() {
        settings = new ChatSettings(100, 24, 500, 20, 60, 500, true, 30);
        String shorter = room("curta");
        String forever = room("eterna");
        String standard = room("padrao");
        for (String room : List.of(shorter, forever, standard)) {
            messageDaysAgo(room, 40, "40 dias");
            messageDaysAgo(room, 10, "10 dias");
        }
        retention.setRoom(shorter, 5);
        retention.setRoom(forever, 0);
        assertEquals(Map.of(shorter, 2, standard, 1), retention.apply());
        assertEquals(List.of(), texts(shorter));
        assertEquals(List.of("40 dias", "10 dias"), texts(forever));
        assertEquals(List.of("10 dias"), texts(standard));

        retention.setRoom(forever, null);
        assertEquals(Map.of(forever, 1), retention.apply(), "cleared: the setting applies again");
    }

    @Test
    void deletesInBatchesUntilNothingOldIsLeft() {
        settings = new ChatSettings(100, 24, 500, 20, 60, 500, true, 1);
        String room = room("grande");
        int old = Retention.BATCH * 2 + 17;
        for (int i = 0; i < old; i++) {
            messageDaysAgo(room, 2, "velha " + i);
        }
        messageDaysAgo(room, 0, "nova");
        assertEquals(Map.of(room, old), retention.apply());
        assertEquals(List.of("nova"), texts(room));
    }

    @Test
    void aRoomRetentionOutOfRangeOrOfNoRoomIsRefused() {
        String room = room("a");
        assertEquals(ChatError.SETTING_OUT_OF_RANGE, assertThrows(ChatException.class, () -> retention.setRoom(room, 3651)).error());
        assertEquals(ChatError.SETTING_OUT_OF_RANGE, assertThrows(ChatException.class, () -> retention.setRoom(room, -1)).error());
        assertEquals(ChatError.ROOM_NOT_FOUND, assertThrows(ChatException.class, () -> retention.setRoom("nenhuma", 3)).error());
    }
}
