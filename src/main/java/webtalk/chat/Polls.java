package webtalk.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import webtalk.security.JoinTokens;
import webtalk.security.RateLimiter;

/**
 * Polls in a room, for a quick "who understood?": a member opens one (question and 2–6 options),
 * members vote once each, the author closes it. Stored through {@link PollStore} (so counts are
 * the same on every node and a person cannot vote twice through two nodes) and told to the room
 * through {@link RoomEvents} as {@link RoomEvent.PollOpened} and {@link RoomEvent.PollUpdated}.
 *
 * <p>A voter is the nickname the connection holds in the room, compared by its {@link NameKeys}
 * key: the same person back on a new connection under the same name cannot vote again, and a vote
 * cannot be changed (a quick poll's count stays honest and simple).
 *
 * <p>Bounded: {@link #MAX_OPEN_PER_ROOM} open polls per room (the store checks it atomically),
 * {@link #KEPT_PER_ROOM} polls stored per room (older closed ones go as new ones open),
 * {@link #CREATIONS_PER_MINUTE} polls per member and minute, {@link #ACTIONS_PER_MINUTE} votes and
 * closes per member and minute; each limiter key is a room and a name key, swept by {@link #sweep}.
 */
public final class Polls {

    public static final int MAX_OPEN_PER_ROOM = 5;
    /** Besides the open ones, a joiner is shown this many of the room's newest polls. */
    public static final int RECENT = 10;
    /** A room keeps at most this many polls: older closed ones go as new ones are opened. */
    public static final int KEPT_PER_ROOM = 100;
    public static final int QUESTION_MAX = 200;
    public static final int OPTION_MAX = 80;
    public static final int OPTIONS_MIN = 2;
    public static final int OPTIONS_MAX = 6;
    public static final int CREATIONS_PER_MINUTE = 3;
    public static final int ACTIONS_PER_MINUTE = 60;

    /** A poll as one member sees it: {@code myChoice} is the option they voted for, or null. */
    public record Seen(Poll poll, Integer myChoice) {
    }

    private final PollStore store;
    private final RoomEvents events;
    private final LiveRooms rooms;
    private final JoinTokens tokens;
    private final Clock clock;
    private final PollPermissions permissions;
    private final RateLimiter creations;
    private final RateLimiter actions;

    public Polls(PollStore store, RoomEvents events, LiveRooms rooms, JoinTokens tokens, Clock clock, PollPermissions permissions) {
        this.store = store;
        this.events = events;
        this.rooms = rooms;
        this.tokens = tokens;
        this.clock = clock;
        this.permissions = permissions;
        this.creations = new RateLimiter(() -> CREATIONS_PER_MINUTE, () -> CREATIONS_PER_MINUTE, clock);
        this.actions = new RateLimiter(() -> ACTIONS_PER_MINUTE, () -> ACTIONS_PER_MINUTE / 4, clock);
    }

    /** Opens a poll in a room the connection is in; the room is told ({@code enquete}). */
    public Poll open(MemberConnection member, String roomId, String rawQuestion, List<String> rawOptions) {
        String nickname = nicknameIn(member, roomId);
        String question = Texts.clean(rawQuestion == null ? "" : rawQuestion);
        if (question.isEmpty() || Texts.length(question) > QUESTION_MAX) {
            throw new ChatException(ChatError.INVALID_QUESTION);
        }
        List<String> options = options(rawOptions);
        if (!permissions.mayOpenPoll(roomId, member, nickname)) {
            throw new ChatException(ChatError.POLL_NOT_ALLOWED);
        }
        String key = limiterKey(roomId, nickname);
        if (!creations.hasTokens(key)) {
            throw new ChatException(ChatError.POLL_RATE);
        }
        Poll poll = store.openPoll(roomId, question, options, nickname, now(), MAX_OPEN_PER_ROOM, KEPT_PER_ROOM)
                .orElseThrow(() -> new ChatException(ChatError.TOO_MANY_POLLS, MAX_OPEN_PER_ROOM));
        // Only polls actually opened count against the member (a refusal for a full room does not).
        creations.charge(key, 1);
        events.publish(new RoomEvent.PollOpened(poll));
        return poll;
    }

    /** Records the member's one vote; the room is told the new counts ({@code enquete_atualizada}). */
    public Poll vote(MemberConnection member, String roomId, long pollId, int option) {
        String nickname = nicknameIn(member, roomId);
        acquireAction(roomId, nickname);
        Poll poll = existing(roomId, pollId);
        if (!poll.open()) {
            throw new ChatException(ChatError.POLL_CLOSED);
        }
        if (option < 0 || option >= poll.options().size()) {
            throw new ChatException(ChatError.INVALID_OPTION);
        }
        if (!store.vote(roomId, pollId, NameKeys.of(nickname), option, now())) {
            // Closed meanwhile (on any node), or this name has voted: the store knows which.
            throw new ChatException(existing(roomId, pollId).open() ? ChatError.ALREADY_VOTED : ChatError.POLL_CLOSED);
        }
        Poll counted = existing(roomId, pollId);
        events.publish(new RoomEvent.PollUpdated(counted));
        return counted;
    }

    /** Closes the poll, if {@link PollPermissions} lets this member; the room is told the final counts. */
    public Poll close(MemberConnection member, String roomId, long pollId) {
        String nickname = nicknameIn(member, roomId);
        acquireAction(roomId, nickname);
        Poll poll = existing(roomId, pollId);
        if (!poll.open()) {
            throw new ChatException(ChatError.POLL_CLOSED);
        }
        if (!permissions.mayClosePoll(poll, member, nickname)) {
            throw new ChatException(ChatError.NOT_POLL_AUTHOR);
        }
        if (!store.closePoll(roomId, pollId, now())) {
            throw new ChatException(ChatError.POLL_CLOSED);
        }
        Poll closed = existing(roomId, pollId);
        events.publish(new RoomEvent.PollUpdated(closed));
        return closed;
    }

    /** The room's open and recent polls as a member in it sees them (with their own votes); for the {@code entrar} ack. */
    public List<Seen> seenBy(String roomId, String nickname) {
        List<Poll> polls = store.polls(roomId, RECENT);
        if (polls.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> mine = store.choices(polls.stream().map(Poll::id).toList(), NameKeys.of(nickname));
        List<Seen> seen = new ArrayList<>(polls.size());
        for (Poll poll : polls) {
            seen.add(new Seen(poll, mine.get(poll.id())));
        }
        return seen;
    }

    /** The room's open and recent polls for anyone who may read its history (a protected room needs a join token). */
    public List<Poll> recent(String roomId, String token) {
        Room room = rooms.existing(roomId);
        if (room.passwordProtected() && !tokens.valid(token, roomId)) {
            throw new ChatException(ChatError.INVALID_TOKEN);
        }
        return store.polls(roomId, RECENT);
    }

    /** Drops limiter entries with nothing left to remember; the housekeeping runs it once a minute. */
    public void sweep() {
        creations.sweep();
        actions.sweep();
    }

    private String nicknameIn(MemberConnection member, String roomId) {
        String nickname = roomId == null ? null : rooms.presence.nicknameOf(member.id(), roomId).orElse(null);
        if (nickname == null) {
            // Not in it: say whether the room exists at all, as a message would.
            rooms.existing(roomId);
            throw new ChatException(ChatError.NOT_IN_ROOM);
        }
        return nickname;
    }

    private static List<String> options(List<String> raw) {
        if (raw == null || raw.size() < OPTIONS_MIN || raw.size() > OPTIONS_MAX) {
            throw new ChatException(ChatError.INVALID_OPTIONS);
        }
        List<String> options = new ArrayList<>(raw.size());
        Set<String> seen = new HashSet<>();
        for (String text : raw) {
            String option = Texts.clean(text == null ? "" : text);
            // Two options that read the same would split one answer's votes.
            if (option.isEmpty() || Texts.length(option) > OPTION_MAX || !seen.add(NameKeys.of(option))) {
                throw new ChatException(ChatError.INVALID_OPTIONS);
            }
            options.add(option);
        }
        return options;
    }

    private void acquireAction(String roomId, String nickname) {
        if (!actions.tryAcquire(limiterKey(roomId, nickname))) {
            throw new ChatException(ChatError.POLL_ACTION_RATE);
        }
    }

    private Poll existing(String roomId, long pollId) {
        return store.poll(roomId, pollId).orElseThrow(() -> new ChatException(ChatError.POLL_NOT_FOUND));
    }

    /** Per member of a room, by name key: a new connection under the same name shares the budget. */
    private static String limiterKey(String roomId, String nickname) {
        return roomId + '\n' + NameKeys.of(nickname);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
