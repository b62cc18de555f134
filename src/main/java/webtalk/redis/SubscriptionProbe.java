package webtalk.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves a node's subscription alive the only way that proves it: every {@link #PERIOD_MS} it
 * publishes on its own probe channel and expects the message back through its own subscription.
 * A connected socket is not enough (socket.io's Redis adapter loses messages silently after a
 * reconnect whose resubscription failed); a probe heard within {@link #DEADLINE_MS} is.
 */
final class SubscriptionProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionProbe.class);
    static final long PERIOD_MS = 1_000;
    static final long DEADLINE_MS = 3_000;

    private final ScheduledExecutorService timer;
    private final List<Runnable> restoredListeners = new CopyOnWriteArrayList<>();
    /** Messages may have been missed since the subscription last heard: a catch-up is due when it hears again. */
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private volatile long lastHeardNanos = System.nanoTime();

    SubscriptionProbe(RedisConnections connections, String channel) {
        connections.subscribe(channel, message -> heard());
        lastHeardNanos = System.nanoTime();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "redis-probe-" + connections.node());
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (!alive() && interrupted.compareAndSet(false, true)) {
                LOG.warn("Redis subscription silent for {} ms: this node is not ready until it hears again", DEADLINE_MS);
            }
            // Fire and forget: a refused publish (connection down) is what the deadline detects.
            connections.async().publish(channel, Long.toString(System.currentTimeMillis()));
        }, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    boolean alive() {
        return System.nanoTime() - lastHeardNanos <= TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
    }

    void onRestored(Runnable listener) {
        restoredListeners.add(listener);
    }

    /**
     * The pub/sub connection dropped: even if Lettuce reconnects and resubscribes faster than the
     * deadline (so {@link #alive()} never turns false), what was published in between is lost to
     * this node, so the next probe heard runs the catch-up.
     */
    void connectionLost() {
        if (interrupted.compareAndSet(false, true)) {
            LOG.warn("Redis pub/sub connection lost: catching up from the store once it hears again");
        }
    }

    private void heard() {
        lastHeardNanos = System.nanoTime();
        if (interrupted.compareAndSet(true, false)) {
            LOG.info("Redis subscription hears again: catching up from the store");
            // On the probe's thread, not the dispatch thread: a catch-up reading the store must not hold up the events.
            timer.execute(this::restored);
        }
    }

    private void restored() {
        for (Runnable listener : restoredListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("catch-up after the Redis subscription came back failed", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
