package webtalk.presence.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import webtalk.chat.Presence;

/**
 * Single-node presence, in memory. One monitor guards both indexes, so a claim is atomic; members
 * never expire ({@link #refresh} has nothing to do): a member goes when its connection leaves or
 * closes, which on one node is always seen.
 */
public final class LocalPresence implements Presence {

    /** roomId → (nickname key → member) in join order. */
    private final Map<String, Map<String, Member>> rooms = new HashMap<>();
    /** connectionId → (roomId → nickname). */
    private final Map<String, Map<String, String>> connections = new HashMap<>();

    @Override
    public synchronized boolean claim(String roomId, Member member) {
        Member holder = rooms.getOrDefault(roomId, Map.of()).get(Presence.key(member.nickname()));
        if (holder != null && !holder.connectionId().equals(member.connectionId())) {
            return false;
        }
        release(roomId, member.connectionId());
        rooms.computeIfAbsent(roomId, r -> new LinkedHashMap<>()).put(Presence.key(member.nickname()), member);
        connections.computeIfAbsent(member.connectionId(), c -> new HashMap<>()).put(roomId, member.nickname());
        return true;
    }

    @Override
    public synchronized Optional<String> takeOver(String roomId, Member member) {
        Member holder = rooms.getOrDefault(roomId, Map.of()).get(Presence.key(member.nickname()));
        Optional<String> from = Optional.ofNullable(holder).map(Member::connectionId)
                .filter(connection -> !connection.equals(member.connectionId()));
        from.ifPresent(connection -> release(roomId, connection));
        claim(roomId, member);
        return from;
    }

    @Override
    public synchronized Optional<String> release(String roomId, String connectionId) {
        Map<String, String> joined = connections.get(connectionId);
        String nickname = joined == null ? null : joined.remove(roomId);
        if (nickname == null) {
            return Optional.empty();
        }
        if (joined.isEmpty()) {
            connections.remove(connectionId);
        }
        Map<String, Member> members = rooms.get(roomId);
        if (members != null) {
            members.remove(Presence.key(nickname));
            if (members.isEmpty()) {
                rooms.remove(roomId);
            }
        }
        return Optional.of(nickname);
    }

    @Override
    public synchronized Optional<Member> holderOf(String roomId, String nickname) {
        return Optional.ofNullable(rooms.getOrDefault(roomId, Map.of()).get(Presence.key(nickname)));
    }

    @Override
    public synchronized Optional<String> nicknameOf(String connectionId, String roomId) {
        return Optional.ofNullable(connections.getOrDefault(connectionId, Map.of()).get(roomId));
    }

    @Override
    public synchronized List<String> roomsOf(String connectionId) {
        return new ArrayList<>(connections.getOrDefault(connectionId, Map.of()).keySet());
    }

    @Override
    public synchronized List<Member> members(String roomId) {
        return new ArrayList<>(rooms.getOrDefault(roomId, Map.of()).values());
    }

    @Override
    public synchronized int count(String roomId) {
        return rooms.getOrDefault(roomId, Map.of()).size();
    }

    @Override
    public synchronized int total() {
        int total = 0;
        for (Map<String, Member> members : rooms.values()) {
            total += members.size();
        }
        return total;
    }

    @Override
    public synchronized Set<String> occupiedRooms() {
        return new HashSet<>(rooms.keySet());
    }

    @Override
    public synchronized List<Member> clear(String roomId) {
        List<Member> members = members(roomId);
        for (Member member : members) {
            release(roomId, member.connectionId());
        }
        return members;
    }

    @Override
    public List<Expired> sweepExpired() {
        return List.of();  // a member here lives as long as its connection
    }

    @Override
    public List<Lost> refresh() {
        return List.of();  // one node: its members are as alive as their connections, whose close releases them
    }
}
