package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import webtalk.fanout.local.LocalRoomEvents;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHasher;
import webtalk.security.PasswordHashing;
import webtalk.store.sqlite.SqliteChatStore;

/** The polls' domain with a real SQLite store and a clock the test moves: limits over time, the room events, the permission seam. */
class PollsTest {

    @TempDir
    Path dir;
    private SqliteChatStore store;
    private final Moving clock = new Moving(Instant.parse("2026-12-06T10:00:00Z"));
    private final List<RoomEvent> published = new ArrayList<>();
    private LocalRoomEvents fanout;
    private ChatParts parts;
    private ChatService chat;
    private String room;

    @BeforeEach
    void start() {
        store = SqliteChatStore.open(dir);
        fanout = new LocalRoomEvents("node-1");
        fanout.subscribe(stamped -> published.add(stamped.event()));
        parts = ChatServiceTest.parts(store, fanout, clock);
        chat = new ChatService(store, fanout, new PasswordHashing(new PasswordHasher(), 1, 1), new JoinTokens("k", clock), clock,
                ChatObserver.NONE, parts);
        room = chat.createRoom("Aula", "prof", null, null, "127.0.0.1").room().id();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private Polls polls(PollPermissions permissions) {
        return new Polls(store.polls(), fanout, parts.rooms(), new JoinTokens("k", clock), clock, permissions);
    }

    private MemberConnection member(String id, String nickname) {
        RecordingConnection connection = new RecordingConnection(id);
        chat.join(connection, room, nickname, null, null, null);
        return connection;
    }

    private static ChatError refusal(Runnable action) {
        return assertThrows(ChatException.class, action::run).error();
    }

    @Test
    void aMemberOpensThreePollsAMinuteAndMoreOnceTimePasses() {
        Polls polls = polls(PollPermissions.AUTHORS);
        MemberConnection ana = member("c1", "ana");
        for (int i = 0; i < Polls.CREATIONS_PER_MINUTE; i++) {
            Poll poll = polls.open(ana, room, "P" + i, List.of("a", "b"));
            polls.close(ana, room, poll.id());
        }
        assertEquals(ChatError.POLL_RATE, refusal(() -> polls.open(ana, room, "Mais uma", List.of("a", "b"))));
        clock.advance(Duration.ofSeconds(60));
        assertTrue(polls.open(ana, room, "Depois de um minuto", List.of("a", "b")).open());
    }

    @Test
    void everyChangeReachesTheRoomAsARoomEventWithTheCountsOfTheStore() {
        Polls polls = polls(PollPermissions.AUTHORS);
        MemberConnection ana = member("c1", "ana");
        MemberConnection bia = member("c2", "bia");
        published.clear();
        Poll opened = polls.open(ana, room, "Entenderam?", List.of("Sim", "Não"));
        polls.vote(bia, room, opened.id(), 1);
        Poll closed = polls.close(ana, room, opened.id());
        assertEquals(List.of(new RoomEvent.PollOpened(opened),
                new RoomEvent.PollUpdated(new Poll(opened.id(), room, "Entenderam?", List.of("Sim", "Não"), List.of(0, 1), "ana", true,
                        opened.createdAt())),
                new RoomEvent.PollUpdated(closed)), published);
        assertEquals(List.of(0, 1), closed.votes());
        assertEquals(clock.instant(), opened.createdAt());
    }

    @Test
    void thePermissionSeamDecidesWhoOpensAndWhoCloses() {
        // What the room owners' part can plug in: only the owner opens polls, and closes anyone's.
        PollPermissions ownerOnly = new PollPermissions() {
            @Override
            public boolean mayOpenPoll(String roomId, MemberConnection member, String nickname) {
                return nickname.equals("dona");
            }

            @Override
            public boolean mayClosePoll(Poll poll, MemberConnection member, String nickname) {
                return nickname.equals("dona") || AUTHORS.mayClosePoll(poll, member, nickname);
            }
        };
        Polls polls = polls(ownerOnly);
        MemberConnection dona = member("c1", "dona");
        MemberConnection bia = member("c2", "bia");
        assertEquals(ChatError.POLL_NOT_ALLOWED, refusal(() -> polls.open(bia, room, "Posso?", List.of("a", "b"))));
        Poll poll = polls.open(dona, room, "Entenderam?", List.of("Sim", "Não"));
        assertEquals(ChatError.NOT_POLL_AUTHOR, refusal(() -> polls.close(bia, room, poll.id())));

        Polls byAuthors = polls(PollPermissions.AUTHORS);
        Poll bias = byAuthors.open(bia, room, "E agora?", List.of("a", "b"));
        assertTrue(!polls.close(dona, room, bias.id()).open(), "the owner closes someone else's poll");
    }

    @Test
    void theAuthorIsKnownByTheKeyOfTheirName() {
        Polls polls = polls(PollPermissions.AUTHORS);
        MemberConnection ana = member("c1", "Ana");
        Poll poll = polls.open(ana, room, "Entenderam?", List.of("Sim", "Não"));
        chat.leave(ana, room);
        MemberConnection back = member("c2", "ANA");
        assertTrue(!polls.close(back, room, poll.id()).open());
    }

    private static final class Moving extends Clock {
        private volatile Instant now;

        Moving(Instant now) {
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
