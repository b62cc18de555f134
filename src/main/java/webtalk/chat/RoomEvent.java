package webtalk.chat;

/**
 * What happened in a room, to be delivered to its members on every node. Sealed so that each
 * transport maps every kind explicitly.
 */
public sealed interface RoomEvent {

    String roomId();

    record MessagePosted(Message message) implements RoomEvent {
        @Override
        public String roomId() {
            return message.roomId();
        }
    }

    record UserJoined(String roomId, String nickname, int usersOnline) implements RoomEvent {
    }

    record UserLeft(String roomId, String nickname, int usersOnline) implements RoomEvent {
    }

    /** Ephemeral: shown as "… está digitando", never stored. */
    record UserTyping(String roomId, String nickname) implements RoomEvent {
    }

    /** The room was deleted by an admin ({@code deleted}) or closed for inactivity. */
    record RoomClosed(String roomId, boolean deleted) implements RoomEvent {
    }
}
