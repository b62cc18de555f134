package webtalk.presence.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import webtalk.chat.ChatError;
import webtalk.chat.Presence;
import webtalk.config.RedisUrl;
import webtalk.redis.CuttableProxy;
import webtalk.redis.Eventually;
import webtalk.redis.RedisUnavailableException;
import webtalk.redis.TestRedis;

/** With Redis cut off, presence refuses loudly and fast, and what it could not release goes with its lease. */
class RedisPresenceFailureTest {

    private static final Duration LEASE = Duration.ofMillis(1000);
    private final TestRedis redis = new TestRedis();

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Test
    void aClaimWithRedisCutIsRefusedAsStoreUnavailableAndAnUnreleasedMemberExpires() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(TestRedis.URL.port())) {
            RedisPresence cutOff = new RedisPresence(redis.node("a", RedisUrl.parse("redis://127.0.0.1:" + proxy.port() + "/0")),
                    Clock.systemUTC(), LEASE);
            RedisPresence survivor = new RedisPresence(redis.node("b"), Clock.systemUTC(), LEASE);
            assertTrue(cutOff.claim("r1", new Presence.Member("c1", "Ana", "10.0.0.1")));
            proxy.cut();

            long start = System.nanoTime();
            RedisUnavailableException refused = assertThrows(RedisUnavailableException.class,
                    () -> cutOff.claim("r1", new Presence.Member("c2", "Bia", "10.0.0.2")));
            assertEquals(ChatError.STORE_UNAVAILABLE, refused.error());
            assertTrue(System.nanoTime() - start < 3_000_000_000L, "refused within the command timeout");

            // The connection closes while Redis is unreachable: the release fails, but this node forgets the member...
            assertThrows(RedisUnavailableException.class, () -> cutOff.release("r1", "c1"));
            assertEquals(Optional.empty(), cutOff.nicknameOf("c1", "r1"));
            proxy.restore();
            Eventually.within(Duration.ofSeconds(5), "the cut-off node answering again", () -> {
                try {
                    cutOff.refresh();
                    return true;
                } catch (RedisUnavailableException e) {
                    return false;
                }
            });
            // ...so it no longer refreshes it, and the survivor sweeps it (and tells the room) after the lease.
            List<Presence.Expired> swept = new ArrayList<>();
            Eventually.within(LEASE.multipliedBy(3), "the unreleased member swept", () -> {
                swept.addAll(survivor.sweepExpired());
                return !swept.isEmpty();
            });
            assertEquals(List.of(new Presence.Expired("r1", new Presence.Member("c1", "Ana", "10.0.0.1"))), swept);
        }
    }
}
