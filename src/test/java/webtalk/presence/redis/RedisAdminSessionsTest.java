package webtalk.presence.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import webtalk.redis.TestRedis;
import webtalk.security.AdminSessions;

/** Admin sessions shared by the nodes: a login on A works on B; closing is cluster-wide; the count is bounded. */
class RedisAdminSessionsTest {

    private final TestRedis redis = new TestRedis();
    private final Clock clock = Clock.systemUTC();

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Test
    void aSessionOpenedOnAIsFoundOnBWithItsCsrfToken() {
        RedisAdminSessions a = new RedisAdminSessions(redis.node("a"), clock);
        RedisAdminSessions b = new RedisAdminSessions(redis.node("b"), clock);
        AdminSessions.Session opened = a.open();
        AdminSessions.Session found = b.find(opened.id()).orElseThrow();
        assertEquals(opened.csrf(), found.csrf());
        assertTrue(b.csrfMatches(found, opened.csrf()));
        assertFalse(b.csrfMatches(found, "forged"));
        assertEquals(Optional.empty(), b.find("no-such-session"));
        assertEquals(Optional.empty(), b.find(null));
    }

    @Test
    void findPushesTheExpiryForwardInRedis() throws Exception {
        RedisAdminSessions a = new RedisAdminSessions(redis.node("a"), clock);
        AdminSessions.Session opened = a.open();
        String key = redis.prefix() + "admin:session:" + opened.id();
        redis.raw().pexpire(key, 60_000);  // as if most of its idle time had gone by
        a.find(opened.id()).orElseThrow();
        long ttl = redis.raw().pttl(key);
        assertTrue(ttl > AdminSessions.IDLE_TIMEOUT.toMillis() - 60_000, "sliding expiry restored, ttl " + ttl);
    }

    @Test
    void closingIsClusterWide() {
        RedisAdminSessions a = new RedisAdminSessions(redis.node("a"), clock);
        RedisAdminSessions b = new RedisAdminSessions(redis.node("b"), clock);
        AdminSessions.Session kept = a.open();
        AdminSessions.Session other = a.open();
        AdminSessions.Session third = b.open();
        b.close(third.id());
        assertEquals(Optional.empty(), a.find(third.id()));
        b.closeAllExcept(kept.id());
        assertTrue(a.find(kept.id()).isPresent());
        assertEquals(Optional.empty(), a.find(other.id()));
        assertEquals(1, a.size());
        b.closeAll();
        assertEquals(Optional.empty(), a.find(kept.id()));
        assertEquals(0, a.size());
        assertEquals(List.of(), redis.keys());
    }

    @Test
    void theCountIsBoundedByEndingTheSessionClosestToExpiry() {
        RedisAdminSessions a = new RedisAdminSessions(redis.node("a"), clock);
        RedisAdminSessions b = new RedisAdminSessions(redis.node("b"), clock);
        List<AdminSessions.Session> opened = new ArrayList<>();
        for (int i = 0; i < RedisAdminSessions.MAX_SESSIONS + 5; i++) {
            opened.add((i % 2 == 0 ? a : b).open());
        }
        assertEquals(RedisAdminSessions.MAX_SESSIONS, a.size());
        assertEquals(Optional.empty(), b.find(opened.get(0).id()), "the oldest went");
        assertTrue(b.find(opened.get(opened.size() - 1).id()).isPresent());
        assertEquals(RedisAdminSessions.MAX_SESSIONS + 1, redis.keys().size(), "one key per session, plus the index");
    }
}
