package webtalk.chat;

/** Validation of the user-typed strings that enter the domain. */
final class Texts {

    private Texts() {
    }

    /** Trimmed text with C0/C1 control characters removed, keeping line breaks and tabs. */
    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        raw.strip().codePoints().filter(cp -> cp == '\n' || cp == '\t' || !Character.isISOControl(cp))
                .forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    /**
     * A one-line name: trimmed, 1..max code points, no control characters, no invisible formatting
     * characters (bidi overrides, zero-width spaces: they let one name pose as another; the
     * zero-width joiner stays, emoji need it), and at least one visible character.
     */
    static String name(String raw, int max, ChatError error) {
        if (raw == null) {
            throw new ChatException(error);
        }
        String name = raw.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > max
                || name.codePoints().anyMatch(cp -> Character.isISOControl(cp) || invisible(cp))
                || name.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x200D)) {
            throw new ChatException(error);
        }
        return name;
    }

    private static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT && cp != 0x200D;
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
