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

    /** A one-line name: trimmed, 1..max code points, no control characters at all. */
    static String name(String raw, int max, ChatError error) {
        if (raw == null) {
            throw new ChatException(error);
        }
        String name = raw.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > max
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new ChatException(error);
        }
        return name;
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
