package webtalk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeTextsTest {

    @Test
    void isoIsExactlyWhatTheJdkPrints() {
        SplittableRandom random = new SplittableRandom(6);
        long base = Instant.parse("2026-12-01T18:45:31Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            // runs of instants inside one second and across seconds, whole seconds included
            Instant at = Instant.ofEpochMilli(base + random.nextLong(0, 5_000) * (i % 7 == 0 ? 1000 : 1));
            assertEquals(at.toString(), TimeTexts.iso(at));
        }
        Instant nanos = Instant.parse("2026-12-01T18:45:31.123456789Z");
        assertEquals(nanos.toString(), TimeTexts.iso(nanos));
        Instant early = Instant.parse("1970-01-01T00:00:00.010Z");
        assertEquals("1970-01-01T00:00:00.010Z", TimeTexts.iso(early));
    }

    @Test
    void clockIsHoursMinutesSecondsInTheZone() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("HH:mm:ss");
        SplittableRandom random = new SplittableRandom(7);
        for (ZoneId zone : new ZoneId[] {ZoneId.of("America/Sao_Paulo"), ZoneId.of("UTC"), ZoneId.of("Asia/Kolkata")}) {
            for (int i = 0; i < 5_000; i++) {
                Instant at = Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L));
                assertEquals(reference.format(at.atZone(zone)), TimeTexts.clock(at, zone));
                assertEquals(reference.format(at.plusMillis(1).atZone(zone)), TimeTexts.clock(at.plusMillis(1), zone));
            }
        }
    }
}
