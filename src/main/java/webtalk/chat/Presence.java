package webtalk.chat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is online in which room, under which name, on every node. A nickname is unique per room by
 * its {@link NameKeys key}: no two members' names look alike.
 *
 * <p>Guarantees every implementation keeps (and {@code PresenceContract} checks):
 * <ul>
 *   <li>{@link #claim} is atomic: of any number of concurrent claims of one name key in one room,
 *       exactly one succeeds, until the name is {@link #release released}.</li>
 *   <li>A member stays until released, or until the node holding its connection stops
 *       {@link #refresh refreshing}: a cluster implementation gives members an expiry that their
 *       node pushes forward, so a dead node's members go by themselves. The local one never expires
 *       a member: its connection's close releases it.</li>
 *   <li>Counts and member lists reflect every claim and release that returned before the call.</li>
 * </ul>
 * Every method is thread-safe; none may be called with a room lock expected to guard it.
 */
public interface Presence {

    /** A member as every node sees it: the connection is identified, not held (see {@link Connections}). */
    record Member(String connectionId, String nickname, String address) {
    }

    /** A member whose node stopped refreshing it (the node died), removed by {@link #sweepExpired}. */
    record Expired(String roomId, Member member) {
    }

    /**
     * A membership of this node's connection that was gone from the shared presence when this node
     * refreshed it: this node stalled past the lease and another node swept it (its room was told
     * {@code usuario_saiu}), or a reclaim through another node {@link #takeOver took the name over}.
     * The implementation still knows it as this node's until it is {@link #claim claimed} again or
     * {@link #release released}, so the domain decides, under the room's lock, which of the two.
     */
    record Lost(String roomId, String connectionId, String nickname) {
    }

    /** The key nicknames are unique by. */
    static String key(String nickname) {
        return NameKeys.of(nickname);
    }

    /**
     * Claims the member's nickname in the room; false if another connection holds a name with the
     * same key. A connection holds at most one name per room: claiming again replaces its old name.
     */
    boolean claim(String roomId, Member member);

    /**
     * Gives the member's nickname to {@code member}'s connection whoever holds it now, in one atomic
     * step: the holder's membership is released and the name claimed, so no claim of another node
     * (a stalled node claiming it back for the old connection) can come between and take it. Only
     * for a person who proved the name is theirs ({@code chave_sessao}); as {@link #claim}, it
     * replaces the connection's old name in the room.
     *
     * @return the connection the name was taken from, if another one held it (empty: the name was
     *         free, e.g. swept, so the room was told it left)
     */
    Optional<String> takeOver(String roomId, Member member);

    /** @return the nickname the connection had in the room, if any */
    Optional<String> release(String roomId, String connectionId);

    /** Who holds the nickname (or one that looks like it) in the room. */
    Optional<Member> holderOf(String roomId, String nickname);

    Optional<String> nicknameOf(String connectionId, String roomId);

    /** The rooms a connection is in. */
    List<String> roomsOf(String connectionId);

    /** The room's members in join order. */
    List<Member> members(String roomId);

    int count(String roomId);

    /** Members in all rooms. */
    int total();

    /** Rooms with at least one member (idle rooms are closed only if absent here). */
    Set<String> occupiedRooms();

    /** Forgets everyone in the room (it was closed or deleted); returns who was there. */
    List<Member> clear(String roomId);

    /**
     * This node is alive: pushes its members' expiry forward. Called by the node's housekeeping.
     *
     * @return this node's memberships found gone (see {@link Lost}), still known here as this
     *         node's until claimed again or released; the local presence never loses one
     */
    List<Lost> refresh();

    /**
     * Removes the members whose expiry has passed and returns them, each to exactly one caller of
     * one node (that node tells their rooms they left). Called by every node's housekeeping; the
     * local presence never expires anyone and returns nothing.
     */
    List<Expired> sweepExpired();
}
