package webtalk.chat;

import java.util.List;

/**
 * Full-text search in one room's stored messages. Guarantees:
 * <ul>
 * <li><b>one room only</b>: a search never returns another room's message;</li>
 * <li><b>words, not strings</b>: a message matches when, for every term, one of its words starts
 *     with that term (is that term, for a one-character term: {@link SearchQuery#prefix}), ignoring
 *     case and diacritics ({@code aviao} finds {@code Avião}); terms are words as {@link SearchQuery}
 *     splits them, given already folded ({@link SearchQuery#fold});</li>
 * <li><b>current text</b>: an edited message is found by its new text only, a deleted message
 *     (or one whose text was emptied) is not found;</li>
 * <li><b>ranked</b>: best match first, ties newest first;</li>
 * <li><b>bounded</b>: only the room's newest {@link #MAX_CANDIDATES} matches are ranked and paged,
 *     so a search reads at most that many messages however common its words are.</li>
 * </ul>
 */
public interface MessageSearch {

    /** How many of a room's newest matches one search ranks; older matches are not found. */
    int MAX_CANDIDATES = 1000;

    /**
     * The {@code limit} best matches after skipping {@code offset} ({@code offset + limit} at most
     * {@link #MAX_CANDIDATES} + 1 is enough to tell whether there are more).
     */
    List<Message> search(String roomId, List<String> terms, int offset, int limit);
}
