package webtalk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CurveTest {

    private static final long MS = 1_000_000;

    @Test
    void countsEventsPerBucketFromTheOriginAndLeavesOffTrailingEmptyBuckets() {
        Curve joins = new Curve(1_000 * MS, 100 * MS, 10, false);
        joins.count(999 * MS);       // before the origin: not counted
        joins.count(1_000 * MS);     // first bucket
        joins.count(1_099 * MS);
        joins.count(1_250 * MS);     // third bucket
        joins.count(2_000 * MS);     // past the tenth bucket: not counted
        assertEquals("2,0,1", joins.countsText());
        assertEquals(2, joins.peak());
        assertEquals(-1, joins.bucket(2_000 * MS));
    }

    @Test
    void anEmptyCurveIsOneZero() {
        assertEquals("0", new Curve(0, MS, 5, false).countsText());
    }

    @Test
    void givesEachWindowItsOwnPercentileAndADashForAnEmptyWindow() {
        Curve cold = new Curve(0, 5_000 * MS, 3, true);
        for (int i = 1; i <= 100; i++) {
            cold.record(1_000 * MS, i * 1_000L);          // window 0: 1..100 ms, p99 = 99 ms
            cold.record(11_000 * MS, 2_000L);             // window 2: all 2 ms
        }
        assertEquals("99.01,-,2.00", cold.percentileText(99));
    }

    @Test
    void aCurveWithoutLatenciesHasNoPercentiles() {
        assertThrows(IllegalStateException.class, () -> new Curve(0, MS, 5, false).percentileText(99));
    }
}
