package webtalk.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored chat message. {@code id} comes from the store and increases with every message, so it
 * orders messages within a room and lets a client resume after the last id it saw.
 *
 * @param clientId the sender's own id for idempotent retry, or null
 * @param extras   what issue #14 added: reply, mentions, edit and delete marks, reactions
 */
public record Message(long id, String roomId, String author, String text, Instant at, String clientId, Extras extras) {

    /** A plain message: no reply, no mention, never edited or deleted, no reaction. */
    public Message(long id, String roomId, String author, String text, Instant at, String clientId) {
        this(id, roomId, author, text, at, clientId, Extras.NONE);
    }

    public Message {
        extras = extras == null ? Extras.NONE : extras;
    }

    /** This message with other extras (a store's read adds the reactions, the quote). */
    public Message withExtras(Extras changed) {
        return new Message(id, roomId, author, text, at, clientId, changed);
    }

    /**
     * @param replyTo   the id (same room) this message answers, or null
     * @param quote     a short quote of that message, or null when it is gone (retention) or none
     * @param mentions  nicknames of members mentioned with {@code @}, as shown, at most {@link MessageDrafts#MENTIONS_MAX}
     * @param editedAt  when the author last edited it, or null
     * @param deleted   a tombstone: the text is erased, the id stays
     * @param reactions emoji → how many members reacted with it, in the order first used
     */
    public record Extras(Long replyTo, Quote quote, List<String> mentions, Instant editedAt, boolean deleted,
                         Map<String, Integer> reactions) {

        public static final Extras NONE = new Extras(null, null, List.of(), null, false, Map.of());

        public Extras {
            mentions = mentions == null ? List.of() : List.copyOf(mentions);
            reactions = reactions == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reactions));
        }

        public Extras withReactions(Map<String, Integer> counts) {
            return new Extras(replyTo, quote, mentions, editedAt, deleted, counts);
        }
    }

    /**
     * The original a reply quotes, as it is now: its author and the start of its text (at most
     * {@link MessageDrafts#EXCERPT_MAX} code points), or {@code deleted} with an empty excerpt.
     */
    public record Quote(String author, String excerpt, boolean deleted) {
    }
}
