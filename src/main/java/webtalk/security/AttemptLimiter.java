package webtalk.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brute-force brake: counts attempts per key (an address, a room, an address+room) in a sliding
 * window and refuses the key once it reaches the limit, until old attempts age out.
 *
 * <p>Race-free by construction: {@link #tryAcquire} checks and counts in one step, before the
 * caller does the expensive check (a password hash), so N concurrent guesses get at most
 * {@code maxAttempts} checks. A caller whose check succeeds gives its attempt back with
 * {@link #forgive}: only failures keep counting. Entries are dropped once their window is empty,
 * and the map never holds more than {@link #MAX_KEYS} keys (a full sweep of stale keys runs
 * before a new one is added past that; if every key is live, the new key is refused — an
 * attacker cycling addresses fills the limiter, not the heap).
 */
public final class AttemptLimiter implements Attempts {

    static final int MAX_KEYS = 100_000;

    private final int maxAttempts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();

    public AttemptLimiter(int maxAttempts, Duration window, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one attempt for the key, unless it already has {@code maxAttempts} in the window: then false. */
    @Override
    public boolean tryAcquire(String key) {
        if (!attempts.containsKey(key) && attempts.size() >= MAX_KEYS) {
            sweep();
            if (attempts.size() >= MAX_KEYS) {
                return false;
            }
        }
        boolean[] acquired = {false};
        attempts.compute(key, (k, times) -> {
            Deque<Long> live = times == null ? new ArrayDeque<>() : times;
            prune(live);
            if (live.size() < maxAttempts) {
                live.addLast(clock.millis());
                acquired[0] = true;
            }
            return live.isEmpty() ? null : live;
        });
        return acquired[0];
    }

    /** Gives back the newest attempt of the key (its check succeeded). */
    @Override
    public void forgive(String key) {
        attempts.computeIfPresent(key, (k, times) -> {
            times.pollLast();
            return times.isEmpty() ? null : times;
        });
    }

    /** Whether the key has used up its attempts (nothing is counted). */
    @Override
    public boolean blocked(String key) {
        boolean[] blocked = {false};
        attempts.computeIfPresent(key, (k, times) -> {
            prune(times);
            blocked[0] = times.size() >= maxAttempts;
            return times.isEmpty() ? null : times;
        });
        return blocked[0];
    }

    /** Forgets every attempt of the key (e.g. after a successful login). */
    @Override
    public void reset(String key) {
        attempts.remove(key);
    }

    /** Keys held now; for tests and the resource budget. */
    @Override
    public int size() {
        return attempts.size();
    }

    /** Drops every key whose window has emptied; the housekeeping schedule calls it. */
    @Override
    public void sweep() {
        for (String key : attempts.keySet()) {
            attempts.computeIfPresent(key, (k, times) -> {
                prune(times);
                return times.isEmpty() ? null : times;
            });
        }
    }

    private void prune(Deque<Long> times) {
        long oldest = clock.millis() - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() < oldest) {
            times.removeFirst();
        }
    }
}
