package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Repeats are dropped by (room, id); what is remembered stays bounded and goes with the room. */
class DeliveredOnceTest {

    private static StampedEvent posted(String node, long sequence, String room, long id) {
        return new StampedEvent(node, sequence, new RoomEvent.MessagePosted(new Message(id, room, "ana", "oi", Instant.EPOCH, null)));
    }

    @Test
    void aMessageIsDeliveredOnceWhicheverNodeRepeatsIt() {
        DeliveredOnce once = new DeliveredOnce();
        assertTrue(once.first(posted("a", 1, "r1", 10)));
        assertFalse(once.first(posted("b", 7, "r1", 10)));
        assertTrue(once.first(posted("a", 2, "r2", 10)));
    }

    @Test
    void otherEventsAreToldApartByNodeAndSequence() {
        DeliveredOnce once = new DeliveredOnce();
        StampedEvent typing = new StampedEvent("a", 1, new RoomEvent.UserTyping("r1", "ana"));
        assertTrue(once.first(typing));
        assertFalse(once.first(typing));
        assertTrue(once.first(new StampedEvent("b", 1, new RoomEvent.UserTyping("r1", "ana"))));
    }

    @Test
    void aMessageAtOrBelowTheRoomsNewestDeliveredIsARepeatAndAClosedRoomIsForgotten() {
        DeliveredOnce once = new DeliveredOnce();
        for (long id = 1; id <= DeliveredOnce.PER_ROOM + 1; id++) {
            assertTrue(once.first(posted("a", id, "r1", id)));
        }
        assertFalse(once.first(posted("b", 999, "r1", 1)), "ids are gap-free and in order per room: an old one is a repeat");
        assertFalse(once.first(posted("a", 1000, "r1", DeliveredOnce.PER_ROOM + 1)));
        assertTrue(once.first(posted("a", 1001, "r1", DeliveredOnce.PER_ROOM + 2)));
        once.forget("r1");
        assertEquals(0, once.rooms());
        assertTrue(once.first(posted("a", 1002, "r1", 1)), "a forgotten room starts again");
    }

    @Test
    void otherEventsAreRememberedInABoundedWindowPerRoom() {
        DeliveredOnce once = new DeliveredOnce();
        for (long sequence = 1; sequence <= DeliveredOnce.PER_ROOM + 1; sequence++) {
            once.first(new StampedEvent("a", sequence, new RoomEvent.UserTyping("r1", "ana")));
        }
        assertTrue(once.first(new StampedEvent("a", 1, new RoomEvent.UserTyping("r1", "ana"))), "out of the window: the oldest went");
        assertFalse(once.first(new StampedEvent("a", DeliveredOnce.PER_ROOM + 1, new RoomEvent.UserTyping("r1", "ana"))));
    }
}
