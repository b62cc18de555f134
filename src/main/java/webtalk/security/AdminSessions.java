package webtalk.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Admin login sessions. Each has a random id (the HttpOnly cookie), a CSRF token the panel sends
 * back in {@code X-CSRF-Token}, and a sliding expiry of {@link #IDLE_TIMEOUT}. Guarantee: a session
 * is found only until it expires or is closed, and each {@link #find} pushes its expiry forward;
 * the number held is bounded. Thread-safe. {@link InMemoryAdminSessions} is this node's; a cluster
 * shares one behind this interface so a login works on every node.
 */
public interface AdminSessions {

    Duration IDLE_TIMEOUT = Duration.ofHours(2);

    record Session(String id, String csrf, Instant expiresAt) {
    }

    Session open();

    /** The live session with this id, its expiry pushed forward. */
    Optional<Session> find(String id);

    boolean csrfMatches(Session session, String presented);

    void close(String id);

    /** Every session ends, e.g. when the admin password changes. */
    void closeAll();

    /**
     * Every session but {@code keptId} ends (null: all of them): after the password changes, a
     * stolen cookie stops working while the admin who made the change stays logged in.
     */
    void closeAllExcept(String keptId);

    /** Live and expired-but-not-yet-swept sessions held now; for tests and the resource budget. */
    int size();
}
