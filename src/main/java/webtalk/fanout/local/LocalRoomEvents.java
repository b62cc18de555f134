package webtalk.fanout.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import webtalk.chat.DeliveredOnce;
import webtalk.chat.RoomEvent;
import webtalk.chat.RoomEvents;
import webtalk.chat.StampedEvent;

/**
 * Single-node room events: publishing stamps the event and calls the local listeners on the
 * publishing thread (so a batch the store commits is delivered inside its write-batching scope).
 */
public final class LocalRoomEvents implements RoomEvents {

    private final String node;
    private final AtomicLong sequence = new AtomicLong();
    private final DeliveredOnce delivered = new DeliveredOnce();
    private final List<Consumer<StampedEvent>> listeners = new CopyOnWriteArrayList<>();

    public LocalRoomEvents(String node) {
        this.node = node;
    }

    @Override
    public void publish(RoomEvent event) {
        StampedEvent stamped = new StampedEvent(node, sequence.incrementAndGet(), event);
        // Only a posted message can come twice here (its id is the message's); any other event's id
        // is this node's fresh sequence number, unique by construction: no need to remember it.
        if (event instanceof RoomEvent.MessagePosted && !delivered.first(stamped)) {
            return;
        }
        for (Consumer<StampedEvent> listener : listeners) {
            listener.accept(stamped);
        }
        if (event instanceof RoomEvent.RoomClosed) {
            delivered.forget(event.roomId());
        }
    }

    @Override
    public void subscribe(Consumer<StampedEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
