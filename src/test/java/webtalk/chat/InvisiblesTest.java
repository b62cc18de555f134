package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which names and messages are refused as invisible, and which real ones pass. */
class InvisiblesTest {

    private static final int MAX = 30;

    static Stream<Arguments> invisibleNames() {
        return Stream.of(
                Arguments.of("only spaces", "   "),
                Arguments.of("only no-break spaces", "\u00a0\u202f"),
                Arguments.of("Hangul filler U+3164", "\u3164"),
                Arguments.of("Hangul choseong filler U+115F", "\u115f"),
                Arguments.of("Hangul jungseong filler U+1160", "\u1160"),
                Arguments.of("halfwidth Hangul filler U+FFA0", "\uffa0"),
                Arguments.of("braille blank U+2800", "\u2800\u2800"),
                Arguments.of("combining marks alone", "\u0301\u0308"),
                Arguments.of("enclosing mark alone", "\u20dd"),
                Arguments.of("zero-width space", "\u200b"),
                Arguments.of("zero-width joiner alone", "\u200d"),
                Arguments.of("BOM", "\ufeff"),
                Arguments.of("variation selector alone", "\ufe0f"),
                Arguments.of("word joiner", "\u2060"),
                Arguments.of("Mongolian vowel separator", "\u180e"),
                Arguments.of("name + combining grapheme joiner", "ana\u034f"),
                Arguments.of("name + emoji selector on a letter", "ana\ufe0f"),
                Arguments.of("name + other variation selector", "ana\ufe00"),
                Arguments.of("name + Hangul filler", "ana\u3164"),
                Arguments.of("name + braille blank", "ana\u2800"),
                Arguments.of("name + zero-width space", "an\u200ba"),
                Arguments.of("name + soft hyphen", "an\u00ada"),
                Arguments.of("name + bidi override", "adm\u202enimda"),
                Arguments.of("name + left-to-right mark", "ana\u200e"),
                Arguments.of("name + tag characters", "ana\udb40\udc61"),
                Arguments.of("name + line separator", "ana\u2028bia"),
                Arguments.of("name + control character", "a\u0000b"),
                Arguments.of("name + lone surrogate", "ana\ud83d"),
                Arguments.of("mark with no base at the start", "\u0301ana"),
                Arguments.of("mark on a space", "ana \u0301"),
                Arguments.of("joiner at the end", "ana\u200d"),
                Arguments.of("joiner before a space", "ana\u200d bia"),
                Arguments.of("two joiners", "a\u200d\u200db"),
                Arguments.of("Khmer inherent vowel (ignorable mark)", "\u1780\u17b4"));
    }

    @ParameterizedTest(name = "refused: {0}")
    @MethodSource("invisibleNames")
    void invisibleNamesAreRefused(String label, String name) {
        ChatException refused = assertThrows(ChatException.class, () -> Texts.name(name, MAX, ChatError.INVALID_NICKNAME), label);
        assertEquals(ChatError.INVALID_NICKNAME, refused.error());
    }

    static Stream<Arguments> readableNames() {
        return Stream.of(
                Arguments.of("plain", "ana", "ana"),
                Arguments.of("trimmed, no-break spaces too", " \u00a0ana\u202f ", "ana"),
                Arguments.of("inner space", "ana maria", "ana maria"),
                Arguments.of("accents, NFD", "Jose\u0301", "Jose\u0301"),
                Arguments.of("Vietnamese stacked marks", "Nguye\u0302\u0303n", "Nguye\u0302\u0303n"),
                Arguments.of("Cyrillic", "\u0410\u043d\u043d\u0430", "\u0410\u043d\u043d\u0430"),
                Arguments.of("Korean", "\ud55c\uad6d", "\ud55c\uad6d"),
                Arguments.of("emoji ZWJ sequence", "\ud83d\udc69\u200d\ud83d\udcbb dev", "\ud83d\udc69\u200d\ud83d\udcbb dev"),
                Arguments.of("heart with emoji selector", "ana \u2764\ufe0f", "ana \u2764\ufe0f"),
                Arguments.of("family with selector inside", "\ud83d\udc68\u200d\u2764\ufe0f\u200d\ud83d\udc68", "\ud83d\udc68\u200d\u2764\ufe0f\u200d\ud83d\udc68"),
                Arguments.of("keycap", "sala 1\ufe0f\u20e3", "sala 1\ufe0f\u20e3"),
                Arguments.of("skin tone", "\ud83d\udc4b\ud83c\udffd oi", "\ud83d\udc4b\ud83c\udffd oi"),
                Arguments.of("Persian with ZWNJ", "\u0645\u06cc\u200c\u062f\u0627", "\u0645\u06cc\u200c\u062f\u0627"),
                Arguments.of("ideographic variation selector", "\u845b\udb40\udd00\u98fe", "\u845b\udb40\udd00\u98fe"),
                Arguments.of("Devanagari with marks", "\u0928\u093f\u0927\u093f", "\u0928\u093f\u0927\u093f"));
    }

    @ParameterizedTest(name = "accepted: {0}")
    @MethodSource("readableNames")
    void readableNamesAreKeptAsTyped(String label, String typed, String kept) {
        assertEquals(kept, Texts.name(typed, MAX, ChatError.INVALID_NICKNAME), label);
    }

    @Test
    void everyDefaultIgnorableCodePointIsBlank() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT) && !Invisibles.blank(cp)) {
                throw new AssertionError("default-ignorable but not blank: U+" + Integer.toHexString(cp));
            }
        }
    }

    static Stream<Arguments> blankMessages() {
        return Stream.of(
                Arguments.of("zero-width spaces", "\u200b\u200b\u200b"),
                Arguments.of("BOM", "\ufeff"),
                Arguments.of("zero-width joiners and non-joiners", "\u200d\u200c\u2060"),
                Arguments.of("Hangul fillers", "\u3164\u3164 \uffa0"),
                Arguments.of("braille blanks", "\u2800\u2800\u2800"),
                Arguments.of("combining marks alone", "\u0301\u0302\u0303"),
                Arguments.of("no-break spaces", "\u00a0\u2007\u202f"),
                Arguments.of("variation selectors and CGJ", "\ufe0f\u034f\ufe0e"),
                Arguments.of("bidi controls", "\u202e\u202d\u2066"),
                Arguments.of("tag characters", "\udb40\udc61\udb40\udc7f"),
                Arguments.of("invisibles around control characters", "\u200b\u0000\ufeff\u0007"));
    }

    @ParameterizedTest(name = "blank message: {0}")
    @MethodSource("blankMessages")
    void messagesThatShowNothingCleanToEmpty(String label, String text) {
        assertEquals("", Texts.clean(text), label);
    }

    static Stream<Arguments> visibleMessages() {
        return Stream.of(
                Arguments.of("ordinary", "oi, tudo bem?"),
                Arguments.of("visible after zero-width", "\u200bolá"),
                Arguments.of("emoji", "\ud83d\udc4d"),
                Arguments.of("mark on a letter", "e\u0301"),
                Arguments.of("Korean", "\ud55c"),
                Arguments.of("bidi override then text", "\u202eevil"),
                Arguments.of("braille dots", "\u2801"));
    }

    @ParameterizedTest(name = "visible message: {0}")
    @MethodSource("visibleMessages")
    void messagesThatShowSomethingAreKeptAsTheyAre(String label, String text) {
        assertSame(text, Texts.clean(text), label);
    }
}
