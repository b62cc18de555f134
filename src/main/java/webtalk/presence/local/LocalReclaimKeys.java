package webtalk.presence.local;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import webtalk.chat.Presence;
import webtalk.chat.ReclaimKeys;

/**
 * This node's {@link ReclaimKeys}, in memory. The keys ({@code chave_sessao}) that let a member take their nickname over from a connection that
 * dropped without saying so. A key lives while its member is online and for {@link #GRACE} after
 * the connection is gone (long enough to reconnect), then it expires; leaving, a kick and closing
 * or deleting the room free it at once. Bounded: per room, at most the room's member limit
 * (a dropped member's key gives way first, oldest first) and {@link #MAX_KEYS} in all (past that,
 * expired keys are swept, then the new member simply gets a key that is not kept).
 * Thread-safe; cheap enough to lock as a whole (it is touched on join, leave and disconnect only).
 */
public final class LocalReclaimKeys implements ReclaimKeys {

    static final int MAX_KEYS = 50_000;
    private static final long ONLINE = Long.MAX_VALUE;

    /** {@code expiresAt} is {@link #ONLINE} while the member is connected. */
    private record Entry(String key, long expiresAt) {
    }

    private final Clock clock;
    private final IntSupplier maxPerRoom;
    private final SecureRandom random = new SecureRandom();
    /** roomId → (nickname key → entry), oldest first. */
    private final Map<String, LinkedHashMap<String, Entry>> rooms = new HashMap<>();
    private int total;

    public LocalReclaimKeys(Clock clock, IntSupplier maxPerRoom) {
        this.clock = clock;
        this.maxPerRoom = maxPerRoom;
    }

    /** Whether {@code presented} is the live key of that member. */
    @Override
    public synchronized boolean matches(String roomId, String nickname, String presented) {
        Entry entry = live(roomId, nickname);
        return presented != null && entry != null && entry.key().equals(presented);
    }

    /**
     * The member is online (just joined): keeps their key if they are the one who holds it (online,
     * or presenting it within the grace period), otherwise gives the name a new key, so that whoever
     * takes a name after its holder left cannot be reclaimed by that holder's old key.
     */
    @Override
    public synchronized String online(String roomId, String nickname, String presented) {
        String name = Presence.key(nickname);
        Entry entry = live(roomId, nickname);
        String key = entry != null && (entry.expiresAt() == ONLINE || entry.key().equals(presented))
                ? entry.key() : ReclaimKeys.newKey(clock.millis(), random);
        if (total >= MAX_KEYS) {
            sweep();
        }
        int cap = Math.max(1, maxPerRoom.getAsInt());
        LinkedHashMap<String, Entry> keys = rooms.computeIfAbsent(roomId, r -> new LinkedHashMap<>());
        if (keys.remove(name) != null) {
            total--;
        }
        if (keys.size() >= cap) {
            dropOldestDropped(keys);
        }
        if (total >= MAX_KEYS || keys.size() >= cap) {
            if (keys.isEmpty()) {
                rooms.remove(roomId);
            }
            return key;  // full: the member gets a key, but none is kept to reclaim with
        }
        keys.put(name, new Entry(key, ONLINE));
        total++;
        return key;
    }

    @Override
    public synchronized Optional<Instant> heldSince(String roomId, String nickname) {
        Entry entry = live(roomId, nickname);
        return entry == null ? Optional.empty() : ReclaimKeys.issuedAt(entry.key());
    }

    /** The member's connection is gone: the key now expires after the grace period. */
    @Override
    public synchronized void dropped(String roomId, String nickname) {
        LinkedHashMap<String, Entry> keys = rooms.get(roomId);
        String name = Presence.key(nickname);
        Entry entry = keys == null ? null : keys.get(name);
        if (entry != null) {
            keys.put(name, new Entry(entry.key(), clock.millis() + GRACE.toMillis()));
        }
    }

    @Override
    public synchronized void backOnline(String roomId, String nickname) {
        Entry entry = live(roomId, nickname);
        if (entry != null) {
            rooms.get(roomId).put(Presence.key(nickname), new Entry(entry.key(), ONLINE));
        }
    }

    /** The member left for good (said {@code sair}, was kicked). */
    @Override
    public synchronized void remove(String roomId, String nickname) {
        LinkedHashMap<String, Entry> keys = rooms.get(roomId);
        if (keys != null && keys.remove(Presence.key(nickname)) != null) {
            total--;
            if (keys.isEmpty()) {
                rooms.remove(roomId);
            }
        }
    }

    /** The room was closed or deleted. */
    @Override
    public synchronized void forgetRoom(String roomId) {
        LinkedHashMap<String, Entry> keys = rooms.remove(roomId);
        if (keys != null) {
            total -= keys.size();
        }
    }

    /** Drops every expired key; the housekeeping schedule calls it. */
    @Override
    public synchronized void sweep() {
        long now = clock.millis();
        for (Iterator<LinkedHashMap<String, Entry>> r = rooms.values().iterator(); r.hasNext(); ) {
            LinkedHashMap<String, Entry> keys = r.next();
            int before = keys.size();
            keys.values().removeIf(e -> e.expiresAt() <= now);
            total -= before - keys.size();
            if (keys.isEmpty()) {
                r.remove();
            }
        }
    }

    @Override
    public synchronized int size() {
        return total;
    }

    private Entry live(String roomId, String nickname) {
        LinkedHashMap<String, Entry> keys = rooms.get(roomId);
        Entry entry = keys == null ? null : keys.get(Presence.key(nickname));
        return entry != null && entry.expiresAt() > clock.millis() ? entry : null;
    }

    /** A full room gives way to a newcomer at the expense of the oldest dropped member's key. */
    private void dropOldestDropped(LinkedHashMap<String, Entry> keys) {
        for (Iterator<Entry> oldest = keys.values().iterator(); oldest.hasNext(); ) {
            if (oldest.next().expiresAt() != ONLINE) {
                oldest.remove();
                total--;
                return;
            }
        }
    }

}
