package webtalk.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import webtalk.security.RateLimiter;

/**
 * What members do to messages already sent: an author edits or deletes their own within the
 * window ({@code janela_edicao_minutos}), and any member toggles reactions. Each change is stored
 * first, then published as a room event, so every node's members see it. Edits, deletes and
 * reactions count against the member's message rate, like sending.
 *
 * <p>The author is the member bound now, on this connection, to the message's nickname (compared
 * by {@link NameKeys}) in the room, or one who presents that nickname's live {@code chave_sessao}:
 * the key survives a reconnect, so it proves the same person.
 */
public final class MessageActions {

    /** Distinct emoji one message may carry. */
    public static final int REACTIONS_MAX = 20;
    /** Emoji one member may have on one message. */
    public static final int REACTIONS_PER_MEMBER_MAX = 10;

    private final ChatStorage store;
    private final RoomEvents fanout;
    private final Clock clock;
    private final LiveRooms rooms;
    private final RateLimiter messageRate;
    private final Supplier<ChatSettings> settings;
    private final MessageDrafts drafts;

    MessageActions(ChatStorage store, RoomEvents fanout, Clock clock, LiveRooms rooms, RateLimiter messageRate,
                   Supplier<ChatSettings> settings) {
        this.store = store;
        this.fanout = fanout;
        this.clock = clock;
        this.rooms = rooms;
        this.messageRate = messageRate;
        this.settings = settings;
        this.drafts = new MessageDrafts(store, rooms.presence);
    }

    MessageDrafts drafts() {
        return drafts;
    }

    /**
     * The author replaces the text of their message; the room gets {@code mensagem_editada}.
     * Text rules as for sending ({@code mensagem_vazia}, {@code mensagem_longa}).
     */
    public RoomEvent.MessageEdited edit(MemberConnection connection, String roomId, long messageId, String rawText,
                                        String reclaimKey) {
        if (rawText == null) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        ownMessage(connection, roomId, messageId, reclaimKey);
        String text = Texts.clean(rawText);
        if (text.isEmpty()) {
            throw new ChatException(ChatError.EMPTY_MESSAGE);
        }
        int max = settings.get().maxMessageLength();
        if (Texts.length(text) > max) {
            throw new ChatException(ChatError.MESSAGE_TOO_LONG, max);
        }
        acquireRate(connection);
        Instant at = now();
        java.util.List<String> mentions = drafts.mentions(roomId, text);
        if (!store.editMessage(roomId, messageId, text, mentions, at)) {
            throw new ChatException(ChatError.MESSAGE_ALREADY_DELETED);  // deleted since it was read
        }
        RoomEvent.MessageEdited edited = new RoomEvent.MessageEdited(roomId, messageId, text, at, mentions);
        fanout.publish(edited);
        return edited;
    }

    /**
     * The author deletes their message: it becomes a tombstone (its text erased) and the room gets
     * {@code mensagem_excluida}. A moderator's delete of any message takes another path (see
     * realtime's MessageCommands, the dispatch point); an admin's is {@link Moderation#deleteMessage}.
     */
    public void deleteOwn(MemberConnection connection, String roomId, long messageId, String reclaimKey) {
        ownMessage(connection, roomId, messageId, reclaimKey);
        acquireRate(connection);
        if (!store.deleteMessage(roomId, messageId)) {
            throw new ChatException(ChatError.MESSAGE_ALREADY_DELETED);
        }
        fanout.publish(new RoomEvent.MessageDeleted(roomId, messageId));
    }

    /**
     * Toggles the member's reaction {@code emoji} on a message of the room; the room gets
     * {@code reacao_atualizada} with the message's counts.
     */
    public RoomEvent.ReactionsChanged react(MemberConnection connection, String roomId, long messageId, String emoji) {
        String nickname = member(connection, roomId);
        if (!Emoji.valid(emoji)) {
            throw new ChatException(ChatError.INVALID_EMOJI);
        }
        acquireRate(connection);
        MessageChanges.ReactionToggle toggle = store.toggleReaction(roomId, messageId, NameKeys.of(nickname), emoji, now(),
                REACTIONS_MAX, REACTIONS_PER_MEMBER_MAX);
        switch (toggle.outcome()) {
            case NO_MESSAGE -> throw new ChatException(ChatError.MESSAGE_NOT_FOUND);
            case DELETED -> throw new ChatException(ChatError.MESSAGE_ALREADY_DELETED);
            case TOO_MANY_EMOJI, TOO_MANY_MINE -> throw new ChatException(ChatError.TOO_MANY_REACTIONS);
            case ADDED, REMOVED -> {
                // changed: told below
            }
        }
        RoomEvent.ReactionsChanged changed = new RoomEvent.ReactionsChanged(roomId, messageId, toggle.reactions());
        fanout.publish(changed);
        return changed;
    }

    /** The nickname this connection is bound to in the room, else NOT_IN_ROOM (ROOM_NOT_FOUND for no such room). */
    private String member(MemberConnection connection, String roomId) {
        String nickname = rooms.presence.nicknameOf(connection.id(), roomId).orElse(null);
        if (nickname == null) {
            throw new ChatException(store.findRoom(roomId).isPresent() ? ChatError.NOT_IN_ROOM : ChatError.ROOM_NOT_FOUND);
        }
        return nickname;
    }

    /** The message, if this connection's member wrote it and its window is open; else the refusal. */
    private Message ownMessage(MemberConnection connection, String roomId, long messageId, String reclaimKey) {
        String nickname = member(connection, roomId);
        Message message = store.findMessage(roomId, messageId)
                .orElseThrow(() -> new ChatException(ChatError.MESSAGE_NOT_FOUND));
        if (message.extras().deleted()) {
            throw new ChatException(ChatError.MESSAGE_ALREADY_DELETED);
        }
        // The author is the session that sent it: the same name holding the same key since before the
        // message (kept across reconnects), or one presenting that key. Someone who took the name
        // after its holder left holds a newer key, so cannot touch the holder's messages.
        boolean author = (NameKeys.of(nickname).equals(NameKeys.of(message.author()))
                        && heldBefore(rooms.reclaimKeys.heldSince(roomId, nickname), message))
                || (reclaimKey != null && rooms.reclaimKeys.matches(roomId, message.author(), reclaimKey)
                        && heldBefore(ReclaimKeys.issuedAt(reclaimKey), message));
        if (!author) {
            throw new ChatException(ChatError.NOT_YOUR_MESSAGE);
        }
        int window = settings.get().editWindowMinutes();
        if (window == 0 || clock.instant().isAfter(message.at().plus(Duration.ofMinutes(window)))) {
            throw new ChatException(ChatError.EDIT_WINDOW_OVER);
        }
        return message;
    }

    private static boolean heldBefore(java.util.Optional<Instant> keySince, Message message) {
        return keySince.map(since -> !since.isAfter(message.at())).orElse(false);
    }

    private void acquireRate(MemberConnection connection) {
        if (!messageRate.tryAcquire(connection.id())) {
            throw new ChatException(ChatError.RATE_LIMITED);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
