package webtalk.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per room with members on this node: the names those members were told are in the room (a join's
 * {@code usuarios}, then the {@code usuario_entrou} / {@code usuario_saiu} told since), so that
 * after this node missed events it can tell them only what changed ({@link #resync}). Messages a
 * node misses are read back from the store; joins and leaves are not stored, and a node whose
 * subscription to the other nodes' events dropped or went silent would otherwise leave its members
 * with names that left and without names that came, until they reconnect.
 *
 * <p>One record per room, not per connection: every member here is told the same events, and only
 * a joiner's list can differ from what the others were told (when events were missed before it
 * joined). Such names are kept as <em>doubtful</em> until an event about them is told to all, or
 * a resync tells them again.
 *
 * <p>Bounded by the room's membership: a room's record exists only while a connection of this node
 * is in the room (the last one out frees it), and holds that room's connections here and the names
 * told present (claimed names, plus a name whose leave was missed, until the resync that follows
 * the miss). Call under the room's lock, except {@link #disconnected}; thread-safe on its own.
 */
final class ToldPresence {

    /** What a resync tells the room's members here. */
    record Changes(List<String> entered, List<String> left) {
    }

    private static final class Told {
        final Set<String> connections = new HashSet<>();
        final Set<String> present = new LinkedHashSet<>();
        /** Names some members here may have been told otherwise (a subset of {@link #present}). */
        final Set<String> doubtful = new HashSet<>();
    }

    private final Map<String, Told> rooms = new HashMap<>();
    /**
     * The rooms each connection here is recorded in: a disconnect visits only those. Looking through
     * every room instead made each disconnect cost the node's number of live rooms, and a stop or a
     * network drop of n connections in n rooms n² steps under this lock (issue #16).
     */
    private final Map<String, Set<String>> roomsOf = new HashMap<>();

    /** A connection of this node entered the room: it is told its events from now on. */
    synchronized void subscribed(String roomId, String connectionId) {
        rooms.computeIfAbsent(roomId, id -> new Told()).connections.add(connectionId);
        roomsOf.computeIfAbsent(connectionId, id -> new HashSet<>(2)).add(roomId);
    }

    /** A connection of this node is out of the room; the last one out frees the room's record. */
    synchronized void unsubscribed(String roomId, String connectionId) {
        leave(roomId, connectionId);
        forgetRoomOf(connectionId, roomId);
    }

    /** The connection is gone: out of every room (also one presence forgot it in, e.g. after a stall). */
    synchronized void disconnected(String connectionId) {
        Set<String> joined = roomsOf.remove(connectionId);
        if (joined != null) {
            for (String roomId : joined) {
                leave(roomId, connectionId);
            }
        }
    }

    private void leave(String roomId, String connectionId) {
        Told told = rooms.get(roomId);
        if (told != null && told.connections.remove(connectionId) && told.connections.isEmpty()) {
            rooms.remove(roomId);
        }
    }

    /** The room was closed or deleted: nobody here is in it any more. */
    synchronized void forgetRoom(String roomId) {
        Told told = rooms.remove(roomId);
        if (told == null) {
            return;
        }
        for (String connectionId : told.connections) {
            forgetRoomOf(connectionId, roomId);
        }
    }

    /** The connection's record of the room goes; the connection's own entry with its last room. */
    private void forgetRoomOf(String connectionId, String roomId) {
        Set<String> joined = roomsOf.get(connectionId);
        if (joined != null && joined.remove(roomId) && joined.isEmpty()) {
            roomsOf.remove(connectionId);
        }
    }

    /** An event was told to this node's members of its room. */
    synchronized void told(RoomEvent event) {
        if (event instanceof RoomEvent.UserJoined joined) {
            Told told = rooms.get(joined.roomId());
            if (told != null) {
                told.present.add(joined.nickname());
                told.doubtful.remove(joined.nickname());
            }
        } else if (event instanceof RoomEvent.UserLeft left) {
            Told told = rooms.get(left.roomId());
            if (told != null) {
                told.present.remove(left.nickname());
                told.doubtful.remove(left.nickname());
            }
        }
    }

    /**
     * A joiner was answered {@code names}. Alone here, that is what the room's members here were
     * told; with others here, whatever it differs on from what they were told is doubtful.
     */
    synchronized void answered(String roomId, List<String> names) {
        Told told = rooms.get(roomId);
        if (told == null) {
            return;
        }
        if (told.connections.size() <= 1) {
            told.present.clear();
            told.present.addAll(names);
            told.doubtful.clear();
            return;
        }
        Set<String> answered = new HashSet<>(names);
        for (String name : told.present) {
            if (!answered.contains(name)) {
                told.doubtful.add(name);  // the joiner lacks it
            }
        }
        for (String name : names) {
            if (told.present.add(name)) {
                told.doubtful.add(name);  // the others lack it
            }
        }
    }

    /** Rooms with members here now. */
    synchronized List<String> rooms() {
        return new ArrayList<>(rooms.keySet());
    }

    /**
     * Who is in the room now is {@code present}: returns what the members here must be told for
     * their views to be that (a doubtful name is told again either way), and records it as told.
     */
    synchronized Changes resync(String roomId, List<String> present) {
        Told told = rooms.get(roomId);
        if (told == null) {
            return new Changes(List.of(), List.of());
        }
        Set<String> now = new LinkedHashSet<>(present);
        List<String> left = new ArrayList<>();
        for (String name : told.present) {
            if (!now.contains(name)) {
                left.add(name);
            }
        }
        List<String> entered = new ArrayList<>();
        for (String name : now) {
            if (!told.present.contains(name) || told.doubtful.contains(name)) {
                entered.add(name);
            }
        }
        told.present.clear();
        told.present.addAll(now);
        told.doubtful.clear();
        return new Changes(entered, left);
    }

    /** Rooms with a record; for tests and the resource budget. */
    synchronized int size() {
        return rooms.size();
    }

    /** Connections with a room recorded; for tests (each is freed with its last room). */
    synchronized int connections() {
        return roomsOf.size();
    }
}
