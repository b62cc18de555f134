package webtalk.presence.redis;

import io.lettuce.core.GetExArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import webtalk.redis.RedisConnections;
import webtalk.security.AdminSessions;

/**
 * Admin sessions shared by the nodes, so a login works on every node: {@code admin:session:<id>}
 * holds the CSRF token with a TTL of {@link #IDLE_TIMEOUT}, pushed forward by each {@link #find}
 * ({@code GETEX PX}); the sorted set {@code admin:sessions} (id by expiry) bounds the count to
 * {@link #MAX_SESSIONS} (a new login past it ends the session closest to expiry, as in memory) and
 * lets {@link #closeAll} and {@link #closeAllExcept} end them on every node at once.
 *
 * <p>Failure behaviour: with Redis down every call throws
 * {@link webtalk.redis.RedisUnavailableException}: no login and no admin request passes, rather
 * than a node deciding alone.
 */
public final class RedisAdminSessions implements AdminSessions {

    static final int MAX_SESSIONS = 50;
    private static final String OPEN = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
            while redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[6]) do
              local oldest = redis.call('ZPOPMIN', KEYS[1])
              redis.call('DEL', ARGV[1] .. oldest[1])
            end
            redis.call('SET', ARGV[1] .. ARGV[3], ARGV[4], 'PX', ARGV[5])
            redis.call('ZADD', KEYS[1], tonumber(ARGV[2]) + tonumber(ARGV[5]), ARGV[3])
            return 1
            """;
    private static final String CLOSE_ALL_EXCEPT = """
            local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
            for _, id in ipairs(ids) do
              if id ~= ARGV[2] then
                redis.call('DEL', ARGV[1] .. id)
                redis.call('ZREM', KEYS[1], id)
              end
            end
            return 1
            """;

    private final RedisConnections redis;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String indexKey;
    private final String sessionPrefix;

    public RedisAdminSessions(RedisConnections redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.indexKey = redis.key("admin:sessions");
        this.sessionPrefix = redis.key("admin:session:");
    }

    @Override
    public Session open() {
        Session session = new Session(randomToken(), randomToken(), clock.instant().plus(IDLE_TIMEOUT));
        redis.script(OPEN, ScriptOutputType.INTEGER, new String[] {indexKey}, sessionPrefix, Long.toString(clock.millis()),
                session.id(), session.csrf(), Long.toString(IDLE_TIMEOUT.toMillis()), Integer.toString(MAX_SESSIONS));
        return session;
    }

    @Override
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String csrf = redis.call(r -> r.getex(sessionPrefix + id, GetExArgs.Builder.px(IDLE_TIMEOUT.toMillis())));
        if (csrf == null) {
            return Optional.empty();
        }
        Session renewed = new Session(id, csrf, clock.instant().plus(IDLE_TIMEOUT));
        // XX: a session closed between the read and here is not brought back into the index.
        redis.call(r -> r.zadd(indexKey, ZAddArgs.Builder.xx(), (double) renewed.expiresAt().toEpochMilli(), id));
        return Optional.of(renewed);
    }

    @Override
    public boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(), presented.getBytes());
    }

    @Override
    public void close(String id) {
        if (id != null) {
            redis.call(r -> r.del(sessionPrefix + id));
            redis.call(r -> r.zrem(indexKey, id));
        }
    }

    @Override
    public void closeAll() {
        closeAllExcept(null);
    }

    @Override
    public void closeAllExcept(String keptId) {
        redis.script(CLOSE_ALL_EXCEPT, ScriptOutputType.INTEGER, new String[] {indexKey}, sessionPrefix,
                keptId == null ? "" : keptId);
    }

    @Override
    public int size() {
        return redis.call(r -> r.zcard(indexKey)).intValue();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
