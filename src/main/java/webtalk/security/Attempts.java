package webtalk.security;

/**
 * A brute-force brake: attempts counted per key (an address, a room, an address+room) in a
 * sliding window, a key refused once it reaches the limit until old attempts age out. Guarantees:
 * {@link #tryAcquire} checks and counts in one step, so N concurrent guesses get at most the limit
 * of checks (on every node, for a cluster's implementation); what it holds is bounded and goes when
 * the window empties. Thread-safe.
 */
public interface Attempts {

    /** Counts one attempt for the key, unless it already has its limit in the window: then false. */
    boolean tryAcquire(String key);

    /** Gives back the newest attempt of the key (its check succeeded): only failures keep counting. */
    void forgive(String key);

    /** Whether the key has used up its attempts (nothing is counted). */
    boolean blocked(String key);

    /** Forgets every attempt of the key (e.g. after a successful login). */
    void reset(String key);

    /** Keys held in this process now; for tests and the resource budget. */
    int size();

    /** Drops every key whose window has emptied; the housekeeping schedule calls it. */
    void sweep();
}
