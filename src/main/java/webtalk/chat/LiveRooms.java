package webtalk.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import webtalk.fanout.Fanout;
import webtalk.store.ChatStore;

/**
 * The rooms' live state on this node, shared by {@link ChatService} and {@link Moderation}: who is
 * in which room, the reclaim keys, the per-room locks, and the newest message published per room.
 * Lock order: a room's lock, then {@code presence}'s monitor; never the other way round.
 */
final class LiveRooms {

    final Presence presence = new Presence();
    final Map<String, String> reclaimKeys = new ConcurrentHashMap<>();
    /** roomId → id of the newest message broadcast; a joiner's replay stops there. */
    final Map<String, Long> lastPublished;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ChatStore store;
    private final Fanout fanout;

    LiveRooms(ChatStore store, Fanout fanout) {
        this.store = store;
        this.fanout = fanout;
        this.lastPublished = new ConcurrentHashMap<>(store.lastMessageIds());
    }

    Object lockOf(String roomId) {
        Object lock = locks.get(roomId);  // taken for every message: the plain read first
        return lock != null ? lock : locks.computeIfAbsent(roomId, id -> new Object());
    }

    static String memberKey(String roomId, String nickname) {
        return roomId + "\u0000" + Presence.key(nickname);
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
        for (Presence.Member member : members) {
            reclaimKeys.remove(memberKey(roomId, member.nickname()));
            member.connection().unsubscribe(roomId);
        }
    }

    /** The room is gone for good. */
    void forget(String roomId) {
        locks.remove(roomId);
        lastPublished.remove(roomId);
    }
}
