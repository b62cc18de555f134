package webtalk.chat;

/**
 * Whether a connection moderates a room: it proved the room's owner or moderator key, and the key
 * is still valid. The role lives on the connection, so the realtime layer implements this port.
 */
@FunctionalInterface
public interface RoomRoles {

    boolean moderates(MemberConnection member, String roomId);
}
