package webtalk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverSummaryTest {

    @Test
    void percentilesAreNearestRankOverTheSortedValues() {
        List<Long> values = List.of(10L, 1L, 9L, 2L, 8L, 3L, 7L, 4L, 6L, 5L);
        assertEquals("FAILOVER measure=rejoin count=10 min_ms=1 p50_ms=5 p90_ms=9 p99_ms=10 max_ms=10",
                Failover.summary("rejoin", values));
    }

    @Test
    void noValuesSayCountZero() {
        assertEquals("FAILOVER measure=presence count=0", Failover.summary("presence", List.of()));
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertEquals(7, Failover.rank(List.of(7L), 99));
    }
}
