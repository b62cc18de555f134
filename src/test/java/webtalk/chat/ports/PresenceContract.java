package webtalk.chat.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import webtalk.chat.Presence;

/**
 * What every {@link Presence} guarantees; each implementation runs it by extending it. Expiry is
 * checked through {@link #letTimePass}: a member whose node keeps refreshing never expires.
 */
public abstract class PresenceContract {

    protected Presence presence;

    /** A fresh, empty presence. */
    protected abstract Presence newPresence();

    /** Moves the implementation's clock on (an implementation without expiry ignores it). */
    protected abstract void letTimePass(Duration duration);

    @BeforeEach
    void fresh() {
        presence = newPresence();
    }

    private static Presence.Member member(String connection, String nickname) {
        return new Presence.Member(connection, nickname, "10.0.0." + connection.hashCode() % 200);
    }

    @Test
    void aClaimedNameIsHeldByItsClaimant() {
        assertTrue(presence.claim("r1", member("c1", "Ana")));
        assertEquals(Optional.of("c1"), presence.holderOf("r1", "Ana").map(Presence.Member::connectionId));
        assertEquals(Optional.of("Ana"), presence.nicknameOf("c1", "r1"));
        assertEquals(List.of("r1"), presence.roomsOf("c1"));
    }

    @Test
    void aNameThatLooksAlikeIsTakenButOnlyInItsRoom() {
        assertTrue(presence.claim("r1", member("c1", "Ana")));
        assertFalse(presence.claim("r1", member("c2", "ANA")));
        assertTrue(presence.claim("r2", member("c2", "ANA")));
    }

    @Test
    void concurrentClaimsOfOneNameHaveExactlyOneWinner() throws Exception {
        int claimants = 16;
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        try {
            for (int round = 0; round < 20; round++) {
                String room = "r" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < claimants; i++) {
                    String connection = "c" + i;
                    claims.add(pool.submit(() -> {
                        start.await();
                        return presence.claim(room, member(connection, "Bia"));
                    }));
                }
                start.countDown();
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, won, "round " + round);
                assertEquals(1, presence.count(room));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void releaseFreesTheNameForSomeoneElse() {
        presence.claim("r1", member("c1", "Ana"));
        assertEquals(Optional.of("Ana"), presence.release("r1", "c1"));
        assertEquals(Optional.empty(), presence.release("r1", "c1"));
        assertTrue(presence.claim("r1", member("c2", "ana")));
        assertEquals(List.of(), presence.roomsOf("c1"));
    }

    @Test
    void aTakeOverGivesTheNameToTheNewConnectionWhoeverHeldIt() {
        presence.claim("r1", member("c1", "Ana"));
        presence.claim("r1", member("c3", "Bia"));
        assertEquals(Optional.of("c1"), presence.takeOver("r1", member("c2", "ana")));
        assertEquals(Optional.of("c2"), presence.holderOf("r1", "Ana").map(Presence.Member::connectionId));
        assertEquals(Optional.empty(), presence.release("r1", "c1"), "the old holder is released");
        assertEquals(2, presence.count("r1"));
        assertEquals(Optional.empty(), presence.takeOver("r1", member("c2", "Ana")), "its own name: taken from nobody");
        assertEquals(Optional.empty(), presence.takeOver("r2", member("c2", "Ana")), "a free name: taken from nobody");
        assertEquals(List.of("r1", "r2"), presence.roomsOf("c2").stream().sorted().toList());
    }

    @Test
    void claimingAgainReplacesTheConnectionsOldName() {
        presence.claim("r1", member("c1", "Ana"));
        assertTrue(presence.claim("r1", member("c1", "Bia")));
        assertEquals(1, presence.count("r1"));
        assertTrue(presence.holderOf("r1", "Ana").isEmpty());
        assertTrue(presence.claim("r1", member("c2", "Ana")));
    }

    @Test
    void countsMembersAndOccupiedRooms() {
        presence.claim("r1", member("c1", "Ana"));
        presence.claim("r1", member("c2", "Bia"));
        presence.claim("r2", member("c1", "Ana"));
        assertEquals(2, presence.count("r1"));
        assertEquals(1, presence.count("r2"));
        assertEquals(0, presence.count("r3"));
        assertEquals(3, presence.total());
        assertEquals(Set.of("r1", "r2"), presence.occupiedRooms());
        assertEquals(List.of("Ana", "Bia"), presence.members("r1").stream().map(Presence.Member::nickname).toList());
    }

    @Test
    void clearingARoomForgetsOnlyItsMembers() {
        presence.claim("r1", member("c1", "Ana"));
        presence.claim("r1", member("c2", "Bia"));
        presence.claim("r2", member("c1", "Ana"));
        assertEquals(2, presence.clear("r1").size());
        assertEquals(0, presence.count("r1"));
        assertEquals(List.of("r2"), presence.roomsOf("c1"));
        assertEquals(Set.of("r2"), presence.occupiedRooms());
    }

    @Test
    void aMemberWhoseNodeKeepsRefreshingNeverExpires() {
        presence.claim("r1", member("c1", "Ana"));
        for (int i = 0; i < 24; i++) {
            letTimePass(Duration.ofHours(1));
            presence.refresh();
        }
        assertEquals(Optional.of("Ana"), presence.nicknameOf("c1", "r1"));
        assertFalse(presence.claim("r1", member("c2", "Ana")));
    }
}
