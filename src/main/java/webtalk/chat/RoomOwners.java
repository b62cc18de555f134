package webtalk.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The powers of a room's owner and moderators, who have no account: a key proves the role, in its
 * room only ({@link RoomKeys}: stored as hashes, rotated by the owner). The owner hands out one
 * moderator key per room; making a new one revokes the old. Moderators may do everything the owner
 * may except manage keys. The transports check the role ({@link #authorize}) and then call the
 * power; the admin calls the powers directly. Kicks, bans, deletions and closing go through
 * {@link Moderation}, as the admin's do, so they work across nodes the same way.
 */
public final class RoomOwners {

    public static final int MAX_PINS = 25;
    /** Owners ban for at most 30 days (the admin for up to a year). */
    public static final long MAX_BAN_MINUTES = 30L * 24 * 60;
    private static final int ROOM_NAME_MAX = 50;
    private static final int DESCRIPTION_MAX = 200;

    /** Who acts on a room; {@code code} is the contract's {@code papel}. */
    public enum Role {
        OWNER("dono"), MODERATOR("moderador"), MEMBER("membro"), ADMIN("admin");

        private final String code;

        Role(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** Owner, moderator or admin. */
        public boolean moderates() {
            return this != MEMBER;
        }
    }

    /** A new key and its link's fragment parameter, given once to whoever made it; only its hash is kept. */
    public record IssuedKey(String roomId, String key, Role role) {
    }

    private final RoomOwnership store;
    private final LiveRooms rooms;
    private final Moderation moderation;
    private final RoomEvents events;
    private final SlowMode slowMode;
    private final Clock clock;

    public RoomOwners(RoomOwnership store, LiveRooms rooms, Moderation moderation, RoomEvents events, SlowMode slowMode, Clock clock) {
        this.store = store;
        this.rooms = rooms;
        this.moderation = moderation;
        this.events = events;
        this.slowMode = slowMode;
        this.clock = clock;
    }

    // ---- keys and roles ------------------------------------------------------------------------

    /** A new owner key for the room (its creation, or a rotation: the old key stops working). */
    public IssuedKey issueOwnerKey(String roomId) {
        String key = RoomKeys.newKey();
        if (!store.saveOwnerKeyHash(roomId, RoomKeys.hash(key))) {
            throw new ChatException(ChatError.ROOM_NOT_FOUND);
        }
        return new IssuedKey(roomId, key, Role.OWNER);
    }

    /** A new moderator key for the room: every moderator link given before stops working. */
    public IssuedKey issueModeratorKey(String roomId) {
        String key = RoomKeys.newKey();
        if (!store.saveModeratorKeyHash(roomId, RoomKeys.hash(key))) {
            throw new ChatException(ChatError.ROOM_NOT_FOUND);
        }
        return new IssuedKey(roomId, key, Role.MODERATOR);
    }

    /**
     * The role a key gives in the room: OWNER, MODERATOR, or MEMBER when no key is given.
     *
     * @throws ChatException INVALID_ROOM_KEY for any key that is neither (never a hint which), ROOM_NOT_FOUND
     */
    public Role roleOf(String roomId, String key) {
        if (key == null) {
            return Role.MEMBER;
        }
        RoomOwnership.KeyHashes hashes = hashes(roomId);
        if (RoomKeys.matches(key, hashes.owner())) {
            return Role.OWNER;
        }
        if (RoomKeys.matches(key, hashes.moderator())) {
            return Role.MODERATOR;
        }
        throw new ChatException(ChatError.INVALID_ROOM_KEY);
    }

    /**
     * The role of a key that must moderate the room; {@code manageKeys} for what only the owner may.
     *
     * @throws ChatException NOT_OWNER without a key, INVALID_ROOM_KEY for a wrong (or rotated) one,
     *                       OWNER_ONLY for a moderator managing keys
     */
    public Role authorize(String roomId, String key, boolean manageKeys) {
        if (key == null) {
            throw new ChatException(ChatError.NOT_OWNER);
        }
        Role role = roleOf(roomId, key);
        if (manageKeys && role != Role.OWNER) {
            throw new ChatException(ChatError.OWNER_ONLY);
        }
        return role;
    }

    /** A connection that proved a key of the room: not slowed by the room's slow mode. */
    public void proved(MemberConnection connection, String roomId) {
        slowMode.exempt(connection.id(), roomId);
    }

    /** The connection is gone: what was kept for it goes. */
    public void disconnected(String connectionId) {
        slowMode.disconnected(connectionId);
    }

    // ---- powers (authorized by the caller) -----------------------------------------------------

    /**
     * Sets the room's name and/or description (null keeps it); the room is told {@code sala_atualizada}.
     *
     * @return the room as changed
     */
    public Room editTopic(String roomId, String rawName, String rawDescription) {
        Room room = rooms.existing(roomId);
        if (rawName == null && rawDescription == null) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        String name = rawName == null ? room.name() : Texts.name(rawName, ROOM_NAME_MAX, ChatError.INVALID_ROOM_NAME);
        String description = rawDescription == null ? room.description() : Texts.clean(rawDescription);
        if (Texts.length(description) > DESCRIPTION_MAX) {
            throw new ChatException(ChatError.INVALID_DESCRIPTION);
        }
        if (!store.updateTopic(roomId, name, description)) {
            throw new ChatException(ChatError.ROOM_NOT_FOUND);
        }
        events.publish(new RoomEvent.RoomUpdated(roomId, name, description));
        return new Room(room.id(), name, description, room.creator(), room.createdAt(), room.passwordProtected(),
                room.active(), room.lastActivityAt());
    }

    /** Pins a message of the room (at most {@link #MAX_PINS}); pinning a pinned one changes nothing. */
    public void pin(String roomId, long messageId) {
        rooms.existing(roomId);
        RoomOwnership.Pinning outcome = store.pin(roomId, messageId, clock.instant(), MAX_PINS);
        switch (outcome) {
            case PINNED -> events.publish(new RoomEvent.MessagePinned(roomId, messageId, true));
            case ALREADY_PINNED -> { }
            case LIMIT_REACHED -> throw new ChatException(ChatError.PIN_LIMIT, MAX_PINS);
            case NO_SUCH_MESSAGE -> throw new ChatException(ChatError.MESSAGE_NOT_FOUND);
        }
    }

    /** Unpins a pinned message of the room; MESSAGE_NOT_FOUND if it was not pinned. */
    public void unpin(String roomId, long messageId) {
        rooms.existing(roomId);
        if (!store.unpin(roomId, messageId)) {
            throw new ChatException(ChatError.MESSAGE_NOT_FOUND);
        }
        events.publish(new RoomEvent.MessagePinned(roomId, messageId, false));
    }

    /** The room's pinned messages, in the order they were pinned. */
    public List<Message> pinned(String roomId) {
        return store.pinned(roomId);
    }

    /**
     * Deletes any message of the room (the path a moderator's {@code excluir_mensagem} takes; an
     * author deleting their own goes another way). Its pin goes with it.
     */
    public void deleteMessage(String roomId, long messageId) {
        moderation.deleteMessage(roomId, messageId);
    }

    public void kick(String roomId, String nickname) {
        moderation.kick(roomId, nickname);
    }

    /** Bans the nickname from the room for {@code minutes} (1 to {@link #MAX_BAN_MINUTES}); never an address. */
    public void ban(String roomId, String nickname, long minutes) {
        if (minutes < 1 || minutes > MAX_BAN_MINUTES) {
            throw new ChatException(ChatError.SETTING_OUT_OF_RANGE, "minutos", 1, MAX_BAN_MINUTES);
        }
        moderation.ban(roomId, nickname, Duration.ofMinutes(minutes), false);
    }

    /** One message per {@code seconds} per member (0 = off); the room is told {@code modo_lento_alterado}. */
    public void setSlowMode(String roomId, int seconds) {
        if (seconds < 0 || seconds > SlowMode.MAX_SECONDS) {
            throw new ChatException(ChatError.SETTING_OUT_OF_RANGE, "segundos", 0, SlowMode.MAX_SECONDS);
        }
        rooms.existing(roomId);
        if (!store.saveSlowMode(roomId, seconds)) {
            throw new ChatException(ChatError.ROOM_NOT_FOUND);
        }
        events.publish(new RoomEvent.SlowModeChanged(roomId, seconds));
    }

    /**
     * Whether only the owner and moderators open polls in the room ({@link OwnerPollPermissions});
     * the room is told {@code enquetes_configuradas}.
     */
    public void setPollsModeratorsOnly(String roomId, boolean moderatorsOnly) {
        rooms.existing(roomId);
        if (!store.savePollsModeratorsOnly(roomId, moderatorsOnly)) {
            throw new ChatException(ChatError.ROOM_NOT_FOUND);
        }
        events.publish(new RoomEvent.PollSettingChanged(roomId, moderatorsOnly));
    }

    /** The room's poll setting, read from the store (so it is the same on every node). */
    public boolean pollsModeratorsOnly(String roomId) {
        return store.pollsModeratorsOnly(roomId);
    }

    public int slowModeSeconds(String roomId) {
        return slowMode.seconds(roomId);
    }

    /** Closes the room as the admin does: members are told and removed; it can be reopened. */
    public void close(String roomId) {
        moderation.closeRoom(roomId);
    }

    private RoomOwnership.KeyHashes hashes(String roomId) {
        rooms.existing(roomId);
        Optional<RoomOwnership.KeyHashes> hashes = store.keyHashes(roomId);
        return hashes.orElseThrow(() -> new ChatException(ChatError.ROOM_NOT_FOUND));
    }
}
