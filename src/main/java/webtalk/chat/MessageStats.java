package webtalk.chat;

import java.time.Instant;
import java.util.Map;

/**
 * Counts for the admin's statistics. Guarantee: each answer reflects what was committed when it
 * was asked (no cache); it is read-only and never blocks a writer for long.
 */
public interface MessageStats {

    /** Rooms, active or not. */
    int countRooms();

    long countMessages();

    long countMessagesSince(Instant since);

    /** Message counts per minute since {@code since}, keyed by the minute's start, only minutes with messages. */
    Map<Instant, Long> messagesPerMinute(Instant since);
}
