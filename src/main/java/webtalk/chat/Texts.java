package webtalk.chat;

/** Validation of the user-typed strings that enter the domain. */
final class Texts {

    private Texts() {
    }

    /**
     * Trimmed text with C0/C1 control characters removed, keeping line breaks and tabs; empty if
     * nothing in it would show (only zero-width characters, a BOM, blank letters, marks with no
     * base: see {@link Invisibles}). Runs for every message, so it scans chars rather than code
     * points, and copies only when there is something to remove: every control character is a
     * single BMP char, never half of a surrogate pair, so both ways remove the same characters.
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
            return Invisibles.anyVisible(text) ? text : "";
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, first);
        for (int i = first + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!removed(c)) {
                out.append(c);
            }
        }
        String cleaned = out.toString().strip();
        return Invisibles.anyVisible(cleaned) ? cleaned : "";
    }

    private static boolean removed(char c) {
        return c != '\n' && c != '\t' && Character.isISOControl(c);
    }

    /**
     * A one-line name: trimmed of spaces (no-break spaces too), 1..max code points, and readable
     * by the rule of {@link Invisibles}: no control characters, nothing invisible that could make
     * it pose as another name, at least one visible character. Returned as typed otherwise; its
     * comparison key is {@link NameKeys#of}.
     */
    static String name(String raw, int max, ChatError error) {
        if (raw == null) {
            throw new ChatException(error);
        }
        String name = trimSpaces(raw);
        if (name.isEmpty() || name.codePointCount(0, name.length()) > max || !Invisibles.readableName(name)) {
            throw new ChatException(error);
        }
        return name;
    }

    /** Like {@link String#strip()}, and also the no-break spaces it keeps (U+00A0, U+2007, U+202F). */
    private static String trimSpaces(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && space(raw.charAt(start))) {
            start++;
        }
        while (end > start && space(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end);
    }

    private static boolean space(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
