package webtalk.fanout;

import java.util.function.Consumer;
import webtalk.chat.RoomEvent;

/**
 * Delivers room events to the members connected to every node. Guarantee: each node's listener
 * gets each published event at most once, and events of one room in the order they were published
 * on one node. Publishing happens after the event's data is committed to the store, so a node that
 * misses an event (restart, network split) loses nothing a client cannot catch up on from the store.
 */
public interface Fanout extends AutoCloseable {

    void publish(RoomEvent event);

    /** The local delivery: called for every event published by any node, this one included. */
    void subscribe(Consumer<RoomEvent> listener);

    @Override
    void close();
}
