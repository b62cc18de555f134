package webtalk.presence.redis;

import io.lettuce.core.SetArgs;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import webtalk.chat.Presence;
import webtalk.chat.ReclaimKeys;
import webtalk.redis.RedisConnections;

/**
 * {@link ReclaimKeys} shared by a cluster's nodes, so a member whose node died takes their name back
 * through whichever node they reconnect to. One Redis string per (room, name key): the key while
 * its member is online (with a long expiry, pushed forward on each join, so a key of a member that
 * nobody ever marks dropped still goes), {@link ReclaimKeys#GRACE} once the connection is gone.
 * Bounded by those expiries; a room's keys are found by their prefix only when the room ends.
 */
public final class RedisReclaimKeys implements ReclaimKeys {

    /** An online member's key outlives a dead node's sweep by far; it is made to expire anyway. */
    private static final long ONLINE_MS = java.time.Duration.ofHours(12).toMillis();

    private final RedisConnections redis;
    private final SecureRandom random = new SecureRandom();

    private final Clock clock;

    public RedisReclaimKeys(RedisConnections redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    @Override
    public boolean matches(String roomId, String nickname, String presented) {
        if (presented == null) {
            return false;
        }
        return presented.equals(redis.call(c -> c.get(keyOf(roomId, nickname))));
    }

    @Override
    public String online(String roomId, String nickname, String presented) {
        String key = keyOf(roomId, nickname);
        String held = redis.call(c -> c.get(key));
        // Keep the key only for the person who holds it (they presented it); anyone else gets a new one.
        String kept = held != null && held.equals(presented) ? held : ReclaimKeys.newKey(clock.millis(), random);
        redis.call(c -> c.set(key, kept, SetArgs.Builder.px(ONLINE_MS)));
        return kept;
    }

    @Override
    public Optional<Instant> heldSince(String roomId, String nickname) {
        return ReclaimKeys.issuedAt(redis.call(c -> c.get(keyOf(roomId, nickname))));
    }

    @Override
    public void dropped(String roomId, String nickname) {
        redis.call(c -> c.pexpire(keyOf(roomId, nickname), GRACE.toMillis()));
    }

    @Override
    public void backOnline(String roomId, String nickname) {
        redis.call(c -> c.pexpire(keyOf(roomId, nickname), ONLINE_MS));  // no key (expired, removed): nothing
    }

    @Override
    public void remove(String roomId, String nickname) {
        redis.call(c -> c.del(keyOf(roomId, nickname)));
    }

    @Override
    public void forgetRoom(String roomId) {
        redis.call(c -> {
            io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
            do {
                io.lettuce.core.KeyScanCursor<String> page = c.scan(cursor,
                        io.lettuce.core.ScanArgs.Builder.matches(redis.key("reclaim:" + roomId + ":*")).limit(500));
                if (!page.getKeys().isEmpty()) {
                    c.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return null;
        });
    }

    /** Nothing to do: Redis expires the keys. */
    @Override
    public void sweep() {
        // Redis expires the keys.
    }

    /** Nothing is held in this process. */
    @Override
    public int size() {
        return 0;
    }

    private String keyOf(String roomId, String nickname) {
        return redis.key("reclaim:" + roomId + ":" + Presence.key(nickname));
    }

}
