package webtalk.chat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's member connections, the objects that can send to a socket, by id. Kept apart from
 * {@link Presence}, which may span nodes: presence says who holds a name, this says whether the
 * holder's socket is here. A connection is registered when it joins a room and goes when it
 * disconnects, so it is bounded by the node's open connections.
 */
public final class Connections {

    private final Map<String, MemberConnection> byId = new ConcurrentHashMap<>();

    void add(MemberConnection connection) {
        byId.putIfAbsent(connection.id(), connection);
    }

    void remove(String connectionId) {
        byId.remove(connectionId);
    }

    /** The connection if it is on this node. */
    Optional<MemberConnection> find(String connectionId) {
        return Optional.ofNullable(byId.get(connectionId));
    }

    int size() {
        return byId.size();
    }
}
