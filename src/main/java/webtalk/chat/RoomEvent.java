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

    /** An admin, a moderator or its author deleted a message; clients show it as deleted. */
    record MessageDeleted(String roomId, long messageId) implements RoomEvent {
    }

    /** Its author edited a message: its new text and mentions. */
    record MessageEdited(String roomId, long messageId, String text, java.time.Instant editedAt,
                         java.util.List<String> mentions) implements RoomEvent {
        public MessageEdited {
            mentions = java.util.List.copyOf(mentions);
        }
    }

    /** A member toggled a reaction: the message's counts now, emoji → members, in the order first used. */
    record ReactionsChanged(String roomId, long messageId, java.util.Map<String, Integer> reactions) implements RoomEvent {
        public ReactionsChanged {
            reactions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reactions));
        }
    }

    /**
     * An admin kicked or banned a member whose connection is on another node: the node holding
     * {@code connectionId} removes it as if the admin had acted there ({@code reason} is KICKED or BANNED).
     */
    record MemberRemoved(String roomId, String connectionId, String nickname, ChatError reason) implements RoomEvent {
    }

    /** Ephemeral: shown as "… está digitando", never stored. */
    record UserTyping(String roomId, String nickname) implements RoomEvent {
    }

    /** The room was deleted or closed by an admin, or closed for inactivity; its members are removed. */
    record RoomClosed(String roomId, Reason reason) implements RoomEvent {

        public enum Reason { DELETED, CLOSED_BY_ADMIN, IDLE }
    }

    /** A member opened a poll (room event {@code enquete}). */
    record PollOpened(Poll poll) implements RoomEvent {
        @Override
        public String roomId() {
            return poll.roomId();
        }
    }

    /**
     * A poll's counts or state changed: a vote, or its close ({@code enquete_atualizada}). Counts
     * only grow while it is open, so a receiver keeps the update with the most votes (two nodes'
     * updates may cross), and a closed poll stays closed.
     */
    record PollUpdated(Poll poll) implements RoomEvent {
        @Override
        public String roomId() {
            return poll.roomId();
        }
    }

    /** An owner, moderator or the admin changed the room's name or description (topic). */
    record RoomUpdated(String roomId, String name, String description) implements RoomEvent {
    }

    /** A message was pinned ({@code pinned}) or unpinned in the room. */
    record MessagePinned(String roomId, long messageId, boolean pinned) implements RoomEvent {
    }

    /** The room's slow mode changed: one message per {@code seconds} per member (0: off). Every node updates its cache. */
    record SlowModeChanged(String roomId, int seconds) implements RoomEvent {
    }

    /** The room's poll setting changed: only its owner and moderators open polls ({@code moderatorsOnly}), or everyone. */
    record PollSettingChanged(String roomId, boolean moderatorsOnly) implements RoomEvent {
    }
}
