package webtalk.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rooms, durably. Guarantee: when a write method returns, its change is committed (it survives
 * a crash of the process) and every later read sees it; active room names are unique by
 * {@link NameKeys} (no two active rooms look alike), checked atomically with the write.
 */
public interface Rooms {

    /** @throws ChatException ROOM_NAME_TAKEN when an active room has a name with the same key */
    Room createRoom(Room room, String passwordHash);

    Optional<Room> findRoom(String id);

    Optional<String> passwordHash(String roomId);

    /** Active rooms, newest first. */
    List<Room> activeRooms();

    int countActiveRooms();

    /** Deletes the room and its messages; false if there was no such room. */
    boolean deleteRoom(String roomId);

    /** Marks inactive the active rooms with no message (or creation) since {@code cutoff}, except {@code keepOpen}; returns their ids. */
    List<String> deactivateRoomsIdleSince(Instant cutoff, Set<String> keepOpen);

    /** Marks the room inactive (closed by an admin); false if there was no such active room. */
    boolean deactivateRoom(String roomId);

    /**
     * Makes an inactive room active again; its inactivity clock restarts at {@code now}. False if
     * there was no such inactive room.
     *
     * @throws ChatException ROOM_NAME_TAKEN when an active room took its name meanwhile
     */
    boolean reactivateRoom(String roomId, Instant now);

    /** Inactive (closed) rooms, most recently active first, at most {@code limit}. */
    List<Room> inactiveRooms(int limit);

    /** Sets the room's own retention in days ({@code null} clears it: the setting applies); false if there is no such room. */
    boolean setRoomRetention(String roomId, Integer days);

    /** The retention override of every room that has one, in days. */
    Map<String, Integer> roomRetentions();
}
