package webtalk.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * Counts for one measurement window: messages sent in it, deliveries of those messages, and
 * their end-to-end latency. A delivery counts only if its message was sent inside the window, so
 * warm-up and drain traffic never skew rate, latency or loss.
 */
final class Tally {

    private final long windowStart;
    private final long windowEnd;
    private final LongAdder sent = new LongAdder();
    private final LongAdder expected = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder allDeliveries = new LongAdder();
    private final Recorder latency = new Recorder(3);
    private final Histogram total = new Histogram(3);

    Tally(long windowStart, long windowEnd) {
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    boolean inWindow(long nanoTime) {
        return nanoTime >= windowStart && nanoTime < windowEnd;
    }

    void sent(long sentAt, int receivers) {
        if (inWindow(sentAt)) {
            sent.increment();
            expected.add(receivers);
        }
    }

    void delivered(long sentAt, long receivedAt) {
        allDeliveries.increment();
        if (sentAt >= 0 && inWindow(sentAt)) {
            delivered.increment();
            latency.recordValue(Math.max(0, receivedAt - sentAt) / 1000);
        }
    }

    long sent() {
        return sent.sum();
    }

    long expected() {
        return expected.sum();
    }

    long delivered() {
        return delivered.sum();
    }

    long allDeliveries() {
        return allDeliveries.sum();
    }

    /** Latency in microseconds, everything recorded so far. */
    synchronized Histogram latencyMicros() {
        total.add(latency.getIntervalHistogram());
        return total;
    }
}
