package webtalk.chat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server adds to a message's text before it is stored: the reply's quote and the members
 * it mentions. A mention is {@code @} followed by the name of a member in the room now, compared
 * by {@link NameKeys} (so {@code @ANA} and {@code @ana} both mention ana), ending at a space, a
 * punctuation mark or the end; the longest name that matches wins ({@code @ana maria} over
 * {@code @ana}). Bounded: at most {@link #AT_SIGNS_MAX} {@code @} are looked at per text, names of
 * at most {@value ChatService#NICKNAME_MAX} code points, and {@link #MENTIONS_MAX} mentions kept.
 */
public final class MessageDrafts {

    /** Mentions kept per message. */
    public static final int MENTIONS_MAX = 20;
    /** Code points of the original a reply quotes. */
    public static final int EXCERPT_MAX = 100;
    static final int AT_SIGNS_MAX = 50;
    private static final int KEY_CACHE_MAX = 20_000;

    private final MessageChanges store;
    private final Presence presence;
    /** nickname → its NameKeys key: members' keys are computed once, not once per message that mentions. */
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    MessageDrafts(MessageChanges store, Presence presence) {
        this.store = store;
        this.presence = presence;
    }

    /**
     * The extras of a new message: the quote of {@code replyTo} (REPLY_NOT_FOUND if the room has no
     * such message) and the mentions in {@code text}.
     */
    Message.Extras draft(String roomId, String text, Long replyTo) {
        Message.Quote quote = null;
        if (replyTo != null) {
            Message original = store.findMessage(roomId, replyTo)
                    .orElseThrow(() -> new ChatException(ChatError.REPLY_NOT_FOUND));
            quote = quoteOf(original);
        }
        return new Message.Extras(replyTo, quote, mentions(roomId, text), null, false, Map.of());
    }

    /** How a reply quotes {@code original} as it is now. */
    public static Message.Quote quoteOf(Message original) {
        if (original.extras().deleted()) {
            return new Message.Quote(original.author(), "", true);
        }
        return new Message.Quote(original.author(), excerpt(original.text()), false);
    }

    /** The first {@link #EXCERPT_MAX} code points of {@code text}. */
    public static String excerpt(String text) {
        if (text.codePointCount(0, text.length()) <= EXCERPT_MAX) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, EXCERPT_MAX));
    }

    /** The members of the room that {@code text} mentions, as their names are shown, in order of first mention. */
    List<String> mentions(String roomId, String text) {
        if (text.indexOf('@') < 0) {
            return List.of();
        }
        Map<String, String> members = new java.util.HashMap<>();
        for (Presence.Member member : presence.members(roomId)) {
            members.put(keyOf(member.nickname()), member.nickname());
        }
        Set<String> found = new LinkedHashSet<>();
        int at = text.indexOf('@');
        int seen = 0;
        while (at >= 0 && seen++ < AT_SIGNS_MAX && found.size() < MENTIONS_MAX) {
            String name = longestMemberAfter(text, at + 1, members);
            if (name != null) {
                found.add(name);
            }
            at = text.indexOf('@', at + 1);
        }
        return new ArrayList<>(found);
    }

    private String longestMemberAfter(String text, int start, Map<String, String> members) {
        List<Integer> ends = new ArrayList<>();
        int end = start;
        for (int points = 0; points < ChatService.NICKNAME_MAX && end < text.length(); points++) {
            end = text.offsetByCodePoints(end, 1);
            if (end == text.length() || boundary(text.codePointAt(end))) {
                ends.add(end);
            }
        }
        for (int i = ends.size() - 1; i >= 0; i--) {
            String name = members.get(NameKeys.of(text.substring(start, ends.get(i))));
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    private static boolean boundary(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '@'
                || ".,;:!?)]}\"'»”’".indexOf(c) >= 0;
    }

    private String keyOf(String nickname) {
        String key = keys.get(nickname);
        if (key == null) {
            if (keys.size() >= KEY_CACHE_MAX) {
                keys.clear();  // a plain bound: the keys are recomputed as needed
            }
            key = NameKeys.of(nickname);
            keys.put(nickname, key);
        }
        return key;
    }
}
