package webtalk.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived, signed proof that its holder gave a protected room's password:
 * {@code base64url(roomId|expiresEpochSeconds).base64url(HMAC-SHA256)}. Stateless, so any node of a
 * cluster that shares SECRET_KEY accepts it; it cannot be revoked before it expires (deleting
 * the room makes it useless).
 */
public final class JoinTokens {

    public static final Duration LIFETIME = Duration.ofHours(6);

    private final TokenKey key;
    private final Clock clock;

    public JoinTokens(String secretKey, Clock clock) {
        this(TokenKey.of(secretKey), clock);
    }

    /** @param key read on every sign and check, so the source decides when a key changes */
    public JoinTokens(TokenKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(String roomId) {
        Instant expires = clock.instant().plus(LIFETIME);
        String payload = roomId + "|" + expires.getEpochSecond();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String token = b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(sign(payload));
        return new Issued(token, expires);
    }

    /** True only for an unexpired token issued for exactly this room. */
    public boolean valid(String token, String roomId) {
        if (token == null || token.length() > 512) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            String payload = new String(b64.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = b64.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(payload))) {
                return false;
            }
            int bar = payload.lastIndexOf('|');
            return bar > 0 && payload.substring(0, bar).equals(roomId)
                    && Long.parseLong(payload.substring(bar + 1)) > clock.instant().getEpochSecond();
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("join-token:" + key.secret()).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
