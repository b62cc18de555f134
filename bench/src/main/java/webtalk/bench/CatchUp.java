package webtalk.bench;

import java.util.BitSet;

/**
 * One client's view of its room in the reconnect storm: which message ids it has seen, the last
 * id up to which it has seen every one (the {@code ultimo_id} it comes back with), and whether it
 * has caught up since its last {@code entrar}. Caught up: the join was acknowledged and every
 * message up to the ack's {@code ultimo_id} (the room's newest when it joined) has arrived, live
 * or replayed, in any order. A server without message ids (the peers keep nothing) acks without
 * {@code ultimo_id}: caught up then means rejoined. Room ids start at 1. Thread-safe.
 */
final class CatchUp {

    private final BitSet seen = new BitSet();
    private long upTo;
    private long joinedUpTo = -1;
    private long caughtUpAt = -1;

    /** A {@code mensagem_chat} with this id (or -1 if it has none) arrived at {@code now}; true if that caught it up. */
    synchronized boolean message(long id, long now) {
        if (id <= 0 || id > Integer.MAX_VALUE - 1) {
            return false;
        }
        seen.set((int) id);
        while (seen.get((int) upTo + 1)) {
            upTo++;
        }
        return check(now);
    }

    /** The {@code entrar} ack arrived: {@code ultimoId} as it says, or -1 if it says none; true if that caught it up. */
    synchronized boolean joined(long ultimoId, long now) {
        joinedUpTo = Math.max(0, ultimoId);
        return check(now);
    }

    /** The connection ended: the next {@code entrar} starts a new catch-up. */
    synchronized void left() {
        joinedUpTo = -1;
        caughtUpAt = -1;
    }

    private boolean check(long now) {
        if (caughtUpAt < 0 && joinedUpTo >= 0 && upTo >= joinedUpTo) {
            caughtUpAt = now;
            return true;
        }
        return false;
    }

    /** The id to send as {@code ultimo_id}: every message up to it has arrived (0: none). */
    synchronized long upTo() {
        return upTo;
    }

    /** Messages seen past a gap: ids after {@link #upTo()} (all 0 once nothing is missing). */
    synchronized long pastGap() {
        return seen.cardinality() - upTo;
    }

    synchronized boolean joined() {
        return joinedUpTo >= 0;
    }

    /** When it caught up since its last join, or -1. */
    synchronized long caughtUpAt() {
        return caughtUpAt;
    }
}
