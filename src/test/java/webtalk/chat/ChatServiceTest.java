package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import webtalk.fanout.LocalFanout;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHasher;
import webtalk.security.PasswordHashing;
import webtalk.store.SqliteChatStore;

/** The domain with a real SQLite store and a clock the test moves. */
class ChatServiceTest {

    @TempDir
    Path dir;
    private SqliteChatStore store;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final List<RoomEvent> published = new ArrayList<>();
    private ChatService chat;

    @BeforeEach
    void start() {
        store = SqliteChatStore.open(dir);
        LocalFanout fanout = new LocalFanout();
        fanout.subscribe(published::add);
        chat = new ChatService(store, fanout, new PasswordHashing(new PasswordHasher(), 1, 1), new JoinTokens("k", clock), clock);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void idleRoomsCloseAfterTheTimeoutUnlessSomeoneIsOnline() {
        String idle = chat.createRoom("Parada", "ana", null, null, "127.0.0.1").room().id();
        String busy = chat.createRoom("Ocupada", "ana", null, null, "127.0.0.1").room().id();
        chat.join(new FakeConnection("c1"), busy, "bia", null, null, null);
        clock.advance(Duration.ofHours(25));
        assertEquals(List.of(idle), chat.moderation().closeIdleRooms());
        assertTrue(published.contains(new RoomEvent.RoomClosed(idle, RoomEvent.RoomClosed.Reason.IDLE)));
        assertEquals(List.of(busy), chat.activeRooms().stream().map(r -> r.room().id()).toList());
        ChatException refused = assertThrows(ChatException.class,
                () -> chat.join(new FakeConnection("c2"), idle, "caio", null, null, null));
        assertEquals(ChatError.ROOM_INACTIVE, refused.error());
    }

    @Test
    void aNewConnectionWithTheReclaimKeyTakesTheNameOverFromADroppedOne() {
        String room = chat.createRoom("Sala", "ana", null, null, "127.0.0.1").room().id();
        FakeConnection first = new FakeConnection("c1");
        String key = chat.join(first, room, "ana", null, null, null).reclaimKey();
        FakeConnection second = new FakeConnection("c2");
        assertEquals(ChatError.NICKNAME_TAKEN, assertThrows(ChatException.class,
                () -> chat.join(second, room, "ana", null, null, null)).error());
        assertEquals(ChatError.NICKNAME_TAKEN, assertThrows(ChatException.class,
                () -> chat.join(second, room, "ana", null, null, "wrong-key")).error());
        chat.join(second, room, "ana", null, null, key);
        assertFalse(first.subscribed.contains(room), "the ghost connection no longer receives the room");
        assertEquals(List.of("ana"), chat.memberNames(room));
        assertEquals("ana", chat.send(second, room, null, "voltei", null).join().author());
    }

    @Test
    void roomRefusesJoinersPastItsLimit() {
        chat.updateSettings(new ChatSettings(100, 24, 500, 20, 60, 1, true));
        String room = chat.createRoom("Pequena", "ana", null, null, "127.0.0.1").room().id();
        chat.join(new FakeConnection("c1"), room, "ana", null, null, null);
        assertEquals(ChatError.ROOM_FULL, assertThrows(ChatException.class,
                () -> chat.join(new FakeConnection("c2"), room, "bia", null, null, null)).error());
    }

    @Test
    void messageRateIsLimitedPerConnection() {
        chat.updateSettings(new ChatSettings(100, 24, 500, 20, 20, 500, true));
        String room = chat.createRoom("Rápida", "ana", null, null, "127.0.0.1").room().id();
        FakeConnection ana = new FakeConnection("c1");
        chat.join(ana, room, "ana", null, null, null);
        for (int i = 0; i < 5; i++) {
            chat.send(ana, room, null, "m" + i, null).join();
        }
        assertEquals(ChatError.RATE_LIMITED, assertThrows(ChatException.class,
                () -> chat.send(ana, room, null, "demais", null)).error());
        clock.advance(Duration.ofSeconds(3));
        chat.send(ana, room, null, "depois de esperar", null).join();
    }

    @Test
    void joinerGetsHistoryBeforeLaterMessagesAndNeverTwice() {
        String room = chat.createRoom("Ordem", "ana", null, null, "127.0.0.1").room().id();
        FakeConnection ana = new FakeConnection("c1");
        chat.join(ana, room, "ana", null, null, null);
        chat.send(ana, room, null, "um", null).join();
        chat.send(ana, room, null, "dois", null).join();
        FakeConnection bia = new FakeConnection("c2");
        chat.join(bia, room, "bia", null, null, null);
        assertEquals(List.of("um", "dois"), bia.replayed.stream().map(Message::text).toList());
        assertTrue(bia.subscribed.contains(room));
    }

    @Test
    void controlCharactersAreStrippedButLineBreaksKept() {
        String room = chat.createRoom("Texto", "ana", null, null, "127.0.0.1").room().id();
        FakeConnection ana = new FakeConnection("c1");
        chat.join(ana, room, "ana", null, null, null);
        assertEquals("linha 1\nlinha 2", chat.send(ana, room, null, "  linha\u0007 1\nlinha 2\u0000 ", null).join().text());
    }

    private static final class FakeConnection implements MemberConnection {
        final String id;
        final List<String> subscribed = new ArrayList<>();
        final List<Message> replayed = new ArrayList<>();

        FakeConnection(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String address() {
            return "127.0.0.1";
        }

        @Override
        public void removed(String roomId, ChatError error) {
            subscribed.remove(roomId);
        }

        @Override
        public void subscribe(String roomId) {
            subscribed.add(roomId);
        }

        @Override
        public void unsubscribe(String roomId) {
            subscribed.remove(roomId);
        }

        @Override
        public void replay(String roomId, List<Message> history) {
            replayed.addAll(history);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
