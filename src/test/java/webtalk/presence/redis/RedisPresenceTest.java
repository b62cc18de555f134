package webtalk.presence.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        assertTrue(presence.occupiedRooms().isEmpty());
        // This node swept its own members (it had stalled): it still knows them, and its next refresh says they were lost.
        assertEquals(List.of(new Presence.Lost("r1", "c1", "Ana"), new Presence.Lost("r2", "c1", "Ana")), presence.refresh());
        presence.release("r1", "c1");
        presence.release("r2", "c1");
        assertEquals(List.of(), presence.roomsOf("c1"));
        assertEquals(List.of(), presence.refresh());
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
    void aMemberSweptByAnotherNodeWhileThisOneStalledIsReturnedLostByTheNextRefresh() {
        RedisPresence other = new RedisPresence(redis.node("b"), clock, LEASE);
        presence.claim("r1", new Presence.Member("c1", "Ana", "10.0.0.1"));
        presence.claim("r2", new Presence.Member("c1", "Ana", "10.0.0.1"));
        presence.claim("r3", new Presence.Member("c2", "Bia", "10.0.0.2"));
        letTimePass(LEASE.plusSeconds(1));  // this node stalled: no refresh
        assertEquals(3, other.sweepExpired().size());
        presence.claim("r2", new Presence.Member("c1", "Ana", "10.0.0.1"));  // joins r2 again

        assertEquals(List.of(new Presence.Lost("r1", "c1", "Ana"), new Presence.Lost("r3", "c2", "Bia")),
                presence.refresh().stream().sorted(java.util.Comparator.comparing(Presence.Lost::roomId)).toList());
        assertEquals(Optional.of("Ana"), presence.nicknameOf("c1", "r1"), "known here until the domain settles it");
        assertEquals(List.of(new Presence.Lost("r1", "c1", "Ana"), new Presence.Lost("r3", "c2", "Bia")),
                presence.refresh().stream().sorted(java.util.Comparator.comparing(Presence.Lost::roomId)).toList(),
                "still lost at the next refresh, until settled");

        assertTrue(presence.claim("r1", new Presence.Member("c1", "Ana", "10.0.0.1")), "claimed back: the name was free");
        presence.release("r3", "c2");  // settled the other way: forgotten
        assertEquals(List.of(), presence.refresh());
        assertEquals(List.of("r2", "r1"), presence.roomsOf("c1"));
        assertEquals(List.of(), presence.roomsOf("c2"));
        letTimePass(LEASE.minusSeconds(1));
        assertEquals(List.of(), other.sweepExpired(), "the refreshed memberships stay");
        assertEquals(2, other.count("r1") + other.count("r2"));
    }

    @Test
    void aTakeOverReleasesTheHolderAndClaimsInOneStep() {
        RedisPresence other = new RedisPresence(redis.node("b"), clock, LEASE);
        presence.claim("r1", new Presence.Member("c1", "Ana", "10.0.0.1"));

        assertEquals(Optional.of("c1"), other.takeOver("r1", new Presence.Member("c2", "ana", "10.0.0.2")));

        assertEquals(Optional.of("c2"), presence.holderOf("r1", "Ana").map(Presence.Member::connectionId));
        assertEquals(1, presence.count("r1"));
        assertEquals(Optional.of("ana"), other.nicknameOf("c2", "r1"));
        assertEquals(List.of(new Presence.Lost("r1", "c1", "Ana")), presence.refresh(), "the old holder's node finds it lost");
        assertFalse(presence.claim("r1", new Presence.Member("c1", "Ana", "10.0.0.1")), "and cannot claim it back");
        assertEquals(Optional.empty(), presence.release("r1", "c1"), "nothing of c1 is left in Redis to release");
        assertEquals(Optional.empty(), other.takeOver("r2", new Presence.Member("c2", "Ana", "10.0.0.2")), "a free name: taken from nobody");
        letTimePass(LEASE.plusSeconds(1));
        assertEquals(Set.of("r1/c2", "r2/c2"), Set.copyOf(other.sweepExpired().stream()
                .map(e -> e.roomId() + "/" + e.member().connectionId()).toList()), "the taken-over lease is the new connection's only");
    }

    /**
     * A stalled node claiming the name back for the old connection while the person reclaims it on
     * a new connection elsewhere: whichever runs first, the reclaimer ends up holding the name and
     * the old connection does not (with a release and a claim as two steps, the stalled node's
     * claim could land between them and the reclaimer was refused {@code nome_em_uso}).
     */
    @Test
    void aClaimBackRacingATakeOverNeverKeepsTheNameFromTheReclaimer() throws Exception {
        Presence stalled = presence;
        RedisPresence reclaimer = new RedisPresence(redis.node("b"), clock, LEASE);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                String room = "race-" + round;
                Presence.Member old = new Presence.Member("old-" + round, "Ana", "10.0.0.1");
                Presence.Member fresh = new Presence.Member("new-" + round, "Ana", "10.0.0.2");
                if (round % 2 == 0) {
                    stalled.claim(room, old);  // still held by the old connection (not swept yet)
                }
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                var claimedBack = threads.submit(() -> {
                    go.await();
                    return stalled.claim(room, old);
                });
                var takenFrom = threads.submit(() -> {
                    go.await();
                    return reclaimer.takeOver(room, fresh);
                });
                go.countDown();
                boolean back = claimedBack.get(5, java.util.concurrent.TimeUnit.SECONDS);
                Optional<String> from = takenFrom.get(5, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(Optional.of(fresh.connectionId()), stalled.holderOf(room, "Ana").map(Presence.Member::connectionId),
                        "round " + round);
                assertEquals(1, stalled.count(room), "round " + round);
                assertEquals(round % 2 == 0 || back, from.isPresent(), "taken from the old connection iff it held the name, round " + round);
                assertEquals(Optional.empty(), stalled.release(room, old.connectionId()), "the old connection holds nothing, round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
