package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Names that look alike share a key; names that look different do not. */
class NameKeysTest {

    static Stream<Arguments> lookAlikes() {
        return Stream.of(
                Arguments.of("same name", "ana", "ana"),
                Arguments.of("Cyrillic а", "ana", "\u0430na"),
                Arguments.of("all Cyrillic", "ana", "\u0430n\u0430"),
                Arguments.of("fullwidth", "ana", "\uff41\uff4e\uff41"),
                Arguments.of("upper case", "ana", "ANA"),
                Arguments.of("Cyrillic capital А", "ana", "\u0410NA"),
                Arguments.of("combining grapheme joiner", "ana", "ana\u034f"),
                Arguments.of("emoji presentation selector", "ana", "ana\ufe0f"),
                Arguments.of("zero-width joiner inside", "ana", "a\u200dna"),
                Arguments.of("NFC and NFD", "Jos\u00e9", "Jose\u0301"),
                Arguments.of("NFD and upper case", "jos\u00e9", "JOSE\u0301"),
                Arguments.of("Cyrillic о in troll", "troll", "tr\u043ell"),
                Arguments.of("fullwidth troll", "troll", "\uff54\uff52\uff4f\uff4c\uff4c"),
                Arguments.of("TROLL", "troll", "TROLL"),
                Arguments.of("troll + U+034F", "troll", "troll\u034f"),
                Arguments.of("digit zero for o", "troll", "tr0ll"),
                Arguments.of("Greek omicron for o", "troll", "tr\u03bfll"),
                Arguments.of("digit one for l", "troll", "tro11"),
                Arguments.of("Cyrillic palochka for l", "troll", "tr\u043e\u04cf\u04cf"),
                Arguments.of("rn for m", "mimi", "rnirni"),
                Arguments.of("sharp s and ss", "stra\u00dfe", "strasse"),
                Arguments.of("no-break space and space", "ana maria", "ana\u00a0maria"),
                Arguments.of("two spaces and one", "ana maria", "ana  maria"),
                Arguments.of("ideographic space", "ana maria", "ana\u3000maria"),
                Arguments.of("math bold letters", "ana", "\ud835\udc1a\ud835\udc27\ud835\udc1a"),
                Arguments.of("room name with accents, other case", "Matem\u00e1tica", "MATEM\u00c1TICA"));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" ~ \"{2}\"")
    @MethodSource("lookAlikes")
    void lookAlikesShareAKey(String label, String name, String lookAlike) {
        assertEquals(NameKeys.of(name), NameKeys.of(lookAlike), label);
    }

    static Stream<Arguments> differentNames() {
        return Stream.of(
                Arguments.of("different letters", "ana", "ane"),
                Arguments.of("accent is visible", "jose", "jos\u00e9"),
                Arguments.of("a space is visible", "anamaria", "ana maria"),
                Arguments.of("different script, different look", "ana", "\u0430\u0431\u0432"),
                Arguments.of("digits", "sala 1", "sala 2"),
                Arguments.of("i and l differ in lower case", "ivo", "lvo"));
    }

    @ParameterizedTest(name = "{0}: \"{1}\" vs \"{2}\"")
    @MethodSource("differentNames")
    void differentNamesKeepDifferentKeys(String label, String name, String other) {
        assertNotEquals(NameKeys.of(name), NameKeys.of(other), label);
    }

    @Test
    void keysAreStableSoTheyCanBeStored() {
        assertEquals("ana", NameKeys.of("\u0410N\uff41"));
        assertEquals(NameKeys.of("troll"), NameKeys.of(NameKeys.of("TR0LL")), "a key is its own key");
    }

    @Test
    void banMatchesLookAlikesOfTheBannedName() {
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
        Ban ban = new Ban("r1", Ban.Kind.NICKNAME, "troll", now.plusSeconds(60));
        for (String evasion : new String[]{"troll", "tr\u043ell", "\uff54\uff52\uff4f\uff4c\uff4c", "TROLL", "troll\u034f", "tr0ll"}) {
            assertEquals(true, ban.matches(evasion, "10.0.0.1", now), evasion);
        }
        assertEquals(false, ban.matches("trilo", "10.0.0.1", now));
        assertEquals(false, ban.matches("troll", "10.0.0.1", now.plusSeconds(60)), "an ended ban refuses nobody");
    }
}
