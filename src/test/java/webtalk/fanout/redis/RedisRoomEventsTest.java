package webtalk.fanout.redis;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import webtalk.chat.RoomEvents;
import webtalk.chat.StampedEvent;
import webtalk.chat.ports.RoomEventsContract;
import webtalk.redis.Eventually;
import webtalk.redis.TestRedis;

/** Room events over Redis keep the port's contract (a node's own events are delivered on the publishing thread). */
class RedisRoomEventsTest extends RoomEventsContract {

    private final TestRedis redis = new TestRedis();

    @Override
    protected RoomEvents newRoomEvents(String node) {
        return new RedisRoomEvents(redis.node(node));
    }

    @Override
    protected void awaitDelivered(List<StampedEvent> delivered, int count) {
        // Own events arrive at once; wait a little in case Redis echoed one back twice (it must not).
        Eventually.within(Duration.ofSeconds(3), count + " events delivered", () -> delivered.size() >= count);
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        org.junit.jupiter.api.Assertions.assertEquals(count, delivered.size());
    }

    @AfterEach
    void cleanUp() {
        redis.close();
    }
}
