package webtalk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void onlyMessagesSentInsideTheWindowCountTowardsLossAndLatency() {
        Tally tally = new Tally(1_000, 2_000);
        tally.sent(500, 10);      // warm-up: ignored
        tally.sent(1_500, 10);    // in the window: 10 deliveries expected
        tally.sent(2_500, 10);    // drain: ignored
        for (int i = 0; i < 9; i++) {
            tally.delivered(1_500, 1_500 + 2_000_000);   // 2 ms later
        }
        tally.delivered(500, 3_000);
        assertEquals(1, tally.sent());
        assertEquals(10, tally.expected());
        assertEquals(9, tally.delivered(), "one delivery lost");
        assertEquals(10, tally.allDeliveries());
        assertEquals(2_000, tally.latencyMicros().getValueAtPercentile(50), 2);
    }
}
