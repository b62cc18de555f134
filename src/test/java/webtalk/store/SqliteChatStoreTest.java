package webtalk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatSettings;
import webtalk.chat.Message;
import webtalk.chat.Room;

/** The SQLite store against a real database file. */
class SqliteChatStoreTest {

    @TempDir
    Path dir;

    private static Room room(String id, String name, Instant at) {
        return new Room(id, name, "", "tester", at, false, true, at);
    }

    @Test
    void messagesGetIncreasingIdsAndPageBothWays() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("r1", "Um", t), null);
            for (int i = 1; i <= 5; i++) {
                store.append("r1", "ana", "m" + i, t.plusSeconds(i), null);
            }
            List<Message> latest = store.latest("r1", 2);
            assertEquals(List.of("m4", "m5"), latest.stream().map(Message::text).toList());
            assertTrue(latest.get(0).id() < latest.get(1).id());
            assertEquals(List.of("m2", "m3"), store.before("r1", latest.get(0).id(), 2).stream().map(Message::text).toList());
            assertEquals(List.of("m5"), store.after("r1", latest.get(0).id(), 10).stream().map(Message::text).toList());
            assertEquals(latest.get(1).id(), store.lastMessageId("r1"));
            assertEquals(5, store.messageCounts().get("r1"));
        }
    }

    @Test
    void appendWithTheSameClientIdIsStoredOnce() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant t = Instant.now();
            store.createRoom(room("r1", "Um", t), null);
            Appended first = store.append("r1", "ana", "oi", t, "c1");
            Appended retry = store.append("r1", "ana", "oi", t, "c1");
            assertFalse(first.duplicate());
            assertTrue(retry.duplicate());
            assertEquals(first.message().id(), retry.message().id());
            assertEquals(1, store.countMessages());
        }
    }

    @Test
    void activeRoomNamesAreUniqueIgnoringCase() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            store.createRoom(room("r1", "Geral", Instant.now()), null);
            ChatException e = assertThrows(ChatException.class, () -> store.createRoom(room("r2", "GERAL", Instant.now()), null));
            assertEquals(ChatError.ROOM_NAME_TAKEN, e.error());
        }
    }

    @Test
    void deletingARoomDeletesItsMessages() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            store.createRoom(room("r1", "Um", Instant.now()), null);
            store.append("r1", "ana", "oi", Instant.now(), null);
            assertTrue(store.deleteRoom("r1"));
            assertEquals(0, store.countMessages());
            assertFalse(store.deleteRoom("r1"));
        }
    }

    @Test
    void idleRoomsAreDeactivatedUnlessKeptOpen() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant old = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("idle", "Parada", old), null);
            store.createRoom(room("busy", "Ocupada", old), null);
            store.createRoom(room("fresh", "Nova", Instant.now()), null);
            assertEquals(List.of("idle"), store.deactivateRoomsIdleSince(Instant.now().minusSeconds(3600), Set.of("busy")));
            assertFalse(store.findRoom("idle").orElseThrow().active());
            assertEquals(2, store.countActiveRooms());
        }
    }

    @Test
    void settingsAndDataSurviveReopening() {
        Instant t = Instant.now();
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            store.createRoom(room("r1", "Um", t), "hash");
            store.append("r1", "ana", "fica", t, null);
            store.saveChatSettings(new ChatSettings(7, 3, 100, 10, 30, 50, false));
            store.saveAdminPasswordHash("admin-hash");
        }
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            assertEquals("fica", store.latest("r1", 1).get(0).text());
            assertTrue(store.findRoom("r1").orElseThrow().passwordProtected());
            assertEquals(new ChatSettings(7, 3, 100, 10, 30, 50, false), store.loadChatSettings());
            assertEquals("admin-hash", store.adminPasswordHash().orElseThrow());
        }
    }
}
