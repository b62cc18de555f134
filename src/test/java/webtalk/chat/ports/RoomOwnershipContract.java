package webtalk.chat.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.Message;
import webtalk.chat.RoomOwnership;
import webtalk.chat.RoomOwnership.Pinning;

/**
 * What every {@link RoomOwnership} guarantees: keys' hashes, slow mode and topic per room; pins
 * bounded per room, in pin order, gone with their message and their room.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class RoomOwnershipContract extends StoreContract {

    private RoomOwnership owners() {
        return store.ownership();
    }

    private long post(String roomId, String text) {
        return store.messages().append(roomId, "ana", text, T, null).message().id();
    }

    @Test
    void keyHashesAreKeptPerRoomAndReplaced() {
        createRoom("r1");
        createRoom("r2");
        assertEquals(Optional.of(new RoomOwnership.KeyHashes(null, null)), owners().keyHashes("r1"), "a new room has no keys yet");
        assertTrue(owners().saveOwnerKeyHash("r1", "dono-1"));
        assertTrue(owners().saveModeratorKeyHash("r1", "mod-1"));
        assertTrue(owners().saveOwnerKeyHash("r1", "dono-2"));
        assertEquals(Optional.of(new RoomOwnership.KeyHashes("dono-2", "mod-1")), owners().keyHashes("r1"));
        assertEquals(Optional.of(new RoomOwnership.KeyHashes(null, null)), owners().keyHashes("r2"));
        assertTrue(owners().saveModeratorKeyHash("r1", null), "moderators revoked");
        assertEquals(Optional.of(new RoomOwnership.KeyHashes("dono-2", null)), owners().keyHashes("r1"));
        assertFalse(owners().saveOwnerKeyHash("nenhuma", "x"));
        assertEquals(Optional.empty(), owners().keyHashes("nenhuma"));
    }

    @Test
    void slowModeIsStoredPerRoom() {
        createRoom("r1");
        createRoom("r2");
        assertEquals(0, owners().slowMode("r1"));
        assertTrue(owners().saveSlowMode("r1", 30));
        assertEquals(30, owners().slowMode("r1"));
        assertEquals(0, owners().slowMode("r2"));
        assertEquals(0, owners().slowMode("nenhuma"));
        assertFalse(owners().saveSlowMode("nenhuma", 5));
    }

    @Test
    void thePollSettingIsStoredPerRoomAndOffByDefault() {
        createRoom("r1");
        createRoom("r2");
        assertFalse(owners().pollsModeratorsOnly("r1"), "everyone opens polls until an owner says otherwise");
        assertTrue(owners().savePollsModeratorsOnly("r1", true));
        assertTrue(owners().pollsModeratorsOnly("r1"));
        assertFalse(owners().pollsModeratorsOnly("r2"));
        assertTrue(owners().savePollsModeratorsOnly("r1", false));
        assertFalse(owners().pollsModeratorsOnly("r1"));
        assertFalse(owners().pollsModeratorsOnly("nenhuma"));
        assertFalse(owners().savePollsModeratorsOnly("nenhuma", true));
    }

    @Test
    void topicChangesNameAndDescriptionButNeverToAnActiveRoomsName() {
        createRoom("r1");
        createRoom("r2");
        assertTrue(owners().updateTopic("r1", "Clube de Leitura", "Capítulo 3 hoje"));
        assertEquals("Clube de Leitura", store.rooms().findRoom("r1").orElseThrow().name());
        assertEquals("Capítulo 3 hoje", store.rooms().findRoom("r1").orElseThrow().description());
        ChatException taken = assertThrows(ChatException.class, () -> owners().updateTopic("r2", "clube de leitura", ""));
        assertEquals(ChatError.ROOM_NAME_TAKEN, taken.error(), "names stay unique by their look-alike key");
        assertFalse(owners().updateTopic("nenhuma", "X", ""));
    }

    @Test
    void pinsAreListedInPinOrderAndBoundedPerRoom() {
        createRoom("r1");
        createRoom("r2");
        long first = post("r1", "um");
        long second = post("r1", "dois");
        long third = post("r1", "três");
        assertEquals(Pinning.PINNED, owners().pin("r1", third, T, 2));
        assertEquals(Pinning.PINNED, owners().pin("r1", first, T.plusSeconds(1), 2));
        assertEquals(Pinning.ALREADY_PINNED, owners().pin("r1", first, T.plusSeconds(2), 2));
        assertEquals(Pinning.LIMIT_REACHED, owners().pin("r1", second, T.plusSeconds(3), 2));
        assertEquals(List.of("três", "um"), owners().pinned("r1").stream().map(Message::text).toList());
        assertEquals(List.of(), owners().pinned("r2"), "pins are per room");
        assertEquals(Pinning.NO_SUCH_MESSAGE, owners().pin("r2", first, T, 2), "a message id of another room");
        assertEquals(Pinning.NO_SUCH_MESSAGE, owners().pin("r1", 999, T, 2));
    }

    @Test
    void unpinningFreesAPlace() {
        createRoom("r1");
        long first = post("r1", "um");
        long second = post("r1", "dois");
        owners().pin("r1", first, T, 1);
        assertTrue(owners().unpin("r1", first));
        assertFalse(owners().unpin("r1", first), "not pinned any more");
        assertEquals(Pinning.PINNED, owners().pin("r1", second, T, 1));
        assertEquals(List.of(second), owners().pinned("r1").stream().map(Message::id).toList());
    }

    @Test
    void aPinGoesWithItsMessageAndItsRoom() {
        createRoom("r1");
        createRoom("r2");
        long first = post("r1", "um");
        long second = post("r1", "dois");
        owners().pin("r1", first, T, 25);
        owners().pin("r1", second, T, 25);
        assertTrue(store.messages().deleteMessage("r1", first));
        assertEquals(List.of(second), owners().pinned("r1").stream().map(Message::id).toList());
        long other = post("r2", "outra");
        owners().pin("r2", other, T, 25);
        assertTrue(store.rooms().deleteRoom("r2"));
        assertEquals(List.of(), owners().pinned("r2"));
        createRoom("r2");
        assertEquals(List.of(), owners().pinned("r2"), "a new room of the same id starts with no pins");
    }

    @Test
    void pinsAreKeptWithTheirMessagesUntouched() {
        createRoom("r1");
        long id = post("r1", "fixe-me");
        owners().pin("r1", id, Instant.parse("2026-01-01T12:30:00Z"), 25);
        Message pinned = owners().pinned("r1").get(0);
        assertEquals(store.messages().latest("r1", 1).get(0), pinned);
    }
}
