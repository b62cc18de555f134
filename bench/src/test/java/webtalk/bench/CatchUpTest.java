package webtalk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CatchUpTest {

    @Test
    void caughtUpOnceEveryMessageUpToTheAcksNewestIdHasArrivedInAnyOrder() {
        CatchUp client = new CatchUp();
        client.message(1, 10);
        client.message(2, 20);
        assertEquals(2, client.upTo(), "comes back with ultimo_id 2");
        client.left();
        assertFalse(client.joined(5, 100), "the room has 3..5 it has not seen");
        assertFalse(client.message(5, 110), "a live message before the replay");
        assertEquals(1, client.pastGap());
        client.message(3, 120);
        assertTrue(client.message(4, 130), "the replay fills the gap");
        assertEquals(130, client.caughtUpAt());
        assertEquals(5, client.upTo());
        assertEquals(0, client.pastGap());
        assertFalse(client.message(6, 140), "caught up once per join");
        assertEquals(130, client.caughtUpAt());
    }

    @Test
    void aServerWithoutMessageIdsCatchesUpOnTheJoinAck() {
        CatchUp client = new CatchUp();
        client.message(-1, 10);
        client.left();
        assertEquals(-1, client.caughtUpAt());
        assertTrue(client.joined(-1, 50));
        assertEquals(50, client.caughtUpAt());
    }

    @Test
    void leavingStartsANewCatchUp() {
        CatchUp client = new CatchUp();
        assertTrue(client.joined(0, 5));
        client.left();
        assertFalse(client.joined());
        assertEquals(-1, client.caughtUpAt());
    }
}
