package webtalk.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import webtalk.fanout.Fanout;

/**
 * The rooms' live state on this node, shared by {@link ChatService} and {@link Moderation}: who is
 * in which room, the reclaim keys, the per-room locks, and the newest message published per room.
 * Lock order: a room's lock, then {@code presence}'s monitor; never the other way round.
 *
 * <p>Per-room state exists only for rooms that exist: a lock is made only for a room id checked
 * against the store (or one a member is in), and it is dropped with the room's other state when
 * the room is closed or deleted. Before, {@code sair} with a new long id each time made a lock per
 * id that was never freed (8,000 of them: 400 MiB).
 */
final class LiveRooms {

    final Presence presence = new Presence();
    final ReclaimKeys reclaimKeys;
    /** roomId → id of the newest message broadcast; a joiner's replay stops there. */
    final Map<String, Long> lastPublished;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ChatStorage store;
    private final Fanout fanout;

    LiveRooms(ChatStorage store, Fanout fanout, ReclaimKeys reclaimKeys) {
        this.store = store;
        this.fanout = fanout;
        this.reclaimKeys = reclaimKeys;
        this.lastPublished = new ConcurrentHashMap<>(store.lastMessageIds());
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

    /** Removes the connection from the room's presence and tells the room; call with the room locked. */
    Optional<String> depart(MemberConnection connection, String roomId) {
        Optional<String> nickname;
        int online;
        synchronized (presence) {
            nickname = presence.remove(roomId, connection.id());
            online = presence.count(roomId);
        }
        nickname.ifPresent(name -> fanout.publish(new RoomEvent.UserLeft(roomId, name, online)));
        return nickname;
    }

    /** Everyone leaves the room at once (it was closed or deleted); nobody is told here. */
    void forgetMembers(String roomId) {
        List<Presence.Member> members;
        synchronized (presence) {
            members = presence.clear(roomId);
        }
        reclaimKeys.forgetRoom(roomId);
        for (Presence.Member member : members) {
            member.connection().unsubscribe(roomId);
        }
    }

    /** The room is closed or deleted: its live state goes; call with the room locked. */
    void forget(String roomId) {
        locks.remove(roomId);
        lastPublished.remove(roomId);
    }

    /** Rooms with a lock now; for tests and the resource budget. */
    int liveRooms() {
        return locks.size();
    }
}
