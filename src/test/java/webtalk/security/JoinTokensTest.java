package webtalk.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JoinTokensTest {

    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void tokenIsValidOnlyForItsRoomUntilItExpires() {
        JoinTokens tokens = new JoinTokens("secret", Clock.fixed(now, ZoneOffset.UTC));
        String token = tokens.issue("room1").token();
        assertTrue(tokens.valid(token, "room1"));
        assertFalse(tokens.valid(token, "room2"));
        JoinTokens later = new JoinTokens("secret", Clock.fixed(now.plus(JoinTokens.LIFETIME).plus(Duration.ofSeconds(1)), ZoneOffset.UTC));
        assertFalse(later.valid(token, "room1"));
    }

    @Test
    void forgedOrMangledTokensAreRefused() {
        JoinTokens tokens = new JoinTokens("secret", Clock.fixed(now, ZoneOffset.UTC));
        String token = tokens.issue("room1").token();
        assertFalse(new JoinTokens("other-secret", Clock.fixed(now, ZoneOffset.UTC)).valid(token, "room1"));
        assertFalse(tokens.valid(token.substring(0, token.length() - 2) + "AA", "room1"));
        assertFalse(tokens.valid("", "room1"));
        assertFalse(tokens.valid(null, "room1"));
        assertFalse(tokens.valid("no-dot", "room1"));
        assertFalse(tokens.valid("!!!.???", "room1"));
        assertFalse(tokens.valid("x".repeat(10_000), "room1"));
    }
}
