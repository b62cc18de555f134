package webtalk.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brute-force brake: counts failed attempts per key (an address, a room, an address+room) in a
 * sliding window and blocks the key once it reaches the limit, until old failures age out.
 */
public final class AttemptLimiter {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public AttemptLimiter(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    public boolean blocked(String key) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times);
            return times.size() >= maxFailures;
        }
    }

    public void recordFailure(String key) {
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.millis());
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue());
                    return e.getValue().isEmpty();
                }
            });
        }
    }

    public void reset(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Long> times) {
        long oldest = clock.millis() - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() < oldest) {
            times.removeFirst();
        }
    }
}
