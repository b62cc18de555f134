package webtalk.store;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * When a group-commit writer lets its next batch gather for a few milliseconds: only while some
 * room is busy, that is while at least {@link #BUSY_ROOM_MESSAGES} messages went into one room in
 * the last {@link #WINDOW_NANOS} (250 a second). Then the writer takes at most one batch every
 * {@link #LINGER_NANOS}, so a batch holds several of that room's messages: one commit for all of
 * them, and each member gets them in one write instead of one write each (see the socket layer's
 * batched writes). In a room of 100 at 1,000 messages a second that is about four messages per
 * commit and per write, for at most 4 ms more before a message goes out.
 *
 * <p>Below that rate nothing waits: a message that finds the writer idle is committed at once, so
 * a quiet server, or one with many rooms each receiving tens of messages a second, delivers as
 * fast as before (a member of a room at 40 messages a second would gain nothing from waiting: the
 * next message for its socket is 25 ms away).
 *
 * <p>What it holds is bounded: the rooms that received a message in the current window, forgotten
 * when the window ends. Used by the writer thread only; not thread-safe.
 */
public final class BusyRoomPacing {

    /** How long the rate of a room is counted over. */
    static final long WINDOW_NANOS = 100_000_000L;
    /** Messages into one room within a window that make it busy: 250 a second. */
    static final int BUSY_ROOM_MESSAGES = 25;
    /** While a room is busy, the least time between the starts of two batches. */
    static final long LINGER_NANOS = 4_000_000L;

    private final LongSupplier nanoTime;
    private final Map<String, Integer> messagesInWindow = new HashMap<>();
    private long windowStarted;
    /** A room reached the busy rate in the window before the current one. */
    private boolean busyBefore;
    /** A room reached the busy rate in the current window. */
    private boolean busyNow;
    private long lastBatchStarted;

    public BusyRoomPacing(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windowStarted = nanoTime.getAsLong();
        this.lastBatchStarted = windowStarted - LINGER_NANOS;
    }

    /**
     * Called when a first message is waiting: waits while a room is busy and the last batch started
     * less than {@link #LINGER_NANOS} ago, then notes that a batch starts now ({@link #counted}
     * follows for each of its messages).
     */
    public void lingerThenStartBatch() {
        long linger = lingerNanos();
        for (long until = nanoTime.getAsLong() + linger; linger > 0; linger = until - nanoTime.getAsLong()) {
            LockSupport.parkNanos(linger);
        }
        batchStarted();
    }

    /** How long to wait before taking the batch: zero unless {@link #pacing}. */
    long lingerNanos() {
        return pacing() ? Math.max(0, lastBatchStarted + LINGER_NANOS - nanoTime.getAsLong()) : 0;
    }

    void batchStarted() {
        lastBatchStarted = nanoTime.getAsLong();
        rollWindow(lastBatchStarted);
    }

    /** One message of the batch just started went into {@code roomId}. */
    public void counted(String roomId) {
        int messages = messagesInWindow.merge(roomId, 1, Integer::sum);
        if (messages >= BUSY_ROOM_MESSAGES) {
            busyNow = true;
        }
    }

    /** Whether a room is busy now, or was in the window that just ended. */
    boolean pacing() {
        rollWindow(nanoTime.getAsLong());
        return busyBefore || busyNow;
    }

    /** Rooms counted in the current window (what this holds; for tests). */
    int roomsCounted() {
        return messagesInWindow.size();
    }

    private void rollWindow(long now) {
        long elapsed = now - windowStarted;
        if (elapsed < WINDOW_NANOS) {
            return;
        }
        // A window that ended long ago says nothing about now.
        busyBefore = elapsed < 2 * WINDOW_NANOS && busyNow;
        busyNow = false;
        messagesInWindow.clear();
        windowStarted = now;
    }
}
