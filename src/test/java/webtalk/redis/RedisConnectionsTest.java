package webtalk.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import webtalk.config.RedisUrl;

/**
 * The shared connections: channels under the prefix, resubscription after the pub/sub connection is
 * killed, and the probe telling a dead subscription from a live one (Redis cut by a proxy).
 */
class RedisConnectionsTest {

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Test
    void keysAndChannelsCarryThePrefix() {
        RedisConnections node = redis.node("a");
        assertEquals(redis.prefix() + "events", node.key("events"));
    }

    @Test
    void aKilledPubSubConnectionIsResubscribedByLettuceAndCaughtUpOnce() {
        RedisConnections node = redis.node("a");
        AtomicInteger restored = new AtomicInteger();
        node.onSubscriptionRestored(restored::incrementAndGet);
        List<String> heard = new CopyOnWriteArrayList<>();
        node.subscribe(node.key("test"), heard::add);
        redis.raw().publish(node.key("test"), "before");
        Eventually.within(Duration.ofSeconds(3), "the first message", () -> heard.contains("before"));

        long killed = redis.raw().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
        assertTrue(killed >= 1, "a pub/sub connection was killed");
        // The reconnect is quick; publish until one comes through the new subscription.
        Eventually.within(Duration.ofSeconds(5), "a message after the kill", () -> {
            redis.raw().publish(node.key("test"), "after");
            return heard.contains("after");
        });
        assertTrue(node.subscriptionAlive());
        // Too quick a reconnect for the probe's deadline, but messages may have been missed: a catch-up runs.
        Eventually.within(Duration.ofSeconds(3), "the catch-up after the reconnect", () -> restored.get() == 1);
    }

    @Test
    void theProbeTellsACutSubscriptionAndItsReturn() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(TestRedis.URL.port())) {
            RedisConnections node = redis.node("a", RedisUrl.parse("redis://127.0.0.1:" + proxy.port() + "/0"));
            AtomicInteger restored = new AtomicInteger();
            node.onSubscriptionRestored(restored::incrementAndGet);
            List<String> heard = new CopyOnWriteArrayList<>();
            node.subscribe(node.key("test"), heard::add);
            assertTrue(node.subscriptionAlive());

            proxy.cut();
            Duration deaf = Eventually.within(Duration.ofSeconds(6), "the probe noticing the cut", () -> !node.subscriptionAlive());
            assertEquals(0, restored.get());

            proxy.restore();
            Duration back = Eventually.within(Duration.ofSeconds(8), "the probe hearing again", node::subscriptionAlive);
            Eventually.within(Duration.ofSeconds(3), "the catch-up hook", () -> restored.get() == 1);
            redis.raw().publish(node.key("test"), "after the cut");
            Eventually.within(Duration.ofSeconds(3), "a message through the resubscribed channel", () -> heard.contains("after the cut"));
            System.out.printf("probe: not alive %d ms after the cut, alive again %d ms after the restore%n",
                    deaf.toMillis(), back.toMillis());
        }
    }

    @Test
    void commandsFailFastWhileRedisIsUnreachable() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(TestRedis.URL.port())) {
            RedisConnections node = redis.node("a", RedisUrl.parse("redis://127.0.0.1:" + proxy.port() + "/0"));
            proxy.cut();
            long start = System.nanoTime();
            boolean refused = false;
            try {
                node.call(r -> r.get(node.key("x")));
            } catch (RedisUnavailableException e) {
                refused = true;
            }
            assertTrue(refused);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis <= RedisConnections.COMMAND_TIMEOUT.toMillis() + 500, "refused after " + millis + " ms");
            assertFalse(node.async().publish(node.key("x"), "y").toCompletableFuture()
                    .handle((ok, failure) -> failure == null).get());
        }
    }
}
