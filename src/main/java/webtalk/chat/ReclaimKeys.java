package webtalk.chat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import java.time.Duration;

/**
 * The keys ({@code chave_sessao}) that let a member take their nickname over from a connection that
 * dropped without saying so — on this node, or, in a cluster, on a node that died. Guarantees:
 * <ul>
 *   <li>a key is live while its member is online and for {@link #GRACE} after the connection is
 *       gone (long enough to reconnect, to this node or another), then it expires;</li>
 *   <li>leaving, a kick and closing or deleting the room free it at once;</li>
 *   <li>whoever takes a name after its holder left gets a new key, so the old holder's key cannot
 *       take it back;</li>
 *   <li>bounded: at most the room's member limit per room, and a fixed total (beyond it a member
 *       still gets a key, but none is kept).</li>
 * </ul>
 * Thread-safe. Called under the room's lock.
 */
public interface ReclaimKeys {

    /** How long a dropped member's key still reclaims the name. */
    Duration GRACE = Duration.ofMinutes(2);

    /** Whether {@code presented} is the live key of that member. */
    boolean matches(String roomId, String nickname, String presented);

    /**
     * When the key that nickname holds now was first given out, if it holds one: a key is kept
     * across reconnects by its holder and given anew to anyone else who takes the name, so "held
     * since before the message was sent" proves the author of a message (issue #14's edit rule).
     */
    Optional<Instant> heldSince(String roomId, String nickname);

    /** A new key: the time it is given out (hex milliseconds), then 128 random bits. */
    static String newKey(long nowMillis, SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        // Not String.format: it parses its pattern on every call, and every first join makes a key.
        String millis = Long.toHexString(nowMillis);
        return "0".repeat(Math.max(0, 12 - millis.length())) + millis + HexFormat.of().formatHex(bytes);
    }

    /** When {@code key} was given out, read from the key itself; empty for a key of another shape. */
    static Optional<Instant> issuedAt(String key) {
        if (key == null || key.length() != 44) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(key.substring(0, 12), 16)));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    /**
     * The member is online (just joined): keeps their key if they are the one who holds it (online,
     * or presenting it within the grace period), otherwise gives the name a new key; returns it.
     */
    String online(String roomId, String nickname, String presented);

    /** The member's connection is gone (or its node died): the key now expires after {@link #GRACE}. */
    void dropped(String roomId, String nickname);

    /**
     * The member is online again on the connection it had: its node claimed the name back after a
     * stall, the sweep having {@link #dropped} it meanwhile. A key still live is an online member's
     * again (it does not expire after {@link #GRACE}); none is made.
     */
    void backOnline(String roomId, String nickname);

    /** The member left for good (said {@code sair}, was kicked). */
    void remove(String roomId, String nickname);

    /** The room was closed or deleted. */
    void forgetRoom(String roomId);

    /** Drops every expired key; the housekeeping schedule calls it. */
    void sweep();

    /** Keys held now; for tests and the resource budget. */
    int size();
}
