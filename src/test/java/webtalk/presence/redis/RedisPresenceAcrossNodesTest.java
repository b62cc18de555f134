package webtalk.presence.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import webtalk.chat.Presence;
import webtalk.redis.TestRedis;

/** Presence seen from several nodes (separate Redis connections) on the real clock. */
class RedisPresenceAcrossNodesTest {

    private static final Duration LEASE = Duration.ofMillis(1500);
    private final TestRedis redis = new TestRedis();
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void cleanUp() {
        pool.shutdownNow();
        redis.close();
    }

    private RedisPresence node(String id) {
        return new RedisPresence(redis.node(id), clock, LEASE);
    }

    @Test
    void twoNodesRacingForOneNicknameHaveExactlyOneWinnerEachTime() throws Exception {
        RedisPresence a = node("a");
        RedisPresence b = node("b");
        int winsA = 0;
        for (int round = 0; round < 50; round++) {
            String room = "race-" + round;
            CountDownLatch start = new CountDownLatch(1);
            Future<Boolean> onA = pool.submit(() -> {
                start.await();
                return a.claim(room, new Presence.Member("ca" + round(room), "Bia", "10.0.0.1"));
            });
            Future<Boolean> onB = pool.submit(() -> {
                start.await();
                return b.claim(room, new Presence.Member("cb" + round(room), "BIA", "10.0.0.2"));
            });
            start.countDown();
            boolean wonA = onA.get(5, TimeUnit.SECONDS);
            boolean wonB = onB.get(5, TimeUnit.SECONDS);
            assertTrue(wonA ^ wonB, "round " + round + ": exactly one winner (a " + wonA + ", b " + wonB + ")");
            String holder = b.holderOf(room, "bia").orElseThrow().connectionId();
            assertEquals(wonA ? "ca" : "cb", holder.substring(0, 2), "both nodes agree on the winner");
            assertEquals(1, a.count(room));
            winsA += wonA ? 1 : 0;
        }
        System.out.printf("claim race: node a won %d of 50, node b %d%n", winsA, 50 - winsA);
    }

    private static String round(String room) {
        return room.substring(room.indexOf('-') + 1);
    }

    @Test
    void countsAndMembersAreClusterWide() {
        RedisPresence a = node("a");
        RedisPresence b = node("b");
        a.claim("r1", new Presence.Member("c1", "Ana", "10.0.0.1"));
        b.claim("r1", new Presence.Member("c2", "Bia", "10.0.0.2"));
        b.claim("r2", new Presence.Member("c2", "Bia", "10.0.0.2"));
        assertEquals(2, a.count("r1"));
        assertEquals(3, a.total());
        assertEquals(Set.of("r1", "r2"), a.occupiedRooms());
        assertEquals(List.of("Ana", "Bia"), b.members("r1").stream().map(Presence.Member::nickname).toList());
        assertEquals(List.of("r1", "r2"), b.roomsOf("c2"));
    }

    @Test
    void aNodeThatStopsRefreshingHasItsMembersSweptOnceByTheOthersWithinTheLease() throws Exception {
        RedisPresence dying = node("dying");
        RedisPresence b = node("b");
        RedisPresence c = node("c");
        Set<String> dyingMembers = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            String room = "room-" + (i % 3);
            dying.claim(room, new Presence.Member("d" + i, "Dying" + i, "10.0.1." + i));
            dyingMembers.add(room + "/d" + i);
        }
        b.claim("room-0", new Presence.Member("b1", "Alive", "10.0.2.1"));
        c.claim("room-1", new Presence.Member("c1", "AlsoAlive", "10.0.2.2"));
        long killedAt = System.nanoTime();  // from here the dying node never refreshes again

        List<String> swept = new CopyOnWriteArrayList<>();
        long deadline = killedAt + TimeUnit.SECONDS.toNanos(6);
        long lastSweptAt = 0;
        while (swept.size() < dyingMembers.size() && System.nanoTime() < deadline) {
            b.refresh();
            c.refresh();
            // Both survivors sweep at the same moment, as their housekeeping would.
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Presence.Expired>>> sweeps = new ArrayList<>();
            for (RedisPresence sweeper : List.of(b, c)) {
                sweeps.add(pool.submit(() -> {
                    start.await();
                    return sweeper.sweepExpired();
                }));
            }
            start.countDown();
            for (Future<List<Presence.Expired>> sweep : sweeps) {
                for (Presence.Expired expired : sweep.get(5, TimeUnit.SECONDS)) {
                    swept.add(expired.roomId() + "/" + expired.member().connectionId());
                    lastSweptAt = System.nanoTime();
                }
            }
            Thread.sleep(100);
        }
        assertEquals(dyingMembers.size(), swept.size(), "each member of the dead node returned exactly once: " + swept);
        assertEquals(dyingMembers, new HashSet<>(swept));
        long millis = TimeUnit.NANOSECONDS.toMillis(lastSweptAt - killedAt);
        assertTrue(millis >= LEASE.toMillis() - 50, "not before the lease: " + millis + " ms");
        assertTrue(millis <= LEASE.toMillis() + 500, "within the lease and one sweep: " + millis + " ms");
        assertEquals(2, b.total(), "the refreshed members stay");
        assertEquals(Set.of("room-0", "room-1"), b.occupiedRooms());
        System.out.printf("dead node: its %d members swept %d ms after its last refresh (lease %d ms)%n",
                swept.size(), millis, LEASE.toMillis());
    }
}
