package webtalk.presence.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import webtalk.redis.Eventually;
import webtalk.redis.TestRedis;

/** A node's address is found by the others while it announces itself, and goes with its lease. */
class RedisNodeDirectoryTest {

    private final TestRedis redis = new TestRedis();

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Test
    void aLiveNodeIsFoundAndADeadOneGoesWithItsLease() {
        RedisNodeDirectory a = new RedisNodeDirectory(redis.node("a"), "http://127.0.0.1:5001", Duration.ofMillis(600));
        RedisNodeDirectory b = new RedisNodeDirectory(redis.node("b"), "http://127.0.0.1:5002", Duration.ofMillis(600));
        a.announce();
        b.announce();
        assertEquals(Optional.of("http://127.0.0.1:5001"), b.urlOf("a"));
        assertEquals(Optional.of("http://127.0.0.1:5002"), a.urlOf("b"));
        assertEquals(Optional.empty(), a.urlOf("nobody"));
        // a stops announcing (killed)
        Duration gone = Eventually.within(Duration.ofSeconds(2), "a's entry expiring", () -> b.urlOf("a").isEmpty());
        System.out.printf("node directory: a dead node's entry gone %d ms later (lease 600 ms)%n", gone.toMillis());
    }

    @Test
    void aClosedNodeLeavesAtOnce() {
        RedisNodeDirectory a = new RedisNodeDirectory(redis.node("a"), "http://127.0.0.1:5001", Duration.ofMinutes(1));
        RedisNodeDirectory b = new RedisNodeDirectory(redis.node("b"), "http://127.0.0.1:5002", Duration.ofMinutes(1));
        a.announce();
        a.close();
        assertEquals(Optional.empty(), b.urlOf("a"));
    }
}
