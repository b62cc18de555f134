package webtalk.chat;

/**
 * A rule a message must pass before it is stored, after the service's own checks (e.g. a room's
 * slow mode). Registered with {@link ChatService#checkSendsWith}; throws {@link ChatException} to refuse.
 */
@FunctionalInterface
public interface SendCheck {

    /** Called with the sender's name in the room; throws to refuse the message, nothing stored. */
    void admit(MemberConnection connection, String roomId, String author);

    /**
     * Every room event delivered to this node, from any node, is shown here before this node's
     * members are told it: a member who has seen a rule change (a room's slow mode switched on) is
     * then judged by the new rule at once, never by the old one it has already been told is gone.
     */
    default void learn(StampedEvent stamped) {
    }
}
