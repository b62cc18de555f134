package webtalk.chat.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
