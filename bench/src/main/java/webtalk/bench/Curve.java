package webtalk.bench;

import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Events over time in fixed buckets from an origin: a count per bucket (joins per 100 ms) and,
 * when latencies are recorded, a latency histogram per bucket (p99 per 5 s window). The number of
 * buckets is fixed, so memory is bounded; events before the origin or past the last bucket are
 * not counted. Safe for concurrent recorders.
 */
final class Curve {

    private final long originNanos;
    private final long bucketNanos;
    private final AtomicLongArray counts;
    private final Recorder[] latencies;

    /** {@code withLatencies}: keep a latency histogram per bucket (a few KB each). */
    Curve(long originNanos, long bucketNanos, int buckets, boolean withLatencies) {
        if (bucketNanos <= 0 || buckets <= 0) {
            throw new IllegalArgumentException("bucket width and count must be positive");
        }
        this.originNanos = originNanos;
        this.bucketNanos = bucketNanos;
        this.counts = new AtomicLongArray(buckets);
        this.latencies = withLatencies ? new Recorder[buckets] : null;
        if (withLatencies) {
            for (int i = 0; i < buckets; i++) {
                latencies[i] = new Recorder(3);
            }
        }
    }

    /** The bucket an instant falls in, or -1 outside the curve. */
    int bucket(long atNanos) {
        if (atNanos < originNanos) {
            return -1;
        }
        long index = (atNanos - originNanos) / bucketNanos;
        return index < counts.length() ? (int) index : -1;
    }

    /** One event at {@code atNanos}. */
    void count(long atNanos) {
        int i = bucket(atNanos);
        if (i >= 0) {
            counts.incrementAndGet(i);
        }
    }

    /** One event at {@code atNanos} that took {@code micros}. */
    void record(long atNanos, long micros) {
        int i = bucket(atNanos);
        if (i >= 0) {
            counts.incrementAndGet(i);
            if (latencies != null) {
                latencies[i].recordValue(Math.max(0, micros));
            }
        }
    }

    long count(int bucket) {
        return counts.get(bucket);
    }

    /** The largest bucket's count. */
    long peak() {
        long peak = 0;
        for (int i = 0; i < counts.length(); i++) {
            peak = Math.max(peak, counts.get(i));
        }
        return peak;
    }

    /** Counts per bucket, comma-separated, trailing empty buckets left off ("0" if none). */
    String countsText() {
        int last = counts.length() - 1;
        while (last > 0 && counts.get(last) == 0) {
            last--;
        }
        StringJoiner text = new StringJoiner(",");
        for (int i = 0; i <= last; i++) {
            text.add(Long.toString(counts.get(i)));
        }
        return text.toString();
    }

    /**
     * The given latency percentile of each bucket in milliseconds, comma-separated, every bucket
     * (an empty one is "-"). Reads each bucket's histogram once: call it when recording is over.
     */
    String percentileText(double percentile) {
        if (latencies == null) {
            throw new IllegalStateException("this curve records no latencies");
        }
        StringJoiner text = new StringJoiner(",");
        for (Recorder recorder : latencies) {
            Histogram h = recorder.getIntervalHistogram();
            text.add(h.getTotalCount() == 0 ? "-" : String.format("%.2f", h.getValueAtPercentile(percentile) / 1000.0));
        }
        return text.toString();
    }
}
