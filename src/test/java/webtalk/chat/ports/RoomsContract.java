package webtalk.chat.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.Room;
import webtalk.chat.Rooms;

/** What every {@link Rooms} guarantees: unique active names (by look-alike key), close/reopen, delete, retention. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class RoomsContract extends StoreContract {

    private Rooms rooms() {
        return store.rooms();
    }

    @Test
    void aCreatedRoomIsFoundWithItsPasswordHash() {
        Room created = rooms().createRoom(new Room("r1", "Um", "desc", "ana", T, true, true, T), "hash");
        assertEquals(Optional.of(created), rooms().findRoom("r1"));
        assertEquals(Optional.of("hash"), rooms().passwordHash("r1"));
        rooms().createRoom(room("r2", "Dois", T), null);
        assertEquals(Optional.empty(), rooms().passwordHash("r2"));
        assertEquals(Optional.empty(), rooms().findRoom("nosuch"));
    }

    @Test
    void activeNamesAreUniqueByTheirKeyAndClosingARoomFreesItsName() {
        rooms().createRoom(room("r1", "Sala", T), null);
        ChatException taken = assertThrows(ChatException.class, () -> rooms().createRoom(room("r2", "  SALA ", T), null));
        assertEquals(ChatError.ROOM_NAME_TAKEN, taken.error());
        assertFalse(rooms().findRoom("r2").isPresent(), "nothing stored");
        assertTrue(rooms().deactivateRoom("r1"));
        assertFalse(rooms().deactivateRoom("r1"), "not active any more");
        rooms().createRoom(room("r2", "sala", T.plusSeconds(1)), null);
        assertEquals(ChatError.ROOM_NAME_TAKEN,
                assertThrows(ChatException.class, () -> rooms().reactivateRoom("r1", T.plusSeconds(2))).error());
        assertFalse(rooms().findRoom("r1").orElseThrow().active());
    }

    @Test
    void activeRoomsAreNewestFirstAndInactiveOnesMostRecentlyActiveFirst() {
        rooms().createRoom(room("a", "A", T), null);
        rooms().createRoom(room("b", "B", T.plusSeconds(10)), null);
        rooms().createRoom(room("c", "C", T.plusSeconds(20)), null);
        assertEquals(List.of("c", "b", "a"), rooms().activeRooms().stream().map(Room::id).toList());
        assertEquals(3, rooms().countActiveRooms());
        rooms().deactivateRoom("a");
        rooms().deactivateRoom("c");
        assertEquals(List.of("b"), rooms().activeRooms().stream().map(Room::id).toList());
        assertEquals(1, rooms().countActiveRooms());
        assertEquals(List.of("c", "a"), rooms().inactiveRooms(10).stream().map(Room::id).toList());
        assertEquals(List.of("c"), rooms().inactiveRooms(1).stream().map(Room::id).toList());
        assertTrue(rooms().reactivateRoom("a", T.plusSeconds(30)));
        assertFalse(rooms().reactivateRoom("a", T.plusSeconds(30)), "already active");
        assertEquals(T.plusSeconds(30), rooms().findRoom("a").orElseThrow().lastActivityAt());
    }

    @Test
    void idleRoomsCloseUnlessKeptOpen() {
        rooms().createRoom(room("old", "Velha", T), null);
        rooms().createRoom(room("kept", "Mantida", T), null);
        rooms().createRoom(room("new", "Nova", T.plusSeconds(3600)), null);
        List<String> closed = rooms().deactivateRoomsIdleSince(T.plusSeconds(60), Set.of("kept"));
        assertEquals(List.of("old"), closed);
        assertFalse(rooms().findRoom("old").orElseThrow().active());
        assertTrue(rooms().findRoom("kept").orElseThrow().active());
        assertTrue(rooms().findRoom("new").orElseThrow().active());
    }

    @Test
    void aDeletedRoomIsGoneWithItsMessages() {
        createRoom("r1");
        store.messages().append("r1", "ana", "oi", T, null);
        assertTrue(rooms().deleteRoom("r1"));
        assertFalse(rooms().deleteRoom("r1"));
        assertFalse(rooms().findRoom("r1").isPresent());
        assertEquals(List.of(), store.messages().latest("r1", 10));
    }

    @Test
    void aRoomsOwnRetentionIsSetAndCleared() {
        createRoom("r1");
        createRoom("r2");
        assertTrue(rooms().setRoomRetention("r1", 7));
        assertFalse(rooms().setRoomRetention("nosuch", 7));
        assertEquals(Map.of("r1", 7), rooms().roomRetentions());
        assertTrue(rooms().setRoomRetention("r1", null));
        assertEquals(Map.of(), rooms().roomRetentions());
    }
}
