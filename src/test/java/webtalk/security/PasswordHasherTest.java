package webtalk.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashIsSaltedArgon2idAndVerifies() {
        String first = hasher.hash("correct horse");
        String second = hasher.hash("correct horse");
        assertTrue(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), first);
        assertNotEquals(first, second, "a fresh salt each time");
        assertTrue(hasher.matches("correct horse", first));
        assertFalse(hasher.matches("correct horsE", first));
        assertFalse(first.contains("correct"));
    }

    @Test
    void malformedStoredHashNeverMatches() {
        assertFalse(hasher.matches("x", "plaintext"));
        assertFalse(hasher.matches("x", "$argon2id$v=19$m=abc$$"));
        assertFalse(hasher.matches("x", "$bcrypt$whatever$a$b$c"));
    }
}
