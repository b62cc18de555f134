package webtalk.security;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Token bucket per key (a connection): {@code perMinute} tokens refilled continuously, bursts up
 * to a quarter of a minute's worth (at least 5). The rate is read on every call so an admin's
 * change applies at once.
 */
public final class RateLimiter {

    private final IntSupplier perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(IntSupplier perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }

    /** Takes one token; false when the key has none left. */
    public boolean tryAcquire(String key) {
        int rate = perMinute.getAsInt();
        double capacity = Math.max(5, rate / 4.0);
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * rate / 60_000.0);
            bucket.updatedAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    public void forget(String key) {
        buckets.remove(key);
    }
}
