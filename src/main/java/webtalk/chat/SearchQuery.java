package webtalk.chat;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a person typed in a room's search box, as the words a {@link MessageSearch} matches:
 * split where a word ends (anything but a letter, a digit or a combining mark), folded (lower case,
 * without diacritics), without repeats. Operators and quotes mean nothing here: {@code "a" OR b*}
 * searches the words {@code a}, {@code or} and {@code b}, so no input can break a store's query syntax.
 *
 * @param terms 1 to {@link #MAX_TERMS} folded words
 */
public record SearchQuery(List<String> terms) {

    /** The longest text accepted, in characters. */
    public static final int MAX_LENGTH = 100;
    public static final int MAX_TERMS = 8;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    public SearchQuery {
        terms = List.copyOf(terms);
    }

    /** @throws ChatException {@link ChatError#INVALID_SEARCH} for no word, too long a text, or too many words */
    public static SearchQuery parse(String text) {
        if (text == null) {
            throw new ChatException(ChatError.INVALID_SEARCH);
        }
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > MAX_LENGTH) {
            throw new ChatException(ChatError.INVALID_SEARCH);
        }
        Set<String> terms = new LinkedHashSet<>();
        for (int[] word : words(stripped)) {
            String folded = fold(stripped.substring(word[0], word[1]));
            if (!folded.isEmpty()) {
                terms.add(folded);
            }
        }
        if (terms.isEmpty() || terms.size() > MAX_TERMS) {
            throw new ChatException(ChatError.INVALID_SEARCH);
        }
        return new SearchQuery(new ArrayList<>(terms));
    }

    /** The {start, end} char offsets of each word of {@code text}, in order. */
    static List<int[]> words(String text) {
        List<int[]> words = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (wordPart(cp)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                words.add(new int[]{start, i});
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            words.add(new int[]{start, text.length()});
        }
        return words;
    }

    /**
     * Whether {@code term} matches the words it begins ({@code mat} finds {@code matemática}) or only
     * itself: a one-character term matches whole words only, as its prefix would match a good part
     * of every room's words and make the stores read most of their index.
     */
    public static boolean prefix(String term) {
        return term.codePointCount(0, term.length()) > 1;
    }

    /** Lower case without diacritics: how a word is compared ({@code Avião} and {@code AVIAO} fold to {@code aviao}). */
    public static String fold(String word) {
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static boolean wordPart(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
