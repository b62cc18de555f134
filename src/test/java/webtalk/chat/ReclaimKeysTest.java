package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A reclaim key says when it was given out, which is what proves a message's author (issue #14). */
class ReclaimKeysTest {

    @Test
    void aNewKeyTellsWhenItWasGivenOutAndIsUnguessable() {
        SecureRandom random = new SecureRandom();
        String key = ReclaimKeys.newKey(1_764_979_200_123L, random);
        assertEquals(44, key.length());
        assertEquals(Optional.of(Instant.ofEpochMilli(1_764_979_200_123L)), ReclaimKeys.issuedAt(key));
        assertNotEquals(key, ReclaimKeys.newKey(1_764_979_200_123L, random), "128 random bits after the time");
    }

    @Test
    void aKeyOfAnotherShapeTellsNothing() {
        assertEquals(Optional.empty(), ReclaimKeys.issuedAt(null));
        assertEquals(Optional.empty(), ReclaimKeys.issuedAt("0123456789abcdef0123456789abcdef"));
        assertEquals(Optional.empty(), ReclaimKeys.issuedAt("zz".repeat(22)));
    }
}
