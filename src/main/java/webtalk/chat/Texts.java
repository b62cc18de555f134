package webtalk.chat;

/** Validation of the user-typed strings that enter the domain. */
final class Texts {

    private Texts() {
    }

    /**
     * Trimmed text with C0/C1 control characters removed, keeping line breaks and tabs. Runs for
     * every message, so it scans chars rather than code points, and copies only when there is
     * something to remove: every control character is a single BMP char, never half of a
     * surrogate pair, so both ways remove the same characters.
     */
    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        int first = 0;
        while (first < text.length() && !removed(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, first);
        for (int i = first + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!removed(c)) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    private static boolean removed(char c) {
        return c != '\n' && c != '\t' && Character.isISOControl(c);
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
