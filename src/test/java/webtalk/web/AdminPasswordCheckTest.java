package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.security.AttemptLimiter;

class AdminPasswordCheckTest {

    private final AdminPasswordCheck check = new AdminPasswordCheck("right-password"::equals,
            new AttemptLimiter(3, Duration.ofMinutes(5), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)));

    @Test
    void failuresFromOneAddressAreRefusedBeforeTheHashOnceUsedUp() {
        for (int i = 0; i < 3; i++) {
            assertFalse(check.matches("10.0.0.1", "guess" + i));
        }
        ChatException refused = assertThrows(ChatException.class, () -> check.matches("10.0.0.1", "right-password"));
        assertEquals(ChatError.TOO_MANY_ATTEMPTS, refused.error());
        assertTrue(check.matches("10.0.0.2", "right-password"), "another address is not throttled");
    }

    @Test
    void aMatchDoesNotCountAsAFailure() {
        for (int i = 0; i < 10; i++) {
            assertTrue(check.matches("10.0.0.1", "right-password"));
        }
        assertFalse(check.matches("10.0.0.1", "wrong"));
    }

    @Test
    void aLoginForgetsEarlierFailures() {
        assertFalse(check.matches("10.0.0.1", "a"));
        assertFalse(check.matches("10.0.0.1", "b"));
        check.loggedIn("10.0.0.1");
        for (int i = 0; i < 3; i++) {
            assertFalse(check.matches("10.0.0.1", "guess" + i));
        }
    }

    @Test
    void noPasswordIsAFailure() {
        assertFalse(check.matches("10.0.0.1", null));
    }
}
