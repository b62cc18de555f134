package webtalk.chat;

import java.time.Clock;
import java.time.Duration;
import webtalk.security.AttemptCounters;
import webtalk.security.Attempts;

/**
 * Rooms created per client address: {@link #PER_TEN_MINUTES} in 10 minutes and {@link #PER_DAY} a
 * day. A teacher, or a class behind one address splitting into groups, stays below; a script that
 * filled {@code maximo_salas} in 360 ms does not. Only creations that succeed count (a refused one
 * is given back), and the count is taken before the password is hashed, so a burst of creations
 * cannot race past it. Past it: {@code limite_criacao_salas} (429). The operator may change the
 * figures ({@link AddressBudgets}); a day allows four times the 10-minute figure.
 */
final class RoomCreations {

    static final int PER_TEN_MINUTES = 10;
    static final int PER_DAY = 40;

    private final boolean limited;
    private final Attempts shortWindow;
    private final Attempts day;

    RoomCreations(Clock clock) {
        this(PER_TEN_MINUTES, clock);
    }

    /** @param perTenMinutes 0: no limit */
    public RoomCreations(int perTenMinutes, Clock clock) {
        this(perTenMinutes, AttemptCounters.inMemory(clock));
    }

    /** @param perTenMinutes 0: no limit */
    public RoomCreations(int perTenMinutes, AttemptCounters counters) {
        this.limited = perTenMinutes > 0;
        this.shortWindow = counters.counter("salas-10min", perTenMinutes, Duration.ofMinutes(10));
        this.day = counters.counter("salas-dia", perTenMinutes * (PER_DAY / PER_TEN_MINUTES), Duration.ofDays(1));
    }

    /** Counts one creation for the address, or refuses it (ROOM_CREATION_RATE) counting nothing. */
    void acquire(String clientAddress) {
        if (!limited) {
            return;
        }
        if (!shortWindow.tryAcquire(clientAddress)) {
            throw new ChatException(ChatError.ROOM_CREATION_RATE);
        }
        if (!day.tryAcquire(clientAddress)) {
            shortWindow.forgive(clientAddress);
            throw new ChatException(ChatError.ROOM_CREATION_RATE);
        }
    }

    /** The creation was refused after all: it does not count. */
    void forgive(String clientAddress) {
        if (!limited) {
            return;
        }
        shortWindow.forgive(clientAddress);
        day.forgive(clientAddress);
    }

    void sweep() {
        shortWindow.sweep();
        day.sweep();
    }
}
