package webtalk.web;

/**
 * Reads {@code Authorization: Bearer <credentials>} (RFC 6750 §2.1) for every route that takes
 * one: the admin API (the admin password, for scripts) and the room history (a join token).
 * The scheme is matched exactly as "Bearer " — as it always was here, so no client sees a change.
 */
final class Bearer {

    private static final String PREFIX = "Bearer ";

    private Bearer() {
    }

    /** The credentials after the scheme, as sent (not trimmed: a password may end in a space); null when not a Bearer header. */
    static String credentials(String authorization) {
        if (authorization != null && authorization.startsWith(PREFIX)) {
            return authorization.substring(PREFIX.length());
        }
        return null;
    }
}
