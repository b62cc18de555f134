package webtalk.socketio.websocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Coalesces writes: frames sent on this thread inside {@link #run} are queued on their
 * connections, and each connection is flushed once when the task ends, so a connection that
 * receives several frames in one batch (a group commit's messages and acks, a history replay)
 * gets them in one system call instead of one each. Outside a batch a send is written at once,
 * so a quiet connection gets no added delay. A batch flushes early after {@link #FLUSH_EVERY}
 * frames to bound how long the first of them waits.
 *
 * <p>An {@link #unhurried} batch is shared by all threads and flushed by a timer: for frames that
 * may wait a few milliseconds (who joined or left), so that a burst of them to the same
 * connections shares writes. A connection's frames still go out in the order they were queued: a
 * prompt frame sent to it meanwhile takes the waiting ones along.
 */
public final class BatchedWrites {

    static final int FLUSH_EVERY = 4096;
    /**
     * Each thread's slot, created once and never removed: a ThreadLocal that is set and removed
     * per batch makes every later look-up on that thread a slow miss, and there is one per frame.
     */
    private static final ThreadLocal<BatchedWrites[]> CURRENT = ThreadLocal.withInitial(() -> new BatchedWrites[1]);

    private final List<WebSocketConnection> touched = new ArrayList<>();
    private int queued;
    /** Only for an unhurried batch (else null): its flush is scheduled here, {@code delayMillis} after its first frame. */
    private final ScheduledExecutorService timer;
    private final long delayMillis;
    private boolean flushScheduled;

    private BatchedWrites() {
        this(null, 0);
    }

    private BatchedWrites(ScheduledExecutorService timer, long delayMillis) {
        this.timer = timer;
        this.delayMillis = delayMillis;
    }

    /**
     * A batch any thread may send into, flushed by {@code timer} at most {@code delayMillis} after
     * the first frame it holds: with many frames in that time, each connection gets them in one
     * write (a join storm into a room of n makes n² presence events, one system call each without it).
     */
    public static BatchedWrites unhurried(ScheduledExecutorService timer, long delayMillis) {
        return new BatchedWrites(timer, delayMillis);
    }

    /** Runs the task with this thread's writes batched; nested calls join the outer batch. */
    public static void run(Runnable task) {
        BatchedWrites[] slot = CURRENT.get();
        if (slot[0] != null) {
            task.run();
            return;
        }
        BatchedWrites batch = new BatchedWrites();
        slot[0] = batch;
        try {
            task.run();
        } finally {
            slot[0] = null;
            batch.flush();
        }
    }

    /**
     * Runs {@code task} inside this thread's batch (the one already open, or a new one flushed
     * when the task returns) and hands the batch to it: a caller sending to many connections
     * passes it to each {@link WebSocketConnection#send(java.nio.ByteBuffer, BatchedWrites)}
     * instead of looking it up once per receiver. The batch is only valid inside the task.
     */
    public static void inBatch(Consumer<BatchedWrites> task) {
        BatchedWrites[] slot = CURRENT.get();
        if (slot[0] != null) {
            task.accept(slot[0]);
            return;
        }
        BatchedWrites batch = new BatchedWrites();
        slot[0] = batch;
        try {
            task.accept(batch);
        } finally {
            slot[0] = null;
            batch.flush();
        }
    }

    /** The batch this thread is in, or null; look it up once per broadcast, not once per receiver. */
    public static BatchedWrites current() {
        return CURRENT.get()[0];
    }

    /** A frame was queued on {@code connection}; it is registered once per batch by the connection. */
    void defer(WebSocketConnection connection, boolean firstInBatch) {
        if (timer != null) {
            deferUnhurried(connection, firstInBatch);
            return;
        }
        if (firstInBatch) {
            touched.add(connection);
        }
        if (++queued >= FLUSH_EVERY) {
            flush();
        }
    }

    private void deferUnhurried(WebSocketConnection connection, boolean firstInBatch) {
        synchronized (this) {
            if (firstInBatch) {
                touched.add(connection);
            }
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
            try {
                timer.schedule(this::flushUnhurried, delayMillis, TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException shuttingDown) {
                // The timer is stopped (the server is closing): flush right here instead.
            }
        }
        flushUnhurried();
    }

    /** On the timer's thread: each connection queued into this batch meanwhile writes what waits. */
    private void flushUnhurried() {
        WebSocketConnection[] due;
        synchronized (this) {
            due = touched.toArray(new WebSocketConnection[0]);
            touched.clear();
            flushScheduled = false;
        }
        for (WebSocketConnection connection : due) {
            connection.flushDeferred(this);
        }
    }

    private void flush() {
        queued = 0;
        for (int i = 0; i < touched.size(); i++) {
            touched.get(i).flushDeferred(this);
        }
        touched.clear();
    }
}
