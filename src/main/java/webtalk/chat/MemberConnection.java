package webtalk.chat;

import java.util.List;

/**
 * A member's connection as the chat domain sees it; the realtime layer implements it. Calls
 * happen while the room is locked, so that a joiner sees its history and then every later
 * message, with no gap and no duplicate.
 */
public interface MemberConnection {

    /** Unique per connection for the life of the process. */
    String id();

    /** The client's network address, for address bans. */
    String address();

    /** An admin removed this member from the room ({@code error} says why: kicked or banned). */
    void removed(String roomId, ChatError error);

    /**
     * The member is out of the room without having left or been removed ({@code error} says why,
     * e.g. its name was taken while its node stalled), and may join again: told as {@code erro}
     * with the room's id. The domain has unsubscribed it already.
     */
    void outOfRoom(String roomId, ChatError error);

    /**
     * As {@link #removed(String, ChatError)}, with the refusal's values (a ban's end as
     * {@code banido_ate}); a connection that cannot send them tells the code alone.
     */
    default void removed(String roomId, ChatException why) {
        removed(roomId, why.error());
    }

    /** Start receiving the room's events on this connection. */
    void subscribe(String roomId);

    void unsubscribe(String roomId);

    /** Deliver stored messages to this connection only, oldest first. */
    void replay(String roomId, List<Message> history);
}
