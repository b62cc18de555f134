package webtalk.presence.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.Leadership;
import webtalk.redis.RedisConnections;
import webtalk.redis.RedisUnavailableException;

/**
 * Leadership as a lease in Redis: the key {@code <prefix>leader} holds the leader's node id and
 * expires after the lease. {@link #leads()} takes the key if it is free ({@code SET NX PX}) or
 * extends it if this node holds it (compare-and-extend, one Lua script), so the holder keeps it as
 * long as it asks at least once per lease, and another node takes over after the lease once it
 * stops (killed, or {@link #close closed}: which gives it up at once). The expiry is Redis's own
 * clock: node clocks do not matter. Choose the lease longer than the interval between two asks
 * (e.g. asked every 10 s, lease 30 s), or the lead moves between nodes from round to round (still
 * one at a time, only less steady).
 *
 * <p>Failure behaviour: with Redis unreachable {@link #leads()} answers false (no node leads; the
 * shared chores wait), logged once per outage. A leader cut off from Redis keeps its "yes" only
 * until its next ask; the work is idempotent, as the port asks, for the overlap of one round.
 */
public final class RedisLeadership implements Leadership, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLeadership.class);
    private static final String EXTEND = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0
            """;
    private static final String GIVE_UP = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final RedisConnections redis;
    private final String key;
    private final long leaseMillis;
    private final AtomicBoolean unreachable = new AtomicBoolean();

    public RedisLeadership(RedisConnections redis, Duration lease) {
        this.redis = redis;
        this.key = redis.key("leader");
        this.leaseMillis = lease.toMillis();
    }

    @Override
    public boolean leads() {
        try {
            Long extended = redis.script(EXTEND, ScriptOutputType.INTEGER, new String[] {key}, redis.node(), Long.toString(leaseMillis));
            boolean leads = extended != null && extended == 1
                    || "OK".equals(redis.call(r -> r.set(key, redis.node(), SetArgs.Builder.nx().px(leaseMillis))));
            if (unreachable.compareAndSet(true, false)) {
                LOG.info("Redis answers again: leadership is decided again");
            }
            return leads;
        } catch (RedisUnavailableException e) {
            if (unreachable.compareAndSet(false, true)) {
                LOG.warn("Redis unreachable: this node does not lead until it answers ({})", e.getMessage());
            }
            return false;
        }
    }

    /** Gives the lease up if this node holds it, so another node may lead at once. */
    @Override
    public void close() {
        try {
            redis.script(GIVE_UP, ScriptOutputType.INTEGER, new String[] {key}, redis.node());
        } catch (RedisUnavailableException e) {
            LOG.warn("could not give the leadership up (it expires by itself): {}", e.getMessage());
        }
    }
}
