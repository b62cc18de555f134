package webtalk.chat;

/**
 * What a reaction may be: one emoji as a reader sees it (one grapheme), and short. Accepted: a
 * pictographic symbol (Unicode category So) with an optional VS16 and skin-tone modifier and tag
 * sequence, a keycap ({@code 0-9 # *}, VS16, U+20E3), a flag (two regional indicators), and
 * ZWJ sequences of those ({@code 👩‍💻}). Java 17's BreakIterator does not know emoji graphemes,
 * hence this small parser. Everything else (text, two emoji, a lone modifier) is refused.
 */
final class Emoji {

    /** UTF-16 units: the longest family and flag-tag sequences fit. */
    static final int MAX_CHARS = 32;
    private static final int ZWJ = 0x200D;
    private static final int VS16 = 0xFE0F;
    private static final int KEYCAP = 0x20E3;
    private static final int TAG_END = 0xE007F;

    private Emoji() {
    }

    static boolean valid(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_CHARS) {
            return false;
        }
        int[] cps = text.codePoints().toArray();
        int i = element(cps, 0);
        while (i > 0 && i < cps.length && cps[i] == ZWJ) {
            i = element(cps, i + 1);
        }
        return i == cps.length;
    }

    /** The index after one element starting at {@code i}, or -1 if none starts there. */
    private static int element(int[] cps, int i) {
        if (i >= cps.length) {
            return -1;
        }
        int c = cps[i];
        if (regional(c)) {
            return i + 1 < cps.length && regional(cps[i + 1]) ? i + 2 : -1;
        }
        if ((c >= '0' && c <= '9') || c == '#' || c == '*') {
            int j = i + 1;
            if (j < cps.length && cps[j] == VS16) {
                j++;
            }
            return j < cps.length && cps[j] == KEYCAP ? j + 1 : -1;
        }
        if (Character.getType(c) != Character.OTHER_SYMBOL || regional(c)) {
            return -1;
        }
        int j = i + 1;
        if (j < cps.length && cps[j] == VS16) {
            j++;
        }
        if (j < cps.length && cps[j] >= 0x1F3FB && cps[j] <= 0x1F3FF) {
            j++;
        }
        if (j < cps.length && cps[j] >= 0xE0020 && cps[j] < TAG_END) {
            while (j < cps.length && cps[j] >= 0xE0020 && cps[j] < TAG_END) {
                j++;
            }
            return j < cps.length && cps[j] == TAG_END ? j + 1 : -1;
        }
        return j;
    }

    private static boolean regional(int c) {
        return c >= 0x1F1E6 && c <= 0x1F1FF;
    }
}
