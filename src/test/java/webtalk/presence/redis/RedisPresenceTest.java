package webtalk.presence.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import webtalk.chat.Presence;
import webtalk.chat.ports.PresenceContract;
import webtalk.redis.TestRedis;

/**
 * Presence in Redis keeps the port's contract, on a clock the test moves: a refreshed member never
 * expires, one that is not refreshed is swept once its lease has passed, and nothing is left behind.
 */
class RedisPresenceTest extends PresenceContract {

    static final Duration LEASE = Duration.ofSeconds(5);
    private final TestRedis redis = new TestRedis();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @Override
    protected Presence newPresence() {
        return new RedisPresence(redis.node("a"), clock, LEASE);
    }

    @Override
    protected void letTimePass(Duration duration) {
        clock.advance(duration);
    }

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Test
    void aMemberNotRefreshedIsSweptOnceAfterItsLease() {
        presence.claim("r1", new Presence.Member("c1", "Ana", "10.0.0.1"));
        presence.claim("r2", new Presence.Member("c1", "Ana", "10.0.0.1"));
        letTimePass(LEASE.minusMillis(1));
        assertEquals(List.of(), presence.sweepExpired());
        letTimePass(Duration.ofMillis(2));
        List<Presence.Expired> swept = presence.sweepExpired();
        assertEquals(2, swept.size());
        assertEquals(new Presence.Member("c1", "Ana", "10.0.0.1"), swept.get(0).member());
        assertEquals(List.of(), presence.sweepExpired(), "each expired member is returned once");
        assertEquals(0, presence.total());
        assertEquals(List.of(), presence.roomsOf("c1"));
        assertEquals(Optional.empty(), presence.nicknameOf("c1", "r1"));
        assertTrue(presence.occupiedRooms().isEmpty());
    }

    @Test
    void releasingEveryoneLeavesOnlyTheCounterBehind() {
        presence.claim("r1", new Presence.Member("c1", "Ana", "10.0.0.1"));
        presence.claim("r1", new Presence.Member("c2", "Bia", "10.0.0.2"));
        presence.release("r1", "c1");
        presence.clear("r1");
        assertEquals(List.of(redis.prefix() + "presence:seq"), redis.keys());
    }

    @Test
    void anotherNodesMemberIsSeenInTheRoomNotAsThisNodesConnection() {
        RedisPresence other = new RedisPresence(redis.node("b"), clock, LEASE);
        other.claim("r1", new Presence.Member("c9", "Caio", "10.0.0.9"));
        assertEquals(Optional.of("c9"), presence.holderOf("r1", "caio").map(Presence.Member::connectionId));
        assertEquals(1, presence.count("r1"));
        assertEquals(Optional.empty(), presence.nicknameOf("c9", "r1"), "nicknameOf answers for this node's connections");
        assertEquals(Optional.of("Caio"), other.nicknameOf("c9", "r1"));
    }

    @Test
    void aMemberSweptByAnotherNodeWhileThisOneStalledIsForgottenAtTheNextRefresh() {
        RedisPresence other = new RedisPresence(redis.node("b"), clock, LEASE);
        presence.claim("r1", new Presence.Member("c1", "Ana", "10.0.0.1"));
        presence.claim("r2", new Presence.Member("c1", "Ana", "10.0.0.1"));
        letTimePass(LEASE.plusSeconds(1));  // this node stalled: no refresh
        assertEquals(2, other.sweepExpired().size());
        presence.claim("r2", new Presence.Member("c1", "Ana", "10.0.0.1"));  // joins r2 again
        presence.refresh();
        assertEquals(Optional.empty(), presence.nicknameOf("c1", "r1"));
        assertEquals(List.of("r2"), presence.roomsOf("c1"));
        letTimePass(LEASE.minusSeconds(1));
        assertEquals(List.of(), other.sweepExpired(), "the refreshed membership stays");
    }
}
