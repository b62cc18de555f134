package webtalk.chat.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.chat.Ban;
import webtalk.chat.Bans;

/** What every {@link Bans} guarantees: a ban is in force exactly until its time, in its room only, by the caller's clock. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class BansContract extends StoreContract {

    private Bans bans() {
        return store.bans();
    }

    @Test
    void aBanIsInForceUntilItsTimeByTheCallersClock() {
        createRoom("r1");
        createRoom("r2");
        Instant until = T.plus(Duration.ofMinutes(10));
        Ban nickname = new Ban("r1", Ban.Kind.NICKNAME, "troll", until);
        Ban address = new Ban("r1", Ban.Kind.ADDRESS, "203.0.113.7", until.plusSeconds(60));
        bans().addBan(nickname);
        bans().addBan(address);
        assertEquals(Set.of(nickname, address), Set.copyOf(bans().bans("r1", T)));
        assertEquals(Set.of(nickname, address), Set.copyOf(bans().bans("r1", until.minusMillis(1))));
        assertEquals(List.of(address), bans().bans("r1", until), "expired at its own time");
        assertEquals(List.of(), bans().bans("r1", until.plusSeconds(60)));
        assertEquals(List.of(), bans().bans("r2", T), "bans are per room");
    }

    @Test
    void aBanInThePastOfTheStoresClockStillCountsByTheCallersClock() {
        // The caller's clock may be far from the machine's (tests, a skewed node): only it counts.
        createRoom("r1");
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
        Ban ban = new Ban("r1", Ban.Kind.NICKNAME, "antigo", longAgo.plusSeconds(60));
        bans().addBan(ban);
        assertEquals(List.of(ban), bans().bans("r1", longAgo));
    }

    @Test
    void numberedBansShowTheBansInForceWithDistinctIdsOldestFirst() {
        createRoom("r1");
        Ban first = new Ban("r1", Ban.Kind.NICKNAME, "troll", T.plusSeconds(600));
        Ban second = new Ban("r1", Ban.Kind.ADDRESS, "203.0.113.7", T.plusSeconds(60));
        bans().addBan(first);
        bans().addBan(second);
        List<Bans.Numbered> numbered = bans().numberedBans("r1", T);
        assertEquals(List.of(first, second), numbered.stream().map(Bans.Numbered::ban).toList());
        assertNotEquals(numbered.get(0).id(), numbered.get(1).id());
        assertEquals(List.of(first), bans().numberedBans("r1", T.plusSeconds(60)).stream().map(Bans.Numbered::ban).toList());
    }

    @Test
    void aLiftedBanIsNoLongerInForceAndCannotBeLiftedAgain() {
        createRoom("r1");
        Ban kept = new Ban("r1", Ban.Kind.NICKNAME, "fica", T.plusSeconds(600));
        Ban lifted = new Ban("r1", Ban.Kind.NICKNAME, "sai", T.plusSeconds(600));
        bans().addBan(kept);
        bans().addBan(lifted);
        long id = bans().numberedBans("r1", T).stream().filter(n -> n.ban().equals(lifted)).findFirst().orElseThrow().id();
        assertTrue(bans().liftBan("r1", id, T));
        assertEquals(List.of(kept), bans().bans("r1", T));
        assertFalse(bans().liftBan("r1", id, T), "already lifted");
    }

    @Test
    void aBanIsLiftedOnlyInItsRoomAndOnlyWhileInForce() {
        createRoom("r1");
        createRoom("r2");
        Ban ban = new Ban("r1", Ban.Kind.NICKNAME, "troll", T.plusSeconds(60));
        bans().addBan(ban);
        long id = bans().numberedBans("r1", T).get(0).id();
        assertFalse(bans().liftBan("r2", id, T), "another room's ban");
        assertFalse(bans().liftBan("r1", id, T.plusSeconds(60)), "expired by the caller's clock");
        assertFalse(bans().liftBan("r1", id + 1000, T), "unknown id");
        assertEquals(List.of(ban), bans().bans("r1", T));
    }
}
