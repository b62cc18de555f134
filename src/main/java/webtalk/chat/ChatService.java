package webtalk.chat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHashing;
import webtalk.security.RateLimiter;

/**
 * The chat domain: rooms, members, messages. Every command is validated here or at the edge and
 * refused with a {@link ChatException}. Ordering guarantee: messages are committed in batches by
 * the store and published on its commit thread in id order (outside any room lock); each node
 * delivers them to its connections under the room's lock, and a joiner is subscribed and replayed
 * its history under the same lock, so every member sees the room's messages once each, in id
 * order, whichever node published them.
 *
 * <p>Resource budget (docs/security.md): every limit that is cheap to check is checked before the
 * expensive work (a password hash, a history read), and every piece of state a client makes this
 * service hold has a bound and goes when its owner does; {@link #sweepExpired()} frees what only
 * time frees.
 */
public final class ChatService {

    /** Catch-up replays at most this many messages on {@code entrar}; the rest is paged over REST. */
    public static final int CATCH_UP_LIMIT = 1000;
    private static final int ROOM_NAME_MAX = 50;
    private static final int CREATOR_MAX = 30;
    static final int NICKNAME_MAX = 30;
    private static final int DESCRIPTION_MAX = 200;
    private static final int CLIENT_ID_MAX = 64;
    private static final int PASSWORD_MAX = 128;
    private static final String ROOM_CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** A lobby's random device id ({@code dispositivo}): a key in a limiter, so short and plain. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ChatStorage store;
    private final RoomEvents fanout;
    private final PasswordHashing hasher;
    private final JoinTokens tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LiveRooms rooms;
    private final Presence presence;
    private final Moderation moderation;
    private final PasswordGuesses guesses;
    private final RoomCreations creations;
    private final JoinThrottle joins;
    private final TypingThrottle typing;
    private final RateLimiter messageRate;
    private final RecentActivity activity;
    private final ChatObserver observer;

    private final SettingsChanges settingsChanges;
    private final InOrderDelivery inOrder;
    private final MessageActions messageActions;
    private final LostMemberships lostMemberships;
    /** This node's listeners (the realtime side), told each delivered event under the room's lock. */
    private final List<Consumer<RoomEvent>> local = new CopyOnWriteArrayList<>();
    /** Rules a message must also pass (a room's slow mode), registered by {@code app}. */
    private final List<SendCheck> sendChecks = new CopyOnWriteArrayList<>();
    private volatile ChatSettings settings;

    /**
     * @param parts this node's live state, limiters and settings, built by {@code app}; the service
     *              subscribes to {@code fanout} and to the settings' changes here
     */
    public ChatService(ChatStorage store, RoomEvents fanout, PasswordHashing hasher, JoinTokens tokens, Clock clock,
                       ChatObserver observer, ChatParts parts) {
        this.observer = observer;
        this.store = store;
        this.fanout = fanout;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
        this.settingsChanges = parts.settings();
        this.settings = settingsChanges.current();
        this.rooms = parts.rooms();
        this.presence = rooms.presence;
        this.guesses = parts.limits().guesses();
        this.creations = parts.limits().creations();
        this.joins = parts.limits().joins();
        this.typing = parts.limits().typing();
        this.messageRate = parts.limits().messageRate();
        this.activity = parts.activity();
        this.moderation = parts.moderation();
        settingsChanges.subscribe(changed -> settings = changed);
        this.messageActions = new MessageActions(store, fanout, clock, rooms, messageRate, () -> settings);
        this.lostMemberships = new LostMemberships(rooms, fanout);
        this.inOrder = new InOrderDelivery(store, rooms.lastPublished, this::delivered, parts.repairs());
        fanout.subscribe(stamped -> {
            // The checks learn first: a member told of a new rule must not be judged by the old one.
            for (SendCheck check : sendChecks) {
                check.learn(stamped);
            }
            inOrder.offer(stamped);
        });
    }

    // ---- rooms -------------------------------------------------------------------------------

    /**
     * Creates a room. The cheap refusals come first — creation closed, room limit, this address's
     * creation rate, the name taken — and only then is the password hashed (19 MiB, tens of ms);
     * the room limit is checked again with the insert, atomically.
     */
    public RoomSummary createRoom(String rawName, String rawCreator, String password, String rawDescription,
                                  String clientAddress) {
        String name = Texts.name(rawName, ROOM_NAME_MAX, ChatError.INVALID_ROOM_NAME);
        String creator = Texts.name(rawCreator, CREATOR_MAX, ChatError.INVALID_CREATOR);
        String description = rawDescription == null ? "" : Texts.clean(rawDescription);
        if (Texts.length(description) > DESCRIPTION_MAX) {
            throw new ChatException(ChatError.INVALID_DESCRIPTION);
        }
        boolean protectedRoom = password != null && !password.isEmpty();
        if (protectedRoom && password.length() > PASSWORD_MAX) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        ChatSettings current = settings;
        if (!current.roomCreationOpen()) {
            throw new ChatException(ChatError.ROOM_CREATION_CLOSED);
        }
        if (store.countActiveRooms() >= current.maxRooms()) {
            throw new ChatException(ChatError.ROOM_LIMIT);
        }
        creations.acquire(clientAddress);
        try {
            if (nameTaken(name)) {
                throw new ChatException(ChatError.ROOM_NAME_TAKEN);
            }
            String hash = protectedRoom ? hashing(() -> hasher.hash(password)) : null;
            synchronized (this) {
                if (store.countActiveRooms() >= current.maxRooms()) {
                    throw new ChatException(ChatError.ROOM_LIMIT);
                }
                Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                Room room = store.createRoom(new Room(newRoomCode(), name, description, creator, now, protectedRoom, true, now), hash);
                activity.record(RecentActivity.Kind.ROOM_CREATED, name, creator);
                return new RoomSummary(room, 0, 0);
            }
        } catch (RuntimeException refused) {
            creations.forgive(clientAddress);  // only rooms actually created count against the address
            throw refused;
        }
    }

    /**
     * An early, cheap answer to "is the name taken?", so a duplicate (or a look-alike) is refused
     * before its password is hashed. Same key as the store's ({@link NameKeys}); the store's unique
     * index stays the authority, at insert time. A scan: active rooms are at most {@code maximo_salas}.
     */
    private boolean nameTaken(String name) {
        String key = NameKeys.of(name);
        for (Room room : store.activeRooms()) {
            if (NameKeys.of(room.name()).equals(key)) {
                return true;
            }
        }
        return false;
    }

    public List<RoomSummary> activeRooms() {
        Map<String, Long> counts = store.messageCounts();
        List<RoomSummary> summaries = new ArrayList<>();
        for (Room room : store.activeRooms()) {
            summaries.add(new RoomSummary(room, usersOnline(room.id()), counts.getOrDefault(room.id(), 0L)));
        }
        return summaries;
    }

    public RoomSummary room(String roomId) {
        Room room = existingRoom(roomId);
        return new RoomSummary(room, usersOnline(roomId), store.messageCounts().getOrDefault(roomId, 0L));
    }

    /**
     * Checks a room's password and hands out a join token. Public rooms get a token without a
     * password. Failures are counted per device+address+room, per address+room and per room
     * ({@link PasswordGuesses}); past a limit every attempt is refused with TOO_MANY_ATTEMPTS
     * before the password is even checked.
     *
     * @param device the random id the client keeps ({@code dispositivo}), or null
     */
    public JoinTokens.Issued grantAccess(String roomId, String password, String clientAddress, String device) {
        Room room = existingRoom(roomId);
        if (!room.active()) {
            throw new ChatException(ChatError.ROOM_INACTIVE);
        }
        if (!room.passwordProtected()) {
            return tokens.issue(roomId);
        }
        if (device != null && !DEVICE_ID.matcher(device).matches()) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        PasswordGuesses.Guess guess = PasswordGuesses.Guess.of(roomId, clientAddress, device);
        // The attempt is counted before the hash is checked, so concurrent guesses cannot race past the limit.
        guesses.acquire(guess);
        boolean right;
        try {
            String hash = store.passwordHash(roomId).orElse(null);
            right = password != null && password.length() <= PASSWORD_MAX && hash != null
                    && hashing(() -> hasher.matches(password, hash));
        } catch (RuntimeException notChecked) {
            guesses.forgive(guess);  // busy, or the store failed: no guess was checked
            throw notChecked;
        }
        if (!right) {
            throw new ChatException(ChatError.WRONG_PASSWORD);
        }
        guesses.forgive(guess);
        return tokens.issue(roomId);
    }

    // ---- membership --------------------------------------------------------------------------

    /**
     * Admits a connection into a room under a nickname: checks the room, the token of a protected
     * room, the nickname; tells the room (joiner included); replays the history to the joiner —
     * the last {@code historySize} messages, or every message after {@code lastSeenId}.
     *
     * @param reclaimKey the key a previous {@code entrar} returned; lets this connection take the
     *                   nickname over from a dropped connection that still holds it
     */
    public JoinResult join(MemberConnection connection, String roomId, String rawNickname, String token,
                           Long lastSeenId, String reclaimKey) {
        JoinResult joined = enter(connection, roomId, rawNickname, token, lastSeenId, reclaimKey);
        observer.joined();
        return joined;
    }

    private JoinResult enter(MemberConnection connection, String roomId, String rawNickname, String token,
                             Long lastSeenId, String reclaimKey) {
        String nickname = Texts.name(rawNickname, NICKNAME_MAX, ChatError.INVALID_NICKNAME);
        joins.admit(connection);
        Room room = existingRoom(roomId);
        if (!room.active()) {
            throw new ChatException(ChatError.ROOM_INACTIVE);
        }
        if (room.passwordProtected() && !tokens.valid(token, roomId)) {
            throw new ChatException(ChatError.INVALID_TOKEN);
        }
        Instant now = clock.instant();
        if (store.bans(roomId, now).stream().anyMatch(ban -> ban.matches(nickname, connection.address(), now))) {
            throw moderation.banned(roomId, nickname, connection.address());
        }
        Object lock = rooms.lockOf(roomId);
        synchronized (lock) {
            if (!rooms.holds(roomId, lock)) {
                throw new ChatException(ChatError.ROOM_NOT_FOUND);  // closed or deleted while we waited
            }
            boolean announce = true;
            Optional<String> current = presence.nicknameOf(connection.id(), roomId);
            if (current.isPresent() && current.get().equals(nickname)) {
                announce = false;
            } else {
                // The same person on a new connection (the old one dropped without saying so, maybe
                // on a node that died or stalled): the name is theirs whoever holds it now.
                boolean reclaiming = reclaimKey != null && rooms.reclaimKeys.matches(roomId, nickname, reclaimKey);
                if (!reclaiming) {
                    Optional<Presence.Member> holder = presence.holderOf(roomId, nickname);
                    if (holder.isPresent() && !holder.get().connectionId().equals(connection.id())) {
                        throw new ChatException(ChatError.NICKNAME_TAKEN);
                    }
                }
                if (current.isPresent()) {
                    presence.release(roomId, connection.id());
                    fanout.publish(new RoomEvent.UserLeft(roomId, current.get(), presence.count(roomId)));
                }
                // A reclaimer was a member a moment ago: not refused as one too many.
                if (!reclaiming && presence.count(roomId) >= settings.maxUsersPerRoom()) {
                    throw new ChatException(ChatError.ROOM_FULL);
                }
                Presence.Member member = new Presence.Member(connection.id(), nickname, connection.address());
                if (reclaiming) {
                    // One atomic step (release the old connection, claim for this one): a stalled node
                    // claiming the name back for the old connection cannot slip in between and refuse it.
                    Optional<String> dropped = presence.takeOver(roomId, member);
                    // Not announced, unless the old name went meanwhile (its node's lease ran out and
                    // a sweep took it, or it disconnected here): the room was told it left.
                    announce = dropped.isEmpty();
                    // An old connection on another node is told by its node, at its next presence refresh.
                    dropped.flatMap(rooms.connections::find).ifPresent(old -> rooms.unsubscribe(old, roomId));
                } else if (!presence.claim(roomId, member)) {
                    // Atomic across nodes: of two joiners taking the same name at once, one is refused here.
                    throw new ChatException(ChatError.NICKNAME_TAKEN);
                }
                rooms.connections.add(connection);
            }
            rooms.subscribe(connection, roomId);
            int online = usersOnline(roomId);
            if (announce) {
                fanout.publish(new RoomEvent.UserJoined(roomId, nickname, online));
                activity.record(RecentActivity.Kind.JOINED, room.name(), nickname);
            }
            // Committed but not yet published messages are left out: they reach this joiner live.
            long published = rooms.lastPublished.getOrDefault(roomId, 0L);
            // Nothing published that the joiner lacks (a new room, or a client back with the newest
            // id): the read could only return messages the filter below drops. Most returns after a
            // restart are this case; the read was 5 % of a reconnect storm's CPU (issue #16).
            boolean nothingToReplay = published == 0 || (lastSeenId != null && lastSeenId >= published);
            List<Message> stored = nothingToReplay ? List.of()
                    : lastSeenId == null ? store.latest(roomId, settings.historySize())
                    : store.after(roomId, lastSeenId, CATCH_UP_LIMIT);
            List<Message> history = stored.stream().filter(m -> m.id() <= published).toList();
            connection.replay(roomId, history);
            joins.replayed(connection, history.size());
            boolean more = lastSeenId != null && stored.size() == CATCH_UP_LIMIT;
            String key = rooms.reclaimKeys.online(roomId, nickname, reclaimKey);
            return new JoinResult(roomId, nickname, memberNames(roomId), published, more, key);
        }
    }

    /**
     * The connection leaves the room under the name it joined with. A no-op that reads and creates
     * nothing if it was not in it: the room id is the client's, and only presence vouches for it.
     */
    public void leave(MemberConnection connection, String roomId) {
        if (presence.nicknameOf(connection.id(), roomId).isEmpty()) {
            return;
        }
        synchronized (rooms.lockOf(roomId)) {
            rooms.unsubscribe(connection, roomId);
            rooms.depart(connection, roomId).ifPresent(name -> {
                rooms.reclaimKeys.remove(roomId, name);
                store.findRoom(roomId).ifPresent(room -> activity.record(RecentActivity.Kind.LEFT, room.name(), name));
            });
        }
        typing.left(connection.id(), roomId);
    }

    /** The connection is gone (closed, ping timeout): it leaves every room it was in. */
    public void disconnected(MemberConnection connection) {
        List<String> joined = presence.roomsOf(connection.id());
        for (String roomId : joined) {
            synchronized (rooms.lockOf(roomId)) {
                // Keep the reclaim key for a while: the same person may come back on a new connection.
                rooms.depart(connection, roomId).ifPresent(name -> rooms.reclaimKeys.dropped(roomId, name));
            }
        }
        rooms.connections.remove(connection.id());
        rooms.told.disconnected(connection.id());
        messageRate.forget(connection.id());
        typing.disconnected(connection.id());
        joins.disconnected(connection);
    }

    // ---- messages ----------------------------------------------------------------------------

    /**
     * Stores a message and then broadcasts it; the future completes once it is committed (and
     * published), which is when the sender may be acknowledged. The author is the name the
     * connection joined with; {@code claimedName}, if given, must match it. A retry with the same
     * {@code clientId} completes with the stored message without storing or broadcasting it again.
     * Refusals are thrown at once, before anything is stored; so is the store's refusal while it is
     * known down (STORE_UNAVAILABLE, DISK_FULL). A commit that fails completes the future with a
     * {@link StorageException} whose {@code error()} is the code for the sender.
     */
    public CompletableFuture<Message> send(MemberConnection connection, String roomId, String claimedName, String rawText, String clientId) {
        return send(connection, roomId, claimedName, rawText, clientId, null);
    }

    /** {@link #send(MemberConnection, String, String, String, String)} of a reply to message {@code replyTo} of the room (or null). */
    public CompletableFuture<Message> send(MemberConnection connection, String roomId, String claimedName, String rawText,
                                           String clientId, Long replyTo) {
        // System.nanoTime, not the clock: a latency for metrics, never a time anyone is shown.
        long accepted = System.nanoTime();
        CompletableFuture<Appended> stored;
        try {
            stored = accept(connection, roomId, claimedName, rawText, clientId, replyTo);
        } catch (ChatException refused) {
            observer.refused(refused.error());
            throw refused;
        }
        // One stage, as the thenApply(Appended::message) it replaces, failing the same way. The store
        // completes it after the broadcast (publishCommitted) ran: this is accept → broadcast.
        return stored.handle((appended, failure) -> {
            if (failure != null) {
                observer.refused(unstored(failure));
                throw failure instanceof java.util.concurrent.CompletionException wrapped
                        ? wrapped : new java.util.concurrent.CompletionException(failure);
            }
            observer.published(System.nanoTime() - accepted);
            return appended.message();
        });
    }

    private CompletableFuture<Appended> accept(MemberConnection connection, String roomId, String claimedName, String rawText,
                                               String clientId, Long replyTo) {
        if (rawText == null) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        if (clientId != null && (clientId.isEmpty() || clientId.length() > CLIENT_ID_MAX)) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        String author = presence.nicknameOf(connection.id(), roomId).orElse(null);
        if (author == null) {
            throw new ChatException(store.findRoom(roomId).isPresent() ? ChatError.NOT_IN_ROOM : ChatError.ROOM_NOT_FOUND);
        }
        if (claimedName != null && !claimedName.strip().equalsIgnoreCase(author)) {
            throw new ChatException(ChatError.NAME_MISMATCH);
        }
        String text = Texts.clean(rawText);
        if (text.isEmpty()) {
            throw new ChatException(ChatError.EMPTY_MESSAGE);
        }
        int max = settings.maxMessageLength();
        if (Texts.length(text) > max) {
            throw new ChatException(ChatError.MESSAGE_TOO_LONG, max);
        }
        StoreHealth health = store.health();
        if (!health.accepting()) {
            // Known down (disk full, writer failing): refused at once, not queued for a commit that would fail.
            throw new ChatException(health.refusal());
        }
        if (!messageRate.tryAcquire(connection.id())) {
            throw new ChatException(ChatError.RATE_LIMITED);
        }
        Message.Extras extras = messageActions.drafts().draft(roomId, text, replyTo);
        for (SendCheck check : sendChecks) {
            check.admit(connection, roomId, author);
        }
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return store.appendAsync(roomId, author, text, at, clientId, extras, this::publishCommitted);
    }

    /** The code a sender gets for a message {@link #send} could not store (its future's failure). */
    public static ChatError unstored(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ChatException refused) {
            return refused.error();
        }
        return cause instanceof StorageException stored ? stored.error() : ChatError.INTERNAL;
    }

    /**
     * Runs on the store's commit thread, in commit (id) order: hands the message to the room events,
     * outside any room lock (a cluster's publish is network I/O). Delivery ({@link #delivered}) is
     * what takes the room lock, on every node.
     */
    private void publishCommitted(Message message) {
        fanout.publish(new RoomEvent.MessagePosted(message));
    }

    /**
     * An event delivered to this node, published here or on another node: under the room's lock,
     * a posted message advances the room's published position (so a joiner's replay stops exactly
     * where its live stream starts), then this node's connections are told; a closed room's live
     * state goes. A room with no live state here has nobody here to tell, but its position moves
     * all the same (the room may have been made on another node after this one started).
     */
    private void delivered(StampedEvent stamped) {
        RoomEvent event = stamped.event();
        String roomId = event.roomId();
        Object lock;
        while ((lock = rooms.lockIfLive(roomId)) == null) {
            // Nobody here to tell, but a joiner here later must be replayed up to this message: the
            // position moves atomically with a first joiner making the room's lock (if one just
            // made it, the message is delivered under it, to that joiner too).
            if (event instanceof RoomEvent.MessagePosted posted) {
                if (rooms.advanceIfNotLive(roomId, posted.message().id())) {
                    return;
                }
            } else {
                if (event instanceof RoomEvent.RoomClosed closed) {
                    rooms.forget(roomId, closed.reason());
                }
                return;
            }
        }
        synchronized (lock) {
            if (!rooms.holds(roomId, lock)) {
                return;  // closed or deleted meanwhile: nobody left to tell
            }
            if (event instanceof RoomEvent.MessagePosted posted) {
                rooms.lastPublished.merge(roomId, posted.message().id(), Math::max);
            }
            if (event instanceof RoomEvent.MemberRemoved removed) {
                moderation.removedElsewhere(removed);
                return;
            }
            if (event instanceof RoomEvent.UserLeft left && nameHeld(roomId, left.nickname())) {
                // The name is back (reclaimed with chave_sessao, or taken anew) before this leave got
                // here: events of two nodes are not ordered (this node tells its own at once, the
                // others' come through the fan-out), and telling it now would take a name that is
                // online off every view here, after its usuario_entrou. Its usuario_entrou is told anyway.
                return;
            }
            tellHere(event);
            if (event instanceof RoomEvent.RoomClosed closed) {
                // Closed on whichever node: the room's live state here goes too (idempotent on the node that closed it).
                rooms.forgetMembers(roomId);
                rooms.forget(roomId, closed.reason());
            }
        }
    }

    /** Whether someone holds the name in the room now; when presence cannot say, false (the leave is told). */
    private boolean nameHeld(String roomId, String nickname) {
        try {
            return presence.holderOf(roomId, nickname).isPresent();
        } catch (RuntimeException unavailable) {
            return false;
        }
    }

    /**
     * Answers a join in order with the room's events on this node: {@code answer} runs under the
     * room's lock (the lock every event is told under) with who is in the room now, so a
     * {@code usuario_entrou} / {@code usuario_saiu} the joiner was told before the answer is already
     * in that list, and one told after it comes after the answer. The list a client keeps (the
     * answer's {@code usuarios}, then the events in arrival order) is then who is in the room. The
     * list read in {@link #join} is older: an event told between it and the answer was undone by it.
     */
    public void answerJoin(String roomId, Consumer<List<String>> answer) {
        Object lock = rooms.lockIfLive(roomId);
        if (lock == null) {
            answer.accept(memberNames(roomId));  // closed meanwhile: no events to order with
            return;
        }
        synchronized (lock) {
            List<String> members = memberNames(roomId);
            answer.accept(members);
            rooms.told.answered(roomId, members);
        }
    }

    /**
     * This node missed room events (its subscription to the other nodes' dropped or went silent):
     * the messages are read back from the store ({@link #checkPositions}), but joins and leaves are
     * not stored. For every room with members here, reads who is in it now and tells them the
     * difference from what they were told ({@link ToldPresence}). Under the room's lock, the read
     * included: an event told after it is newer than the read; one told before it is in what the
     * members were told. An event older than the read that arrives after it repeats what the resync
     * told (a name added or removed twice: a member's view is a set).
     */
    public void resyncPresence() {
        for (String roomId : rooms.told.rooms()) {
            Object lock = rooms.lockIfLive(roomId);
            if (lock == null) {
                continue;
            }
            synchronized (lock) {
                if (!rooms.holds(roomId, lock)) {
                    continue;
                }
                List<String> present = memberNames(roomId);
                ToldPresence.Changes changes = rooms.told.resync(roomId, present);
                for (String name : changes.left()) {
                    tellHere(new RoomEvent.UserLeft(roomId, name, present.size()));
                }
                for (String name : changes.entered()) {
                    tellHere(new RoomEvent.UserJoined(roomId, name, present.size()));
                }
            }
        }
    }

    /** Tells this node's connections an event of a room; under the room's lock. */
    private void tellHere(RoomEvent event) {
        for (Consumer<RoomEvent> listener : local) {
            listener.accept(event);
        }
        rooms.told.told(event);
    }

    /** Every message must also pass {@code check} before it is stored (after this service's own checks). */
    public void checkSendsWith(SendCheck check) {
        sendChecks.add(check);
    }

    /** This node's connections' side (realtime) is told every room event delivered here, in order per room. */
    public void deliverTo(Consumer<RoomEvent> listener) {
        local.add(listener);
    }

    /**
     * Someone in the room is typing: told to the room at most once a second per member
     * ({@link TypingThrottle}), never stored, never refused loudly.
     */
    public void typing(MemberConnection connection, String roomId) {
        String nickname = presence.nicknameOf(connection.id(), roomId).orElse(null);
        if (nickname != null && typing.allow(connection.id(), roomId)) {
            fanout.publish(new RoomEvent.UserTyping(roomId, nickname));
        }
    }

    /** A page of stored history; protected rooms need a valid join token. */
    public List<Message> history(String roomId, String token, Long beforeId, Long afterId, int limit) {
        Room room = existingRoom(roomId);
        if (room.passwordProtected() && !tokens.valid(token, roomId)) {
            throw new ChatException(ChatError.INVALID_TOKEN);
        }
        if (afterId != null) {
            return store.after(roomId, afterId, limit);
        }
        return beforeId == null ? store.latest(roomId, limit) : store.before(roomId, beforeId, limit);
    }

    // ---- administration ----------------------------------------------------------------------

    /** Moderation and room closing, sharing this service's live room state. */
    /**
     * Reopens a closed room (see {@link Moderation#reopenRoom}) under the lock that
     * {@link #createRoom} checks the room limit under, so reopening and creating at once cannot
     * pass {@code maximo_salas} together.
     */
    public synchronized Room reopenRoom(String roomId) {
        return moderation.reopenRoom(roomId);
    }

    public Moderation moderation() {
        return moderation;
    }

    /** Authors' edits and deletes of their own messages, and reactions (issue #14). */
    public MessageActions messages() {
        return messageActions;
    }

    public ChatSettings settings() {
        return settings;
    }

    public synchronized ChatSettings updateSettings(ChatSettings changed) {
        changed.validate();
        store.saveChatSettings(changed);
        settingsChanges.publish(changed);  // every part, on every node, applies it from the event
        return changed;
    }

    /** Rooms live on this node now (each holds a lock and its last published id). */
    public int liveRooms() {
        return rooms.liveRooms();
    }

    public int usersOnline() {
        return presence.total();
    }

    public int usersOnline(String roomId) {
        return presence.count(roomId);
    }

    public List<String> memberNames(String roomId) {
        return presence.members(roomId).stream().map(Presence.Member::nickname).toList();
    }

    public RecentActivity activity() {
        return activity;
    }

    /**
     * Frees what only time frees: reclaim keys past their grace period, limiter entries whose window
     * has emptied. Each also expires lazily when touched; this sweep bounds what is never touched
     * again. The housekeeping schedule calls it once a minute.
     */
    public void sweepExpired() {
        rooms.reclaimKeys.sweep();
        guesses.sweep();
        creations.sweep();
        joins.sweep();
    }

    /**
     * The periodic position check: a room whose newest stored message is past what was delivered
     * here is repaired from the store (a message whose publisher died after its commit, or that the
     * fan-out dropped). A cluster runs it every {@code period}; one node does not need it.
     */
    public void checkPositions() {
        inOrder.checkPositions(store.lastMessageIds());
    }

    /**
     * This node is alive: its members' presence leases are pushed forward, and memberships found
     * lost (this node stalled past the lease) are claimed back or their connections told
     * ({@link LostMemberships}). The housekeeping calls it a few times per lease.
     */
    public void refreshPresence() {
        lostMemberships.refresh();
    }

    /**
     * Members whose node died (their presence lease ran out) leave their rooms: each is told once,
     * by the one node that swept it, as {@code usuario_saiu}.
     */
    public void departExpiredMembers() {
        for (Presence.Expired expired : presence.sweepExpired()) {
            String roomId = expired.roomId();
            String nickname = expired.member().nickname();
            rooms.reclaimKeys.dropped(roomId, nickname);  // its person may come back through another node
            fanout.publish(new RoomEvent.UserLeft(roomId, nickname, presence.count(roomId)));
        }
    }

    /** Rooms whose delivery waits for a gap to be repaired; for tests and the resource budget. */
    int roomsWaitingForRepair() {
        return inOrder.roomsWaiting();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private Room existingRoom(String roomId) {
        return rooms.existing(roomId);
    }

    /** Runs a hash in the bounded pool; a full pool is the server's answer, not an error of ours. */
    private static <T> T hashing(Supplier<T> hash) {
        try {
            return hash.get();
        } catch (PasswordHashing.Busy busy) {
            throw new ChatException(ChatError.SERVER_BUSY);
        }
    }

    private String newRoomCode() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(ROOM_CODE_ALPHABET.charAt(random.nextInt(ROOM_CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
