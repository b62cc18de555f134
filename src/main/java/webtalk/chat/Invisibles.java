package webtalk.chat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;

/**
 * What renders as nothing, and the rule that keeps names readable. Unicode data comes from ICU
 * (the same version as {@link NameKeys}), not from the JDK, whose tables are older.
 *
 * <p><b>Names are refused, not stripped</b>, when they hold anything that draws nothing or hides
 * what follows: control and format characters (zero-width spaces, bidi controls, BOM, soft
 * hyphen), default-ignorable code points (U+034F, U+180E, tag characters, Khmer inherent vowels),
 * the blank look-alike letters U+3164, U+115F, U+1160, U+FFA0 and U+2800, line and paragraph
 * separators, lone surrogates, and combining marks with no visible base (at the start, or after a
 * space or a joiner). Stripping would store something other than what the person typed and sees
 * in their own client; a refusal says at once what is wrong, as chat products do for handles. The
 * exceptions are the ones real names need, each allowed only where it joins something visible:
 * <ul>
 *   <li>U+200D (ZWJ) and U+200C (ZWNJ) between two visible characters: emoji sequences
 *       ({@code 👩‍💻}), and Persian or Indic spelling;</li>
 *   <li>U+FE0E/U+FE0F (text/emoji presentation) right after an emoji character ({@code ❤️},
 *       keycaps), and ideographic variation selectors (U+E0100–U+E01EF) right after an ideograph,
 *       which Japanese names use; any other variation selector is refused.</li>
 * </ul>
 * A name must also hold at least one visible character. None of these exceptions changes the
 * name's key: {@link NameKeys} drops joiners and selectors, so they cannot make a look-alike.
 *
 * <p>Messages are only required to show something: {@link #anyVisible} stops at the first visible
 * code point, which for an ordinary message is its first character.
 */
final class Invisibles {

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;
    private static final int BRAILLE_BLANK = 0x2800;

    private Invisibles() {
    }

    /** True if some code point of the text draws something on its own. */
    static boolean anyVisible(String text) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c > ' ' && c != 0x7f) {
                    return true;
                }
                i++;
            } else {
                int cp = text.codePointAt(i);
                if (!blank(cp)) {
                    return true;
                }
                i += Character.charCount(cp);
            }
        }
        return false;
    }

    /**
     * Draws nothing, or bare space, on its own: spaces and separators, control and format
     * characters, combining marks (with no base they are nothing to read), the blank letters and
     * default-ignorable code points not yet assigned. A lone surrogate is not blank: it shows as �.
     */
    static boolean blank(int cp) {
        return switch (UCharacter.getType(cp)) {
            case UCharacterCategory.SPACE_SEPARATOR, UCharacterCategory.LINE_SEPARATOR, UCharacterCategory.PARAGRAPH_SEPARATOR,
                 UCharacterCategory.CONTROL, UCharacterCategory.FORMAT,
                 UCharacterCategory.NON_SPACING_MARK, UCharacterCategory.ENCLOSING_MARK -> true;
            // The Hangul fillers are the only default-ignorable letters (a test keeps it so), which
            // spares a property lookup for every message that starts with a CJK letter or an emoji.
            case UCharacterCategory.OTHER_LETTER -> cp == 0x3164 || cp == 0x115F || cp == 0x1160 || cp == 0xFFA0;
            case UCharacterCategory.OTHER_SYMBOL -> cp == BRAILLE_BLANK;
            case UCharacterCategory.UNASSIGNED -> ignorable(cp);  // reserved as ignorable: future invisibles
            default -> false;
        };
    }

    private static boolean ignorable(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
    }

    /** The name rule of the class comment; {@code name} is already trimmed. */
    static boolean readableName(String name) {
        boolean anyVisible = false;
        boolean onBase = false;  // a mark or selector here would sit on a visible character
        int previous = -1;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            int type = UCharacter.getType(cp);
            if (cp == ZWJ || cp == ZWNJ) {
                if (!onBase || i == name.length() || blank(name.codePointAt(i))) {
                    return false;
                }
                onBase = false;
            } else if (cp == 0xFE0E || cp == 0xFE0F) {
                if (!onBase || !UCharacter.hasBinaryProperty(previous, UProperty.EMOJI)) {
                    return false;
                }
            } else if (cp >= 0xE0100 && cp <= 0xE01EF) {
                if (!onBase || !UCharacter.hasBinaryProperty(previous, UProperty.IDEOGRAPHIC)) {
                    return false;
                }
            } else if (type == UCharacterCategory.NON_SPACING_MARK || type == UCharacterCategory.ENCLOSING_MARK) {
                if (!onBase || ignorable(cp)) {
                    return false;
                }
            } else if (type == UCharacterCategory.SPACE_SEPARATOR) {
                onBase = false;
            } else if (type == UCharacterCategory.SURROGATE || blank(cp)) {
                return false;
            } else {
                anyVisible = true;
                onBase = true;
            }
            previous = cp;
        }
        return anyVisible;
    }
}
