package webtalk.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Coalesces {@code digitando}: at most one per member per room every {@link #INTERVAL} reaches the
 * room; the others are dropped silently (typing is a hint, never refused loudly). Without it one
 * client's 10,000 notices a second were fanned out to every member, and a long-polling member fell
 * behind and was dropped as a slow consumer. Holds one entry per (connection, room) it has let
 * through, only for members (the caller checks presence first), freed when they leave or disconnect.
 */
final class TypingThrottle {

    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Clock clock;
    /** connectionId → (roomId → millis of the last notice let through). */
    private final Map<String, Map<String, Long>> last = new HashMap<>();

    public TypingThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether this notice may go out; counts it if so. */
    synchronized boolean allow(String connectionId, String roomId) {
        long now = clock.millis();
        Map<String, Long> rooms = last.computeIfAbsent(connectionId, c -> new HashMap<>(4));
        Long previous = rooms.get(roomId);
        if (previous != null && now - previous < INTERVAL.toMillis()) {
            return false;
        }
        rooms.put(roomId, now);
        return true;
    }

    synchronized void left(String connectionId, String roomId) {
        Map<String, Long> rooms = last.get(connectionId);
        if (rooms != null) {
            rooms.remove(roomId);
            if (rooms.isEmpty()) {
                last.remove(connectionId);
            }
        }
    }

    synchronized void disconnected(String connectionId) {
        last.remove(connectionId);
    }

    synchronized int size() {
        return last.values().stream().mapToInt(Map::size).sum();
    }
}
