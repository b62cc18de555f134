package webtalk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BusyRoomPacingTest {

    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final BusyRoomPacing pacing = new BusyRoomPacing(now::get);

    /** One batch of {@code messages} into {@code room}, {@code gapMs} after the previous one. */
    private long batch(String room, int messages, long gapMs) {
        now.addAndGet(gapMs * MS);
        long linger = pacing.lingerNanos();
        now.addAndGet(linger);
        pacing.batchStarted();
        for (int i = 0; i < messages; i++) {
            pacing.counted(room);
        }
        return linger;
    }

    @Test
    void aQuietRoomNeverWaits() {
        for (int i = 0; i < 100; i++) {
            assertEquals(0, batch("sala", 1, 10));
        }
        assertFalse(pacing.pacing());
    }

    @Test
    void manyRoomsAtTensOfMessagesASecondEachNeverWait() {
        // 400 messages a second spread over 10 rooms: the 40k deliveries/s fan-out.
        for (int i = 0; i < 400; i++) {
            assertEquals(0, batch("sala-" + (i % 10), 1, 2), "batch " + i);
        }
    }

    @Test
    void aBusyRoomGetsAtMostOneBatchEveryLinger() {
        for (int i = 0; i < BusyRoomPacing.BUSY_ROOM_MESSAGES - 1; i++) {
            assertEquals(0, batch("sala", 1, 1));
        }
        assertEquals(0, batch("sala", 1, 1), "the message that makes the room busy is not held");
        assertTrue(pacing.pacing());
        assertEquals(BusyRoomPacing.LINGER_NANOS - MS, batch("sala", 1, 1));
        assertEquals(0, batch("sala", 3, 5), "a batch that started long enough ago lets the next go at once");
        assertEquals(BusyRoomPacing.LINGER_NANOS, batch("outra", 1, 0), "while a room is busy every batch is paced");
    }

    @Test
    void pacingEndsOneWindowAfterTheRoomCalms() {
        for (int i = 0; i < BusyRoomPacing.BUSY_ROOM_MESSAGES; i++) {
            batch("sala", 1, 1);
        }
        assertTrue(pacing.pacing());
        now.addAndGet(BusyRoomPacing.WINDOW_NANOS);
        assertTrue(pacing.pacing(), "the window that ended was busy");
        batch("sala", 1, 0);
        now.addAndGet(BusyRoomPacing.WINDOW_NANOS);
        assertFalse(pacing.pacing(), "a whole window below the rate ends the pacing");
        assertEquals(0, batch("sala", 1, 1));
    }

    @Test
    void aLongSilenceForgetsABusyWindow() {
        for (int i = 0; i < BusyRoomPacing.BUSY_ROOM_MESSAGES; i++) {
            batch("sala", 1, 1);
        }
        now.addAndGet(3 * BusyRoomPacing.WINDOW_NANOS);
        assertEquals(0, batch("sala", 1, 0));
        assertFalse(pacing.pacing());
    }

    @Test
    void forgetsTheRoomsOfAWindowWhenItEnds() {
        for (int i = 0; i < 1_000; i++) {
            pacing.counted("sala-" + i);
        }
        assertEquals(1_000, pacing.roomsCounted());
        now.addAndGet(BusyRoomPacing.WINDOW_NANOS);
        batch("sala", 1, 0);
        assertEquals(1, pacing.roomsCounted());
    }
}
