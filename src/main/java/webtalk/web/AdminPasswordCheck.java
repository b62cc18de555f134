package webtalk.web;

import java.util.function.Predicate;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.security.Attempts;
import webtalk.security.PasswordHashing;

/**
 * Every check of a presented admin password (login, Bearer, the current password of a change),
 * throttled per client address under one key, so that no route is a cheaper way to guess. The
 * attempt is counted before the hash, so concurrent guesses cannot race past the limit, and given
 * back when it matches or when the hashing pool was too busy to check it (503: no guess was made).
 */
final class AdminPasswordCheck {

    private final Predicate<String> password;
    private final Attempts failures;

    /** @param password whether a candidate is the admin password (an Argon2id check in the shared pool) */
    AdminPasswordCheck(Predicate<String> password, Attempts failures) {
        this.password = password;
        this.failures = failures;
    }

    /**
     * @param address the client's address (behind TRUSTED_PROXIES)
     * @param presented the candidate, null when none was sent
     * @throws ChatException TOO_MANY_ATTEMPTS once the address has used up its failures
     * @throws PasswordHashing.Busy when the hashing pool is full (the attempt is not counted)
     */
    boolean matches(String address, String presented) {
        String key = key(address);
        if (!failures.tryAcquire(key)) {
            throw new ChatException(ChatError.TOO_MANY_ATTEMPTS);
        }
        boolean matches;
        try {
            matches = presented != null && password.test(presented);
        } catch (PasswordHashing.Busy busy) {
            failures.forgive(key);
            throw busy;
        }
        if (matches) {
            failures.forgive(key);
        }
        return matches;
    }

    /** A login succeeded: the address's earlier failures are forgotten. */
    void loggedIn(String address) {
        failures.reset(key(address));
    }

    private static String key(String address) {
        return "admin|" + address;
    }
}
