package webtalk.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of a found message shown in the results, cut into plain segments, the matched words
 * marked: the page renders them as text nodes (never HTML), so the marks need no escaping and a
 * message cannot inject any. A word is marked when its folded form starts with a folded term (equals
 * it, for a one-character term), the same rule the stores match by. A long message is cut around its first marked word.
 */
final class SearchExcerpt {

    /** The longest excerpt, in chars, before the ellipses. */
    static final int MAX_CHARS = 240;
    /** How much text before the first match a cut excerpt keeps, at most. */
    static final int LEAD_CHARS = 60;
    static final String ELLIPSIS = "…";

    private SearchExcerpt() {
    }

    static List<ExcerptPart> of(String text, List<String> terms) {
        List<int[]> words = SearchQuery.words(text);
        List<int[]> marked = new ArrayList<>();
        for (int[] word : words) {
            String folded = SearchQuery.fold(text.substring(word[0], word[1]));
            for (String term : terms) {
                if (SearchQuery.prefix(term) ? folded.startsWith(term) : folded.equals(term)) {
                    marked.add(word);
                    break;
                }
            }
        }
        int from = 0;
        int to = text.length();
        if (to > MAX_CHARS) {
            int first = marked.isEmpty() ? 0 : marked.get(0)[0];
            from = first <= LEAD_CHARS ? 0 : wordStartAtOrAfter(words, first - LEAD_CHARS, first);
            to = Math.min(text.length(), from + MAX_CHARS);
            if (to < text.length()) {
                to = cutBefore(text, words, to, from);
            }
        }
        List<ExcerptPart> segments = new ArrayList<>();
        StringBuilder plain = new StringBuilder(from > 0 ? ELLIPSIS : "");
        int at = from;
        for (int[] word : marked) {
            if (word[0] < from || word[1] > to) {
                continue;
            }
            plain.append(text, at, word[0]);
            if (!plain.isEmpty()) {
                segments.add(new ExcerptPart(plain.toString(), false));
                plain.setLength(0);
            }
            segments.add(new ExcerptPart(text.substring(word[0], word[1]), true));
            at = word[1];
        }
        plain.append(text, at, to);
        if (to < text.length()) {
            plain.append(ELLIPSIS);
        }
        if (!plain.isEmpty()) {
            segments.add(new ExcerptPart(plain.toString(), false));
        }
        return segments;
    }

    /** The first word start in [{@code at}, {@code limit}]: the excerpt never begins inside a word. */
    private static int wordStartAtOrAfter(List<int[]> words, int at, int limit) {
        for (int[] word : words) {
            if (word[0] >= at) {
                return Math.min(word[0], limit);
            }
        }
        return limit;
    }

    /** {@code at} moved back to the start of the word it falls in, if any (and past {@code from}). */
    private static int cutBefore(String text, List<int[]> words, int at, int from) {
        for (int[] word : words) {
            if (word[0] < at && at < word[1] && word[0] > from) {
                return word[0];
            }
        }
        // between words: never split a surrogate pair (an emoji)
        return Character.isLowSurrogate(text.charAt(at)) ? at - 1 : at;
    }
}
