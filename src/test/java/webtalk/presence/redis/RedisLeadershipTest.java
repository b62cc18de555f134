package webtalk.presence.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import webtalk.redis.Eventually;
import webtalk.redis.TestRedis;

/** One leader at a time; the lease moves to another node when its holder stops renewing or gives it up. */
class RedisLeadershipTest {

    private static final Duration LEASE = Duration.ofMillis(800);
    private final TestRedis redis = new TestRedis();

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Test
    void theHolderKeepsLeadingWhileItRenews() throws Exception {
        RedisLeadership a = new RedisLeadership(redis.node("a"), LEASE);
        RedisLeadership b = new RedisLeadership(redis.node("b"), LEASE);
        assertTrue(a.leads());
        for (int i = 0; i < 8; i++) {  // 1.6 s: twice the lease
            Thread.sleep(200);
            assertTrue(a.leads(), "renewed");
            assertFalse(b.leads(), "only one leader");
        }
    }

    @Test
    void leadershipMovesWhenTheLeaderStopsRenewing() {
        RedisLeadership a = new RedisLeadership(redis.node("a"), LEASE);
        RedisLeadership b = new RedisLeadership(redis.node("b"), LEASE);
        assertTrue(a.leads());
        assertFalse(b.leads());
        // a is killed: it never asks again, and does not give the lease up.
        Duration takeover = Eventually.within(LEASE.multipliedBy(3), "b leading", b::leads);
        assertTrue(takeover.toMillis() >= LEASE.toMillis() - 100, "not before the lease ran out: " + takeover.toMillis() + " ms");
        assertFalse(a.leads(), "a, back, finds b leading");
        System.out.printf("leadership: taken over %d ms after the leader's last renewal (lease %d ms)%n",
                takeover.toMillis(), LEASE.toMillis());
    }

    @Test
    void aLeaderThatClosesGivesTheLeadUpAtOnce() {
        RedisLeadership a = new RedisLeadership(redis.node("a"), Duration.ofMinutes(1));
        RedisLeadership b = new RedisLeadership(redis.node("b"), Duration.ofMinutes(1));
        assertTrue(a.leads());
        b.close();  // a non-holder closing takes nothing away
        assertFalse(b.leads());
        a.close();
        assertTrue(b.leads());
    }
}
