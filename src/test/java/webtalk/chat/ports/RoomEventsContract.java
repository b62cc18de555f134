package webtalk.chat.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import webtalk.chat.Message;
import webtalk.chat.RoomEvent;
import webtalk.chat.RoomEvents;
import webtalk.chat.StampedEvent;

/** What every {@link RoomEvents} guarantees; each implementation runs it by extending it. */
public abstract class RoomEventsContract {

    protected static final String NODE = "node-a";
    private RoomEvents events;
    private final List<StampedEvent> delivered = new CopyOnWriteArrayList<>();

    /** A fresh implementation publishing as {@code node}. */
    protected abstract RoomEvents newRoomEvents(String node);

    /** Waits until {@code count} events were delivered (an implementation may deliver on another thread). */
    protected void awaitDelivered(List<StampedEvent> delivered, int count) {
        assertEquals(count, delivered.size());
    }

    @BeforeEach
    void open() {
        events = newRoomEvents(NODE);
        events.subscribe(delivered::add);
    }

    @AfterEach
    void close() {
        events.close();
    }

    private static RoomEvent posted(String room, long id) {
        return new RoomEvent.MessagePosted(new Message(id, room, "ana", "oi " + id, Instant.parse("2026-12-01T10:00:00Z"), null));
    }

    @Test
    void ownEventsAreDeliveredLocallyStampedWithThisNode() {
        events.publish(new RoomEvent.UserJoined("r1", "ana", 1));
        awaitDelivered(delivered, 1);
        assertEquals(NODE, delivered.get(0).node());
        assertEquals(new RoomEvent.UserJoined("r1", "ana", 1), delivered.get(0).event());
    }

    @Test
    void eachEventIsDeliveredOnceToEachListener() {
        List<StampedEvent> second = new CopyOnWriteArrayList<>();
        events.subscribe(second::add);
        events.publish(posted("r1", 1));
        events.publish(new RoomEvent.UserTyping("r1", "ana"));
        events.publish(new RoomEvent.UserTyping("r1", "ana"));
        awaitDelivered(delivered, 3);
        awaitDelivered(second, 3);
    }

    @Test
    void aRoomsEventsArriveInTheOrderPublished() {
        List<RoomEvent> sent = new ArrayList<>();
        for (long id = 1; id <= 50; id++) {
            RoomEvent event = id % 5 == 0 ? new RoomEvent.MessageDeleted("r1", id - 1) : posted("r1", id);
            sent.add(event);
            events.publish(event);
            events.publish(posted("r2", id));
        }
        awaitDelivered(delivered, 100);
        assertEquals(sent, delivered.stream().filter(e -> e.roomId().equals("r1")).map(StampedEvent::event).toList());
    }

    @Test
    void aRepeatedRoomAndIdIsDeliveredOnce() {
        events.publish(posted("r1", 7));
        events.publish(posted("r1", 7));
        events.publish(posted("r2", 7));
        awaitDelivered(delivered, 2);
        assertEquals(List.of("r1", "r2"), delivered.stream().map(StampedEvent::roomId).toList());
    }

    @Test
    void eventsOtherThanMessagesAreToldApartByTheirStamp() {
        events.publish(new RoomEvent.UserLeft("r1", "ana", 0));
        events.publish(new RoomEvent.UserLeft("r1", "ana", 0));
        awaitDelivered(delivered, 2);
        assertEquals(2, delivered.stream().map(StampedEvent::id).distinct().count());
    }
}
