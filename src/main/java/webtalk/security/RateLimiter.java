package webtalk.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Rate per key (a connection, an address), as Bucket4j token buckets: {@code perMinute} tokens
 * refilled continuously, bursts up to {@code burst} (by default a quarter of a minute's worth, at
 * least 5). The rate is read on every call, so an admin's change applies at once (the key's bucket
 * is rebuilt at the new rate).
 *
 * <p>Bounded: keys are dropped by {@link #forget} (their owner went) or by {@link #sweep} once their
 * bucket is full again (nothing to remember), and at most {@link #MAX_KEYS} are held: past that a
 * sweep runs, and if every key is still live a new key is refused (the limiter fills, not the heap).
 */
public final class RateLimiter {

    static final int MAX_KEYS = 100_000;

    private record Limited(int rate, long burst, Bucket bucket) {
    }

    private final IntSupplier perMinute;
    private final IntSupplier burst;
    private final TimeMeter time;
    private final Map<String, Limited> buckets = new ConcurrentHashMap<>();

    public RateLimiter(IntSupplier perMinute, Clock clock) {
        this(perMinute, () -> Math.max(5, perMinute.getAsInt() / 4), clock);
    }

    public RateLimiter(IntSupplier perMinute, IntSupplier burst, Clock clock) {
        this.perMinute = perMinute;
        this.burst = burst;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes one token; false when the key has none left. */
    public boolean tryAcquire(String key) {
        Bucket bucket = bucketOf(key);
        return bucket != null && bucket.tryConsume(1);
    }

    /** Whether the key has a token left (none is taken); a key in debt has none. */
    public boolean hasTokens(String key) {
        Bucket bucket = bucketOf(key);
        return bucket != null && bucket.getAvailableTokens() > 0;
    }

    /**
     * Takes {@code tokens} even if the key has fewer: the key goes into debt and is refused until
     * the refill pays it back. For costs known only after the work (messages replayed).
     */
    public void charge(String key, long tokens) {
        Bucket bucket = bucketOf(key);
        if (bucket != null && tokens > 0) {
            bucket.consumeIgnoringRateLimits(tokens);
        }
    }

    public void forget(String key) {
        buckets.remove(key);
    }

    /** Drops the keys whose bucket has refilled completely: they would behave as new keys anyway. */
    public void sweep() {
        buckets.entrySet().removeIf(e -> e.getValue().bucket().getAvailableTokens() >= e.getValue().burst());
    }

    /** Keys held now; for tests and the resource budget. */
    public int size() {
        return buckets.size();
    }

    /** Plain read first: this runs for every message. */
    private Bucket bucketOf(String key) {
        int rate = perMinute.getAsInt();
        Limited limited = buckets.get(key);
        if (limited != null && limited.rate() == rate) {
            return limited.bucket();
        }
        if (limited == null && buckets.size() >= MAX_KEYS) {
            sweep();
            if (buckets.size() >= MAX_KEYS) {
                return null;
            }
        }
        return buckets.compute(key, (k, old) -> old != null && old.rate() == rate ? old : newLimited(rate)).bucket();
    }

    private Limited newLimited(int rate) {
        long capacity = Math.max(1, burst.getAsInt());
        Bandwidth bandwidth = Bandwidth.builder().capacity(capacity).refillGreedy(rate, Duration.ofMinutes(1)).initialTokens(capacity).build();
        return new Limited(rate, capacity, Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build());
    }
}
