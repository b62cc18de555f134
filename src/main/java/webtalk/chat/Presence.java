package webtalk.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is online in which room on this node, and under which name. A nickname is unique per room
 * by its {@link NameKeys key}: no two members' names look alike. Not thread-safe on its own:
 * {@link ChatService} calls it under its lock.
 */
final class Presence {

    /** roomId → (nickname key → member) in join order. */
    private final Map<String, Map<String, Member>> rooms = new HashMap<>();
    /** connectionId → (roomId → nickname). */
    private final Map<String, Map<String, String>> connections = new HashMap<>();

    record Member(MemberConnection connection, String nickname) {
    }

    static String key(String nickname) {
        return NameKeys.of(nickname);
    }

    Optional<Member> holderOf(String roomId, String nickname) {
        return Optional.ofNullable(rooms.getOrDefault(roomId, Map.of()).get(key(nickname)));
    }

    Optional<String> nicknameOf(String connectionId, String roomId) {
        return Optional.ofNullable(connections.getOrDefault(connectionId, Map.of()).get(roomId));
    }

    void add(String roomId, MemberConnection connection, String nickname) {
        rooms.computeIfAbsent(roomId, r -> new LinkedHashMap<>()).put(key(nickname), new Member(connection, nickname));
        connections.computeIfAbsent(connection.id(), c -> new HashMap<>()).put(roomId, nickname);
    }

    /** @return the nickname the connection had in the room, if any */
    Optional<String> remove(String roomId, String connectionId) {
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
            members.remove(key(nickname));
            if (members.isEmpty()) {
                rooms.remove(roomId);
            }
        }
        return Optional.of(nickname);
    }

    /** The rooms a connection is in. */
    List<String> roomsOf(String connectionId) {
        return new ArrayList<>(connections.getOrDefault(connectionId, Map.of()).keySet());
    }

    List<Member> members(String roomId) {
        return new ArrayList<>(rooms.getOrDefault(roomId, Map.of()).values());
    }

    int count(String roomId) {
        return rooms.getOrDefault(roomId, Map.of()).size();
    }

    int total() {
        return rooms.values().stream().mapToInt(Map::size).sum();
    }

    java.util.Set<String> occupiedRooms() {
        return new java.util.HashSet<>(rooms.keySet());
    }

    /** Forgets everyone in the room; returns who was there. */
    List<Member> clear(String roomId) {
        List<Member> members = members(roomId);
        for (Member member : members) {
            remove(roomId, member.connection().id());
        }
        return members;
    }
}
