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
 * Message rate per key (a connection), as Bucket4j token buckets: {@code perMinute} tokens refilled
 * continuously, bursts up to a quarter of a minute's worth (at least 5). The rate is read on every
 * call, so an admin's change applies at once (the key's bucket is rebuilt at the new rate).
 */
public final class RateLimiter {

    private record Limited(int rate, Bucket bucket) {
    }

    private final IntSupplier perMinute;
    private final TimeMeter time;
    private final Map<String, Limited> buckets = new ConcurrentHashMap<>();

    public RateLimiter(IntSupplier perMinute, Clock clock) {
        this.perMinute = perMinute;
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
        int rate = perMinute.getAsInt();
        Limited limited = buckets.compute(key, (k, old) -> old != null && old.rate() == rate ? old : new Limited(rate, bucket(rate)));
        return limited.bucket().tryConsume(1);
    }

    private Bucket bucket(int rate) {
        long burst = Math.max(5, rate / 4);
        Bandwidth bandwidth = Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofMinutes(1)).initialTokens(burst).build();
        return Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build();
    }

    public void forget(String key) {
        buckets.remove(key);
    }
}
