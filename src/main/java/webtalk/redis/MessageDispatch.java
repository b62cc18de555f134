package webtalk.redis;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that runs the pub/sub handlers of a node, in arrival order, off Lettuce's I/O
 * thread. Bounded: when handlers fall {@link #CAPACITY} messages behind, new ones are dropped and
 * counted (what is dropped is repaired from the store, like a message lost in a reconnect) rather
 * than held until memory runs out. A handler that throws is logged and the next message runs.
 */
final class MessageDispatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageDispatch.class);
    static final int CAPACITY = 100_000;

    private final ThreadPoolExecutor thread;
    private final AtomicLong dropped = new AtomicLong();

    MessageDispatch(String name) {
        thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(CAPACITY), runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        }, (runnable, executor) -> {
            if (dropped.getAndIncrement() == 0) {
                LOG.warn("Redis messages arrive faster than this node handles them: dropping (repaired from the store)");
            }
        });
    }

    void offer(Runnable handling) {
        thread.execute(() -> {
            try {
                handling.run();
            } catch (RuntimeException e) {
                LOG.error("a Redis message handler failed; the next message is handled", e);
            }
        });
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
