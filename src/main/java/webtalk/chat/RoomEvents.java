package webtalk.chat;

import java.util.function.Consumer;

/**
 * Room events between the nodes of a deployment: each is stamped with the node that published it
 * and delivered to every node's listeners, this one's included.
 *
 * <p>Guarantee: a listener gets each event once — a repeated {@link StampedEvent#id() (room, id)}
 * is dropped on delivery — and the events of one room in the order one node published them.
 * {@link #publish} is called after the event's data is committed, never under a room lock on the
 * store's thread, so an implementation may do network I/O in it; a node that misses an event
 * (restart, network split) loses nothing a client cannot catch up on from the store.
 */
public interface RoomEvents extends AutoCloseable {

    /**
     * Stamps the event with this node's id and delivers it to every node. Must not block on the
     * network: join, leave and moderation publish under their room's lock (so that a joiner's
     * {@code usuario_entrou} comes before its replay), so an implementation that talks to other
     * nodes hands the event to an asynchronous connection and returns; delivery to this node's own
     * listeners may run on the calling thread.
     */
    void publish(RoomEvent event);

    /** The local delivery: called for every event published by any node, this one included. */
    void subscribe(Consumer<StampedEvent> listener);

    @Override
    void close();
}
