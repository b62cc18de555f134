package webtalk.fanout.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.DeliveredOnce;
import webtalk.chat.RoomEvent;
import webtalk.chat.RoomEvents;
import webtalk.chat.StampedEvent;
import webtalk.redis.RedisConnections;

/**
 * Room events between nodes over one Redis pub/sub channel ({@code <prefix>events}, all rooms).
 *
 * <p>{@link #publish} stamps the event (this node, its next sequence number), delivers it to this
 * node's listeners at once on the calling thread (as {@code LocalRoomEvents}: a committed batch is
 * delivered inside its write-batching scope), then hands it to Redis asynchronously and returns.
 * Publishes are pipelined by Lettuce on the shared command connection (auto-flush: each goes to the
 * socket as issued, none waits for another's answer); a batch committed together is published back
 * to back without a round trip between its messages.
 *
 * <p>Failure behaviour: publish never blocks and never throws for Redis. If Redis refuses the
 * publish (down, reconnecting) the event is lost to the other nodes and counted in
 * {@link #publishFailures()}; they repair posted messages from the store (position check), and the
 * other kinds are ephemeral or repeated by their periodic checks. An event received from Redis is
 * dropped if it is this node's own (already delivered locally, told by its stamp), a repeat
 * ({@link DeliveredOnce}), or unreadable (logged once, counted; the subscription goes on).
 */
public final class RedisRoomEvents implements RoomEvents {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRoomEvents.class);

    private final RedisConnections redis;
    private final String node;
    private final String channel;
    private final EventCodec codec = new EventCodec();
    /**
     * Starts from the clock, not 0: other nodes tell a non-message event by (node, sequence), so a
     * node restarted under the same NODE_ID must not reuse the numbers its previous life published
     * (they would be dropped as repeats). 2^20 numbers per millisecond of the previous life's uptime.
     */
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() << 20);
    private final DeliveredOnce delivered = new DeliveredOnce();
    private final List<Consumer<StampedEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Publishes are failing now: logged once per outage, not once per event. */
    private final AtomicBoolean failing = new AtomicBoolean();

    public RedisRoomEvents(RedisConnections redis) {
        this.redis = redis;
        this.node = redis.node();
        this.channel = redis.key("events");
        redis.subscribe(channel, this::received);
    }

    @Override
    public void publish(RoomEvent event) {
        StampedEvent stamped = new StampedEvent(node, sequence.incrementAndGet(), event);
        if (deliverOnce(stamped)) {
            String text = codec.encode(stamped);
            try {
                redis.async().publish(channel, text).whenComplete((receivers, failure) -> {
                    if (failure != null) {
                        failedPublish(failure);
                    } else if (failing.get() && failing.compareAndSet(true, false)) {
                        LOG.info("Redis takes room events again ({} lost so far)", publishFailures.get());
                    }
                });
            } catch (RuntimeException failure) {
                failedPublish(failure);
            }
        }
    }

    @Override
    public void subscribe(Consumer<StampedEvent> listener) {
        listeners.add(listener);
    }

    /** Events other nodes did not get from this one because Redis refused the publish. */
    public long publishFailures() {
        return publishFailures.get();
    }

    /** Messages on the channel that were not events this node understands. */
    public long unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() {
        closed.set(true);
        listeners.clear();
    }

    private void received(String text) {
        if (closed.get()) {
            return;
        }
        StampedEvent stamped;
        try {
            stamped = codec.decode(text);
        } catch (EventCodec.MalformedEvent e) {
            if (unreadable.getAndIncrement() == 0) {
                LOG.warn("dropping an unreadable message on {} ({}); further ones are only counted", channel, e.getMessage());
            }
            return;
        }
        if (!stamped.node().equals(node)) {
            deliverOnce(stamped);
        }
    }

    /** @return whether it was delivered (false for a repeat) */
    private boolean deliverOnce(StampedEvent stamped) {
        // This node's events other than messages have fresh stamps: only a posted message can repeat.
        boolean own = stamped.node().equals(node);
        if ((!own || stamped.event() instanceof RoomEvent.MessagePosted) && !delivered.first(stamped)) {
            return false;
        }
        for (Consumer<StampedEvent> listener : listeners) {
            listener.accept(stamped);
        }
        if (stamped.event() instanceof RoomEvent.RoomClosed) {
            delivered.forget(stamped.roomId());
        }
        return true;
    }

    private void failedPublish(Throwable failure) {
        publishFailures.incrementAndGet();
        if (failing.compareAndSet(false, true)) {
            LOG.warn("Redis refused a room event publish ({}): other nodes repair from the store; failures are counted"
                    + " until it takes them again", failure.getMessage());
        }
    }
}
