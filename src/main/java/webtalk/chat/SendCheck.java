package webtalk.chat;

/**
 * A rule a message must pass before it is stored, after the service's own checks (e.g. a room's
 * slow mode). Registered with {@link ChatService#checkSendsWith}; throws {@link ChatException} to refuse.
 */
@FunctionalInterface
public interface SendCheck {

    /** Called with the sender's name in the room; throws to refuse the message, nothing stored. */
    void admit(MemberConnection connection, String roomId, String author);
}
