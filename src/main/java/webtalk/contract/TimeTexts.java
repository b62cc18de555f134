package webtalk.contract;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The two times every message carries, {@code horario} (HH:mm:ss in the server's zone, as the
 * original) and {@code timestamp} (ISO-8601 UTC, exactly as {@link Instant#toString()}), formatted
 * once per second instead of once per message: within one second only the milliseconds change.
 */
final class TimeTexts {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One second's text; replaced, never changed, so readers on any thread see a whole one. */
    private record Second(long epochSecond, ZoneId zone, String text) {
    }

    private static volatile Second lastClock = new Second(Long.MIN_VALUE, null, "");
    private static volatile Second lastIso = new Second(Long.MIN_VALUE, null, "");

    private TimeTexts() {
    }

    /** HH:mm:ss of {@code at} in {@code zone}. */
    static String clock(Instant at, ZoneId zone) {
        Second second = lastClock;
        if (second.epochSecond() != at.getEpochSecond() || !zone.equals(second.zone())) {
            second = new Second(at.getEpochSecond(), zone, CLOCK_TIME.format(at.atZone(zone)));
            lastClock = second;
        }
        return second.text();
    }

    /** {@code at.toString()}, e.g. 2026-12-01T18:45:31.120Z. */
    static String iso(Instant at) {
        int nanos = at.getNano();
        if (nanos % 1_000_000 != 0) {
            return at.toString();  // finer than milliseconds: not what WebTalk stores, left to the JDK
        }
        Second second = lastIso;
        if (second.epochSecond() != at.getEpochSecond()) {
            String whole = Instant.ofEpochSecond(at.getEpochSecond()).toString();
            second = new Second(at.getEpochSecond(), null, whole.substring(0, whole.length() - 1));
            lastIso = second;
        }
        int millis = nanos / 1_000_000;
        if (millis == 0) {
            return second.text() + 'Z';
        }
        char[] fraction = {'.', (char) ('0' + millis / 100), (char) ('0' + millis / 10 % 10), (char) ('0' + millis % 10), 'Z'};
        return second.text().concat(new String(fraction));
    }
}
