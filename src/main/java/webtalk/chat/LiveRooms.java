package webtalk.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms' live state on this node, shared by {@link ChatService} and {@link Moderation}: who is
 * in which room ({@link Presence}, maybe cluster-wide), this node's connections, the reclaim keys,
 * the per-room locks, and the newest message delivered per room. Lock order: a room's lock, then
 * anything the presence implementation locks; never the other way round.
 *
 * <p>Per-room state exists only for rooms that exist: a lock is made only for a room id checked
 * against the store (or one a member is in), and it is dropped with the room's other state when
 * the room is closed or deleted. Before, {@code sair} with a new long id each time made a lock per
 * id that was never freed (8,000 of them: 400 MiB).
 */
public final class LiveRooms {

    final Presence presence;
    final Connections connections;
    final ReclaimKeys reclaimKeys;
    /** Per room with members here, what they were told of its presence (for a resync after missed events). */
    final ToldPresence told = new ToldPresence();
    /** roomId → id of the newest message delivered here (from any node); a joiner's replay stops there. */
    final Map<String, Long> lastPublished;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ChatStorage store;
    private final RoomEvents events;

    public LiveRooms(ChatStorage store, RoomEvents events, Presence presence, Connections connections, ReclaimKeys reclaimKeys) {
        this(store, events, presence, connections, reclaimKeys, new ConcurrentHashMap<>());
    }

    /** With the map that holds the delivered positions (tests pass one that lets them interleave threads). */
    LiveRooms(ChatStorage store, RoomEvents events, Presence presence, Connections connections, ReclaimKeys reclaimKeys,
              Map<String, Long> positions) {
        this.store = store;
        this.events = events;
        this.presence = presence;
        this.connections = connections;
        this.reclaimKeys = reclaimKeys;
        positions.putAll(store.lastMessageIds());
        this.lastPublished = positions;
    }

    /**
     * The room's lock, made on first use. Only for a room id known to exist: one {@link #existing}
     * returned, one from the store, or one a member is in. Whoever waits for the lock checks
     * {@link #holds} once inside: the room may have been closed or deleted meanwhile.
     */
    Object lockOf(String roomId) {
        Object lock = locks.get(roomId);  // the plain read first
        return lock != null ? lock : locks.computeIfAbsent(roomId, id -> new Object());
    }

    /** The room's lock if it has live state on this node, else null (never made here). */
    Object lockIfLive(String roomId) {
        return locks.get(roomId);
    }

    /**
     * Moves the room's delivered position to {@code messageId} if the room has no live state here,
     * atomically with {@link #lockOf} making it: a joiner that makes the room's lock reads the
     * position after this, so its replay takes the message in. Without it, a joiner could make the
     * lock, subscribe and read the position between a delivery's "no lock here" and its move of the
     * position: the message was then neither replayed to it nor delivered to it live (a hole).
     *
     * @return false, moving nothing, when the room has a lock: deliver under it
     */
    boolean advanceIfNotLive(String roomId, long messageId) {
        boolean[] advanced = {false};
        locks.compute(roomId, (id, lock) -> {
            if (lock == null) {
                lastPublished.merge(roomId, messageId, Math::max);
                advanced[0] = true;
            }
            return lock;
        });
        return advanced[0];
    }

    /** Whether {@code lock} is still the room's lock (not dropped by a close or delete since it was taken). */
    boolean holds(String roomId, Object lock) {
        return locks.get(roomId) == lock;
    }

    /** The stored room, or ROOM_NOT_FOUND. */
    Room existing(String roomId) {
        if (roomId == null || roomId.isEmpty() || roomId.length() > 64) {
            throw new ChatException(ChatError.ROOM_NOT_FOUND);
        }
        return store.findRoom(roomId).orElseThrow(() -> new ChatException(ChatError.ROOM_NOT_FOUND));
    }

    /** The connection receives the room's events from now on; call with the room locked. */
    void subscribe(MemberConnection connection, String roomId) {
        connection.subscribe(roomId);
        told.subscribed(roomId, connection.id());
    }

    /** The connection receives the room's events no more; call with the room locked. */
    void unsubscribe(MemberConnection connection, String roomId) {
        connection.unsubscribe(roomId);
        told.unsubscribed(roomId, connection.id());
    }

    /** Releases the connection's name in the room and tells the room; call with the room locked. */
    Optional<String> depart(MemberConnection connection, String roomId) {
        Optional<String> nickname = presence.release(roomId, connection.id());
        int online = presence.count(roomId);
        nickname.ifPresent(name -> events.publish(new RoomEvent.UserLeft(roomId, name, online)));
        return nickname;
    }

    /** Everyone leaves the room at once (it was closed or deleted); nobody is told here. */
    void forgetMembers(String roomId) {
        List<Presence.Member> members = presence.clear(roomId);
        reclaimKeys.forgetRoom(roomId);
        for (Presence.Member member : members) {
            connections.find(member.connectionId()).ifPresent(connection -> connection.unsubscribe(roomId));
        }
        told.forgetRoom(roomId);
    }

    /**
     * The room is closed or deleted: its live state goes; call with the room locked. A closed room's
     * delivered position stays (it may be reopened, and its ids go on from there); a deleted one's
     * goes with it.
     */
    void forget(String roomId, RoomEvent.RoomClosed.Reason reason) {
        locks.remove(roomId);
        if (reason == RoomEvent.RoomClosed.Reason.DELETED) {
            lastPublished.remove(roomId);
        }
    }

    /** Rooms with a lock now; for tests and the resource budget. */
    int liveRooms() {
        return locks.size();
    }
}
