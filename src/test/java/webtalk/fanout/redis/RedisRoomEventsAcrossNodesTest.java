package webtalk.fanout.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import webtalk.chat.ChatError;
import webtalk.chat.Message;
import webtalk.chat.RoomEvent;
import webtalk.chat.StampedEvent;
import webtalk.config.RedisUrl;
import webtalk.redis.CuttableProxy;
import webtalk.redis.Eventually;
import webtalk.redis.TestRedis;

/** Two nodes (two Redis connections) on one prefix: what A publishes reaches B once, and A once. */
class RedisRoomEventsAcrossNodesTest {

    private final TestRedis redis = new TestRedis();
    private RedisRoomEvents a;
    private RedisRoomEvents b;
    private final List<StampedEvent> onA = new CopyOnWriteArrayList<>();
    private final List<StampedEvent> onB = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        a = new RedisRoomEvents(redis.node("a"));
        b = new RedisRoomEvents(redis.node("b"));
        a.subscribe(onA::add);
        b.subscribe(onB::add);
    }

    @AfterEach
    void cleanUp() {
        a.close();
        b.close();
        redis.close();
    }

    private static RoomEvent posted(String room, long id) {
        return new RoomEvent.MessagePosted(new Message(id, room, "ana", "oi " + id, Instant.parse("2026-12-01T10:00:00.123456Z"), "c-" + id));
    }

    @Test
    void anEventPublishedOnAReachesBOnceAndAOnce() throws Exception {
        a.publish(posted("r1", 1));
        a.publish(new RoomEvent.UserJoined("r1", "ana", 1));
        Eventually.within(Duration.ofSeconds(3), "both on B", () -> onB.size() >= 2);
        Thread.sleep(200);  // room for a wrong second copy or an echo to arrive
        assertEquals(2, onB.size());
        assertEquals(2, onA.size(), "A's own events are not delivered again when Redis echoes them");
        assertEquals(List.of("a", "a"), onB.stream().map(StampedEvent::node).toList());
        assertEquals(onA, onB, "same stamps and events on both nodes");
    }

    @Test
    void everyKindCrossesTheWire() {
        List<RoomEvent> sent = List.of(posted("r1", 1), new RoomEvent.UserJoined("r1", "ana", 2), new RoomEvent.UserLeft("r1", "bia", 1),
                new RoomEvent.MessageDeleted("r1", 1), new RoomEvent.MemberRemoved("r1", "conn-7", "Caio", ChatError.BANNED),
                new RoomEvent.UserTyping("r1", "ana"), new RoomEvent.RoomClosed("r1", RoomEvent.RoomClosed.Reason.IDLE));
        sent.forEach(a::publish);
        Eventually.within(Duration.ofSeconds(3), "all kinds on B", () -> onB.size() >= sent.size());
        assertEquals(sent, onB.stream().map(StampedEvent::event).toList());
    }

    @Test
    void aRoomsEventsFromOneNodeArriveInOrderElsewhere() {
        List<RoomEvent> sent = new ArrayList<>();
        for (long id = 1; id <= 500; id++) {
            sent.add(id % 7 == 0 ? new RoomEvent.UserTyping("r1", "ana") : posted("r1", id));
        }
        long start = System.nanoTime();
        sent.forEach(a::publish);
        long published = System.nanoTime();
        Duration arrived = Eventually.within(Duration.ofSeconds(5), "500 on B", () -> onB.size() >= 500);
        System.out.printf("500 events (cold): publish returned after %d us; all on the other node after %d ms%n",
                (published - start) / 1000, arrived.toMillis() + (published - start) / 1_000_000);
        List<RoomEvent> again = new ArrayList<>();
        for (long id = 501; id <= 1000; id++) {
            again.add(posted("r1", id));
        }
        long warmStart = System.nanoTime();
        again.forEach(a::publish);
        long warmPublished = System.nanoTime();
        Duration warmArrived = Eventually.within(Duration.ofSeconds(5), "500 more on B", () -> onB.size() >= 1000);
        System.out.printf("500 events (warm): publish returned after %d us; all on the other node after %d ms%n",
                (warmPublished - warmStart) / 1000, warmArrived.toMillis() + (warmPublished - warmStart) / 1_000_000);
        sent.addAll(again);
        assertEquals(sent, onB.stream().map(StampedEvent::event).toList());
    }

    @Test
    void aMessagePublishedByTwoNodesIsDeliveredOnceOnEach() throws Exception {
        a.publish(posted("r1", 5));
        b.publish(posted("r1", 5));
        Eventually.within(Duration.ofSeconds(3), "delivered on both", () -> onA.size() >= 1 && onB.size() >= 1);
        Thread.sleep(200);
        assertEquals(1, onA.size());
        assertEquals(1, onB.size());
    }

    @Test
    void withRedisCutPublishingDeliversHereAtOnceAndCountsWhatOthersMiss() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(TestRedis.URL.port())) {
            RedisRoomEvents cutOff = new RedisRoomEvents(redis.node("c", RedisUrl.parse("redis://127.0.0.1:" + proxy.port() + "/0")));
            List<StampedEvent> onC = new CopyOnWriteArrayList<>();
            cutOff.subscribe(onC::add);
            proxy.cut();
            long start = System.nanoTime();
            for (long id = 1; id <= 100; id++) {
                cutOff.publish(posted("r9", id));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(100, onC.size(), "delivered on this node at once");
            assertTrue(millis < 500, "publish does not wait for Redis: 100 took " + millis + " ms");
            Eventually.within(Duration.ofSeconds(3), "the failures counted", () -> cutOff.publishFailures() == 100);
            assertTrue(onB.isEmpty());
            cutOff.close();
        }
    }

    @Test
    void aNodeRestartedUnderTheSameIdIsNotTakenForARepeat() throws Exception {
        RedisRoomEvents firstLife = new RedisRoomEvents(redis.node("c"));
        firstLife.publish(new RoomEvent.UserJoined("r1", "ana", 1));
        Eventually.within(Duration.ofSeconds(3), "the first life's event", () -> onB.size() == 1);
        firstLife.close();
        Thread.sleep(2);
        RedisRoomEvents secondLife = new RedisRoomEvents(redis.node("c"));
        secondLife.publish(new RoomEvent.UserJoined("r1", "ana", 1));
        Eventually.within(Duration.ofSeconds(3), "the second life's event", () -> onB.size() == 2);
        secondLife.close();
    }

    @Test
    void garbageOnTheChannelIsDroppedAndTheListenerGoesOn() {
        String channel = redis.prefix() + "events";
        redis.raw().publish(channel, "not json");
        redis.raw().publish(channel, "{\"n\":\"x\",\"s\":1,\"k\":\"q\",\"r\":\"r1\"}");
        redis.raw().publish(channel, "{\"n\":\"x\",\"s\":2,\"k\":\"j\",\"r\":\"r1\"}");
        a.publish(new RoomEvent.UserTyping("r1", "ana"));
        Eventually.within(Duration.ofSeconds(3), "the good event after the bad ones", () -> onB.size() == 1);
        Eventually.within(Duration.ofSeconds(3), "three unreadable counted", () -> b.unreadable() == 3);
        assertTrue(onB.get(0).event() instanceof RoomEvent.UserTyping);
    }
}
