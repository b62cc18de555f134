package webtalk.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A room's owner and moderator keys: 192 random bits, URL-safe (they travel in a link's fragment),
 * stored only as their SHA-256. A fast hash is enough here, unlike for passwords: a key is random
 * and long, so there is nothing to guess from its hash; a slow hash would only let anyone make the
 * server busy.
 */
final class RoomKeys {

    /** Longer than any key we make; a longer one is refused before it is hashed. */
    static final int MAX_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomKeys() {
    }

    static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Compared in constant time; a missing hash (no such key) matches nothing. */
    static boolean matches(String key, String hash) {
        if (key == null || hash == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(hash(key).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }
}
