package webtalk.presence.redis;

import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import webtalk.redis.RedisConnections;
import webtalk.security.AttemptCounters;
import webtalk.security.Attempts;

/**
 * {@link Attempts} shared by a cluster's nodes: each key is a sorted set of attempt times in Redis,
 * trimmed to the window and checked-and-counted in one Lua script, so N guesses spread over N nodes
 * at once still get at most the limit of checks. Each set expires with its window, so what an
 * attacker makes Redis hold goes by itself. Redis down: {@link #tryAcquire} throws (the guarded
 * action is refused with {@code armazenamento_indisponivel}), never lets the attempt through.
 */
public final class RedisAttempts implements Attempts {

    /** KEYS[1] the key's set; ARGV now, window (ms), limit, a unique member. 1 counted, 0 refused. */
    private static final String ACQUIRE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;
    private static final String BLOCKED = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 1 end
            return 0
            """;

    private final RedisConnections redis;
    private final String name;
    private final int maxAttempts;
    private final Duration window;
    private final Clock clock;

    public RedisAttempts(RedisConnections redis, String name, int maxAttempts, Duration window, Clock clock) {
        this.redis = redis;
        this.name = name;
        this.maxAttempts = maxAttempts;
        this.window = window;
        this.clock = clock;
    }

    /** Counters for every limit of a node, all in this Redis. */
    public static AttemptCounters counters(RedisConnections redis, Clock clock) {
        return (name, maxAttempts, window) -> new RedisAttempts(redis, name, maxAttempts, window, clock);
    }

    @Override
    public boolean tryAcquire(String key) {
        String member = clock.millis() + ":" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        Long counted = redis.call(c -> c.eval(ACQUIRE, ScriptOutputType.INTEGER, new String[]{keyOf(key)},
                String.valueOf(clock.millis()), String.valueOf(window.toMillis()), String.valueOf(maxAttempts), member));
        return counted != null && counted == 1;
    }

    @Override
    public void forgive(String key) {
        redis.call(c -> c.zpopmax(keyOf(key)));
    }

    @Override
    public boolean blocked(String key) {
        Long blocked = redis.call(c -> c.eval(BLOCKED, ScriptOutputType.INTEGER, new String[]{keyOf(key)},
                String.valueOf(clock.millis()), String.valueOf(window.toMillis()), String.valueOf(maxAttempts)));
        return blocked != null && blocked == 1;
    }

    @Override
    public void reset(String key) {
        redis.call(c -> c.del(keyOf(key)));
    }

    /** Nothing is held in this process: Redis holds each key until its window empties. */
    @Override
    public int size() {
        return 0;
    }

    /** Nothing to do: each key expires in Redis with its window. */
    @Override
    public void sweep() {
        // Redis expires the keys.
    }

    private String keyOf(String key) {
        return redis.key("attempts:" + name + ":" + key);
    }
}
