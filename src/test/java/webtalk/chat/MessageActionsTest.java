package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import webtalk.fanout.local.LocalRoomEvents;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHasher;
import webtalk.security.PasswordHashing;
import webtalk.store.sqlite.SqliteChatStore;

/** Authors' edits and deletes, and reactions, in the domain: the window on a clock the test moves, and the events published. */
class MessageActionsTest {

    @TempDir
    Path dir;
    private SqliteChatStore store;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final List<RoomEvent> published = new ArrayList<>();
    private ChatService chat;
    private String room;
    private final RecordingConnection ana = new RecordingConnection("c-ana");
    private final RecordingConnection bia = new RecordingConnection("c-bia");

    @BeforeEach
    void start() {
        store = SqliteChatStore.open(dir);
        LocalRoomEvents fanout = new LocalRoomEvents("node-1");
        fanout.subscribe(stamped -> published.add(stamped.event()));
        chat = new ChatService(store, fanout, new PasswordHashing(new PasswordHasher(), 1, 1), new JoinTokens("k", clock), clock,
                ChatObserver.NONE, ChatServiceTest.parts(store, fanout, clock));
        room = chat.createRoom("Sala", "ana", null, null, "127.0.0.1").room().id();
        chat.join(ana, room, "ana", null, null, null);
        chat.join(bia, room, "bia", null, null, null);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private ChatError refusal(Runnable action) {
        return assertThrows(ChatException.class, action::run).error();
    }

    @Test
    void theAuthorMayEditUntilTheWindowEndsAndNotAfter() {
        Message m = chat.send(ana, room, null, "oi", null).join();
        clock.advance(Duration.ofMinutes(15));
        RoomEvent.MessageEdited edited = chat.messages().edit(ana, room, m.id(), "oi @bia", null);
        assertEquals(List.of("bia"), edited.mentions());
        assertTrue(published.contains(edited));
        clock.advance(Duration.ofMillis(1));
        assertEquals(ChatError.EDIT_WINDOW_OVER, refusal(() -> chat.messages().edit(ana, room, m.id(), "tarde", null)));
        assertEquals(ChatError.EDIT_WINDOW_OVER, refusal(() -> chat.messages().deleteOwn(ana, room, m.id(), null)));
    }

    @Test
    void aLongerWindowIsAppliedLive() {
        Message m = chat.send(ana, room, null, "oi", null).join();
        clock.advance(Duration.ofMinutes(30));
        ChatSettings s = chat.settings();
        chat.updateSettings(new ChatSettings(s.maxRooms(), s.roomTimeoutHours(), s.maxMessageLength(), s.historySize(),
                s.messagesPerMinute(), s.maxUsersPerRoom(), s.roomCreationOpen(), s.retentionDays(), 60));
        chat.messages().deleteOwn(ana, room, m.id(), null);
        assertTrue(published.contains(new RoomEvent.MessageDeleted(room, m.id())));
        assertTrue(store.findMessage(room, m.id()).orElseThrow().extras().deleted());
    }

    @Test
    void aReactionIsPublishedWithTheCountsAndOnlyMembersReact() {
        Message m = chat.send(ana, room, null, "oi", null).join();
        RoomEvent.ReactionsChanged changed = chat.messages().react(bia, room, m.id(), "👍");
        assertEquals(Map.of("👍", 1), changed.reactions());
        assertTrue(published.contains(changed));
        assertEquals(ChatError.NOT_IN_ROOM, refusal(() -> chat.messages().react(new RecordingConnection("x"), room, m.id(), "👍")));
        assertEquals(ChatError.INVALID_EMOJI, refusal(() -> chat.messages().react(bia, room, m.id(), "sim")));
    }

    @Test
    void aReplyQuotesTheOriginalAndMentionsAreMembersOnly() {
        Message original = chat.send(ana, room, null, "quem vem?", null).join();
        Message reply = chat.send(bia, room, null, "eu, @Ana e @caio", null, original.id()).join();
        assertEquals(original.id(), reply.extras().replyTo());
        assertEquals(new Message.Quote("ana", "quem vem?", false), reply.extras().quote());
        assertEquals(List.of("ana"), reply.extras().mentions(), "caio is not in the room");
        assertEquals(ChatError.REPLY_NOT_FOUND, refusal(() -> chat.send(bia, room, null, "?", null, 99L)));
    }

    private static final class MovableClock extends java.time.Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
