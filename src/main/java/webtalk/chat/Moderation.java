package webtalk.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an admin does to rooms and members: delete or close a room, close idle ones, delete a
 * message, kick or ban a member. Members are told through the fan-out (or directly, when removed)
 * and the room's live state is updated under the room's lock, like every other change to it.
 */
public final class Moderation {

    private final ChatStorage store;
    private final RoomEvents fanout;
    private final Clock clock;
    private final LiveRooms rooms;
    private final RecentActivity activity;
    private final Supplier<ChatSettings> settings;

    public Moderation(ChatStorage store, RoomEvents fanout, Clock clock, LiveRooms rooms, RecentActivity activity,
               Supplier<ChatSettings> settings) {
        this.store = store;
        this.fanout = fanout;
        this.clock = clock;
        this.rooms = rooms;
        this.activity = activity;
        this.settings = settings;
    }

    /** Deletes the room and its messages; members are told ({@code sala_excluida}) and removed. */
    public void deleteRoom(String roomId) {
        Room room = rooms.existing(roomId);
        synchronized (rooms.lockOf(roomId)) {
            store.deleteRoom(roomId);
            end(roomId, RoomEvent.RoomClosed.Reason.DELETED);
        }
        activity.record(RecentActivity.Kind.ROOM_DELETED, room.name(), null);
    }

    /** Closes the rooms idle for longer than {@code timeout_sala} hours with nobody online; none when it is 0. */
    public List<String> closeIdleRooms() {
        int timeoutHours = settings.get().roomTimeoutHours();
        if (timeoutHours == 0) {
            return List.of();
        }
        java.util.Set<String> occupied = rooms.presence.occupiedRooms();
        Instant cutoff = clock.instant().minus(Duration.ofHours(timeoutHours));
        List<String> closed = store.deactivateRoomsIdleSince(cutoff, occupied);
        for (String roomId : closed) {
            synchronized (rooms.lockOf(roomId)) {
                end(roomId, RoomEvent.RoomClosed.Reason.IDLE);
            }
            activity.record(RecentActivity.Kind.ROOM_IDLE_CLOSED, roomId, null);
        }
        return closed;
    }

    /** Deletes one stored message; the room's clients are told to remove it. */
    public void deleteMessage(String roomId, long messageId) {
        rooms.existing(roomId);
        synchronized (rooms.lockOf(roomId)) {
            if (!store.deleteMessage(roomId, messageId)) {
                throw new ChatException(ChatError.MESSAGE_NOT_FOUND);
            }
            fanout.publish(new RoomEvent.MessageDeleted(roomId, messageId));
        }
    }

    /** Removes a member from the room now; they may join again (unless banned). */
    public void kick(String roomId, String nickname) {
        expel(roomId, nickname, ChatError.KICKED);
    }

    /**
     * Bans a nickname from the room for a while, and also the address the member connects from
     * when {@code includeAddress}; a member online under that name is removed at once.
     */
    public void ban(String roomId, String nickname, Duration duration, boolean includeAddress) {
        rooms.existing(roomId);
        Instant until = clock.instant().plus(duration);
        String name = Texts.name(nickname, ChatService.NICKNAME_MAX, ChatError.INVALID_NICKNAME);
        Optional<Presence.Member> member = rooms.presence.holderOf(roomId, name);
        store.addBan(new Ban(roomId, Ban.Kind.NICKNAME, name, until));
        if (includeAddress && member.isPresent()) {
            store.addBan(new Ban(roomId, Ban.Kind.ADDRESS, member.get().address(), until));
        }
        if (member.isPresent()) {
            expel(roomId, name, ChatError.BANNED);
        }
    }

    private void expel(String roomId, String nickname, ChatError reason) {
        rooms.existing(roomId);
        synchronized (rooms.lockOf(roomId)) {
            Presence.Member member = rooms.presence.holderOf(roomId, nickname)
                    .orElseThrow(() -> new ChatException(ChatError.MEMBER_NOT_FOUND));
            Optional<MemberConnection> here = rooms.connections.find(member.connectionId());
            if (here.isPresent()) {
                removeHere(here.get(), roomId, nickname, reason);
            } else {
                // Its connection is on another node: that node removes it (presence says who, not where).
                fanout.publish(new RoomEvent.MemberRemoved(roomId, member.connectionId(), nickname, reason));
            }
        }
    }

    /** Tells the member, takes it out of the room and tells the room; under the room's lock. */
    private void removeHere(MemberConnection connection, String roomId, String nickname, ChatError reason) {
        connection.removed(roomId, reason == ChatError.BANNED ? banned(roomId, nickname, connection.address()) : new ChatException(reason));
        rooms.unsubscribe(connection, roomId);
        rooms.depart(connection, roomId);
        rooms.reclaimKeys.remove(roomId, nickname);
    }

    /** The refusal a banned member gets, with the end of the longest ban that covers them (as a join would). */
    ChatException banned(String roomId, String nickname, String address) {
        Instant now = clock.instant();
        ChatException refusal = new ChatException(ChatError.BANNED);
        return store.bans(roomId, now).stream().filter(ban -> ban.matches(nickname, address, now))
                .map(Ban::until).max(Instant::compareTo)
                .map(until -> refusal.with(BANNED_UNTIL, until)).orElse(refusal);
    }

    /** The payload field that says when a ban ends (ISO-8601 UTC). */
    public static final String BANNED_UNTIL = "banido_ate";

    /** Closes the room (it stays stored, inactive); members are told and removed. */
    public void closeRoom(String roomId) {
        rooms.existing(roomId);
        synchronized (rooms.lockOf(roomId)) {
            if (!store.deactivateRoom(roomId)) {
                throw new ChatException(ChatError.ROOM_INACTIVE);
            }
            end(roomId, RoomEvent.RoomClosed.Reason.CLOSED_BY_ADMIN);
        }
    }

    /**
     * A kick or ban decided on another node, for a member whose connection may be here: removed as
     * {@link #expel} does it locally. Called under the room's lock by delivery; nothing if the
     * connection is not here (or gone already).
     */
    void removedElsewhere(RoomEvent.MemberRemoved removed) {
        rooms.connections.find(removed.connectionId())
                .ifPresent(connection -> removeHere(connection, removed.roomId(), removed.nickname(), removed.reason()));
    }

    /**
     * The one room-close step, for every way a room ends once the store has recorded it: its
     * members are told ({@code sala_excluida} with the reason's code) and its live state is
     * dropped. The caller holds the room's lock, so no join slips in between.
     */
    private void end(String roomId, RoomEvent.RoomClosed.Reason reason) {
        // Tell the members first: the realtime side removes them from the room as it tells them.
        fanout.publish(new RoomEvent.RoomClosed(roomId, reason));
        rooms.forgetMembers(roomId);
        rooms.forget(roomId, reason);
    }

    /**
     * Reopens a closed room: it is listed and can be joined again, its messages as they were, and
     * its inactivity clock restarts now. Counts against {@code maximo_salas} like a new room: call it
     * through {@link ChatService#reopenRoom}, which holds the lock that limit is checked under.
     *
     * @throws ChatException ROOM_NOT_FOUND, ROOM_NAME_TAKEN (an active room has its name now),
     *                       ROOM_LIMIT, or ROOM_ALREADY_ACTIVE
     */
    Room reopenRoom(String roomId) {
        Room room = rooms.existing(roomId);
        synchronized (rooms.lockOf(roomId)) {
            if (store.countActiveRooms() >= settings.get().maxRooms()) {
                throw new ChatException(ChatError.ROOM_LIMIT);
            }
            if (!store.reactivateRoom(roomId, clock.instant())) {
                throw new ChatException(ChatError.ROOM_ALREADY_ACTIVE);
            }
        }
        activity.record(RecentActivity.Kind.ROOM_REOPENED, room.name(), null);
        return store.findRoom(roomId).orElse(room);
    }

    // ---- what the admin panel shows of a room ------------------------------------------------

    /** A member online (on any node), and until when its name or address is banned here, if it is. */
    public record OnlineMember(String nickname, String address, Instant bannedUntil) {
    }

    /** The room's members on every node (from presence), in join order, each with the end of a ban that covers it. */
    public List<OnlineMember> members(String roomId) {
        rooms.existing(roomId);
        Instant now = clock.instant();
        List<Ban> bans = store.bans(roomId, now);
        return rooms.presence.members(roomId).stream().map(member -> new OnlineMember(member.nickname(), member.address(),
                bans.stream().filter(ban -> ban.matches(member.nickname(), member.address(), now))
                        .map(Ban::until).max(Instant::compareTo).orElse(null))).toList();
    }

    /** The room's bans in force now, oldest first, with the ids {@link #liftBan} takes. */
    public List<Bans.Numbered> bansInForce(String roomId) {
        rooms.existing(roomId);
        return store.numberedBans(roomId, clock.instant());
    }

    /**
     * Ends one of the room's bans now: the name (or address) may join again at once.
     *
     * @return the ban lifted
     * @throws ChatException ROOM_NOT_FOUND, or BAN_NOT_FOUND if the room has no such ban in force
     */
    public Ban liftBan(String roomId, long banId) {
        rooms.existing(roomId);
        Instant now = clock.instant();
        Ban ban = store.numberedBans(roomId, now).stream().filter(n -> n.id() == banId).map(Bans.Numbered::ban)
                .findFirst().orElseThrow(() -> new ChatException(ChatError.BAN_NOT_FOUND));
        if (!store.liftBan(roomId, banId, now)) {
            throw new ChatException(ChatError.BAN_NOT_FOUND);  // it ended between the two calls
        }
        return ban;
    }

    /**
     * A page of the room's stored messages, newest last, whatever its password (the admin reads
     * every room): the latest {@code limit}, or those before {@code beforeId}.
     */
    public List<Message> recentMessages(String roomId, Long beforeId, int limit) {
        rooms.existing(roomId);
        return beforeId == null ? store.latest(roomId, limit) : store.before(roomId, beforeId, limit);
    }

    /** The room's name, open or closed; empty once it is deleted. */
    public Optional<String> roomName(String roomId) {
        return roomId == null ? Optional.empty() : store.findRoom(roomId).map(Room::name);
    }
}
