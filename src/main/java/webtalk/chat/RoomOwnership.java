package webtalk.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a room's owners and moderators change, durably: the hashes of the room's keys (never a
 * key), its slow mode, its poll setting, its topic and its pinned messages. Guarantee: a write is committed when it
 * returns and every node's later read sees it; a room has at most {@code limit} pins, checked
 * atomically with the insert (two pins at once never pass the limit together); a pin goes with its
 * message and its room.
 */
public interface RoomOwnership {

    /** The hashes of the room's keys; either may be null (no owner key: a room made before owners existed). */
    record KeyHashes(String owner, String moderator) {
    }

    /** Pinning's outcome, decided by the store. */
    enum Pinning { PINNED, ALREADY_PINNED, LIMIT_REACHED, NO_SUCH_MESSAGE }

    /** Replaces the owner key's hash; false if there is no such room. */
    boolean saveOwnerKeyHash(String roomId, String hash);

    /** Replaces (null: removes) the moderator key's hash; false if there is no such room. */
    boolean saveModeratorKeyHash(String roomId, String hash);

    /** Empty if there is no such room. */
    Optional<KeyHashes> keyHashes(String roomId);

    /** One message per {@code seconds} per member, 0 = off; false if there is no such room. */
    boolean saveSlowMode(String roomId, int seconds);

    /** The room's slow mode in seconds; 0 when off or when there is no such room. */
    int slowMode(String roomId);

    /** Whether only the owner and moderators open polls in the room; false if there is no such room. */
    boolean savePollsModeratorsOnly(String roomId, boolean moderatorsOnly);

    /** The room's poll setting; false (everyone opens polls) when off or when there is no such room. */
    boolean pollsModeratorsOnly(String roomId);

    /**
     * Sets the room's name and description.
     *
     * @return false if there is no such room
     * @throws ChatException ROOM_NAME_TAKEN when another active room has a name with the same key
     */
    boolean updateTopic(String roomId, String name, String description);

    Pinning pin(String roomId, long messageId, Instant at, int limit);

    /** False if the message was not pinned. */
    boolean unpin(String roomId, long messageId);

    /** The room's pinned messages, in the order they were pinned. */
    List<Message> pinned(String roomId);
}
