package webtalk.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin login sessions, in memory (a restart logs admins out). Each has a random id (the
 * HttpOnly cookie), a CSRF token the panel sends back in {@code X-CSRF-Token}, and a sliding
 * expiry of {@link #IDLE_TIMEOUT}. At most {@link #MAX_SESSIONS} live at once: a new login past
 * that ends the session closest to expiry (only someone who knows the password can open one).
 */
public final class AdminSessions {

    public static final Duration IDLE_TIMEOUT = Duration.ofHours(2);
    static final int MAX_SESSIONS = 50;

    public record Session(String id, String csrf, Instant expiresAt) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public AdminSessions(Clock clock) {
        this.clock = clock;
    }

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

    /** The live session with this id, its expiry pushed forward. */
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

    public boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(), presented.getBytes());
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Every session ends, e.g. when the admin password changes. */
    public void closeAll() {
        sessions.clear();
    }

    /**
     * Every session but {@code keptId} ends (null: all of them): after the password changes, a
     * stolen cookie stops working while the admin who made the change stays logged in.
     */
    public void closeAllExcept(String keptId) {
        sessions.keySet().removeIf(id -> !id.equals(keptId));
    }

    /** Live and expired-but-not-yet-swept sessions held now; for tests and the resource budget. */
    public int size() {
        return sessions.size();
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
