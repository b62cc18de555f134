package webtalk.security;

import java.time.Clock;
import java.time.Duration;

/**
 * Makes the {@link Attempts} counters the limits count with: in this process for one node, shared
 * for a cluster (so that spreading guesses over the nodes buys nothing). {@code name} tells one
 * counter's keys from another's where they share a store.
 */
@FunctionalInterface
public interface AttemptCounters {

    Attempts counter(String name, int maxAttempts, Duration window);

    /** This process's counters. */
    static AttemptCounters inMemory(Clock clock) {
        return (name, maxAttempts, window) -> new AttemptLimiter(maxAttempts, window, clock);
    }
}
