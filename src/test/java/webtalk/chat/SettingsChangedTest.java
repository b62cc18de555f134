package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import webtalk.fanout.local.LocalRoomEvents;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHasher;
import webtalk.security.PasswordHashing;
import webtalk.store.sqlite.SqliteChatStore;

/** A settings change arriving as an event (as from another node's admin) is applied live, open rooms included. */
class SettingsChangedTest {

    @TempDir
    Path dir;
    private final Clock clock = Clock.systemUTC();
    private SqliteChatStore store;
    private ChatParts parts;
    private ChatService chat;

    @BeforeEach
    void start() {
        store = SqliteChatStore.open(dir);
        RoomEvents events = new LocalRoomEvents("node-1");
        parts = ChatServiceTest.parts(store, events, clock);
        chat = new ChatService(store, events, new PasswordHashing(new PasswordHasher(), 1, 1), new JoinTokens("k", clock), clock,
                ChatObserver.NONE, parts);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aNewMaximumMessageLengthReachesAnOpenRoom() {
        String room = chat.createRoom("Aberta", "ana", null, null, "127.0.0.1").room().id();
        MemberConnection ana = new RecordingConnection("c1");
        chat.join(ana, room, "ana", null, null, null);
        chat.send(ana, room, null, "doze letras", null).join();

        ChatSettings shorter = new ChatSettings(100, 24, 5, 20, 60, 500, true).validate();
        parts.settings().publish(shorter);

        assertEquals(shorter, chat.settings());
        ChatException refused = assertThrows(ChatException.class, () -> chat.send(ana, room, null, "doze letras", null));
        assertEquals(ChatError.MESSAGE_TOO_LONG, refused.error());
    }

    @Test
    void aNewUserLimitApplies() {
        String room = chat.createRoom("Pequena", "ana", null, null, "127.0.0.1").room().id();
        chat.join(new RecordingConnection("c1"), room, "ana", null, null, null);
        parts.settings().publish(new ChatSettings(100, 24, 500, 20, 60, 1, true).validate());
        ChatException refused = assertThrows(ChatException.class, () -> chat.join(new RecordingConnection("c2"), room, "bia", null, null, null));
        assertEquals(ChatError.ROOM_FULL, refused.error());
    }

    @Test
    void anAdminsChangeIsStoredAndPublished() {
        ChatSettings changed = new ChatSettings(50, 12, 300, 10, 30, 100, false).validate();
        chat.updateSettings(changed);
        assertEquals(changed, parts.settings().current());
        assertEquals(changed, store.loadChatSettings());
    }

}
