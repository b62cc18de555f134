package webtalk.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin sessions in this process's memory (a restart logs admins out; a cluster needs a shared
 * implementation). At most {@link #MAX_SESSIONS} live at once: a new login past that ends the
 * session closest to expiry (only someone who knows the password can open one).
 */
public final class InMemoryAdminSessions implements AdminSessions {

    static final int MAX_SESSIONS = 50;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public InMemoryAdminSessions(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Session open() {
        sessions.values().removeIf(s -> s.expiresAt().isBefore(clock.instant()));
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min(java.util.Comparator.comparing(Session::expiresAt))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        Session session = new Session(randomToken(), randomToken(), clock.instant().plus(IDLE_TIMEOUT));
        sessions.put(session.id(), session);
        return session;
    }

    @Override
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (session.expiresAt().isBefore(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session renewed = new Session(session.id(), session.csrf(), clock.instant().plus(IDLE_TIMEOUT));
        sessions.put(id, renewed);
        return Optional.of(renewed);
    }

    @Override
    public boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(), presented.getBytes());
    }

    @Override
    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    @Override
    public void closeAll() {
        sessions.clear();
    }

    @Override
    public void closeAllExcept(String keptId) {
        sessions.keySet().removeIf(id -> !id.equals(keptId));
    }

    @Override
    public int size() {
        return sessions.size();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
