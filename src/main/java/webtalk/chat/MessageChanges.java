package webtalk.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happens to a stored message after it was sent: its author edits it, members react to it
 * (deleting is {@link MessageLog#deleteMessage}, a tombstone). Guarantees:
 * <ul>
 * <li>an edit of a tombstone changes nothing and says so: an edit and a delete racing end with the
 *     message deleted or with the edit kept, never with erased text coming back;</li>
 * <li>a member (by name key) holds at most one reaction per emoji per message, on any number of
 *     nodes (a unique key decides); the bounds on a message's distinct emoji and on one member's
 *     emoji are checked in the toggle's transaction, with the message row locked, so concurrent
 *     toggles never pass them;</li>
 * <li>a tombstone has no reactions, and none can be added to it.</li>
 * </ul>
 */
public interface MessageChanges {

    /** The message with its extras (quote as the original is now, reactions), or empty. */
    Optional<Message> findMessage(String roomId, long messageId);

    /** Replaces the text and mentions of a message that is not a tombstone; false if none such. */
    boolean editMessage(String roomId, long messageId, String text, List<String> mentions, Instant editedAt);

    /**
     * Adds the member's reaction with {@code emoji} to the message, or takes it away if they have it.
     *
     * @param memberKey    the reacting member's {@link NameKeys} key: one reaction per emoji per person
     * @param maxEmoji     distinct emoji a message may carry; a new one past it is refused
     * @param maxPerMember emoji one member may have on one message
     */
    ReactionToggle toggleReaction(String roomId, long messageId, String memberKey, String emoji, Instant at,
                                  int maxEmoji, int maxPerMember);

    /** The outcome of a toggle and, when it changed something, the message's counts after it. */
    record ReactionToggle(Outcome outcome, Map<String, Integer> reactions) {

        public enum Outcome { ADDED, REMOVED, NO_MESSAGE, DELETED, TOO_MANY_EMOJI, TOO_MANY_MINE }

        public static ReactionToggle refused(Outcome outcome) {
            return new ReactionToggle(outcome, Map.of());
        }
    }
}
