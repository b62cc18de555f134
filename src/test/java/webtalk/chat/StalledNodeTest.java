package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.fanout.local.LocalRoomEvents;
import webtalk.fanout.local.LocalSettingsChanges;
import webtalk.presence.redis.MovableClock;
import webtalk.presence.redis.RedisPresence;
import webtalk.presence.redis.RedisReclaimKeys;
import webtalk.redis.TestRedis;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHasher;
import webtalk.security.PasswordHashing;
import webtalk.store.sqlite.SqliteChatStore;

/**
 * A node that stalled past its presence lease (docs/cluster.md, "Presence after a stall"): another
 * node swept its member and told the room {@code usuario_saiu}. At this node's next refresh the
 * member, still connected here, is claimed back and announced, or, if its name was taken
 * meanwhile, told {@code presenca_perdida} and taken out of the room. This node is a real
 * {@link ChatService} on the machine's Redis (a prefix of its own); "the other node" is a second
 * {@link RedisPresence} on the same prefix; the lease runs on a clock the test moves.
 */
@Timeout(30)
class StalledNodeTest {

    private static final Duration LEASE = Duration.ofSeconds(4);

    @TempDir
    Path dir;
    private final TestRedis redis = new TestRedis();
    private final MovableClock leaseClock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final RedisPresence presence = new RedisPresence(redis.node("stalled"), leaseClock, LEASE);
    private final RedisPresence otherNode = new RedisPresence(redis.node("other"), leaseClock, LEASE);
    private final List<RoomEvent> published = new CopyOnWriteArrayList<>();
    private SqliteChatStore store;
    private ChatService chat;
    private String room;

    @BeforeEach
    void start() {
        Clock clock = Clock.systemUTC();
        store = SqliteChatStore.open(dir);
        LocalRoomEvents events = new LocalRoomEvents("stalled");
        events.subscribe(stamped -> published.add(stamped.event()));
        SettingsChanges settings = new LocalSettingsChanges(store.loadChatSettings());
        LiveRooms rooms = new LiveRooms(store, events, presence, new Connections(), new RedisReclaimKeys(redis.node("keys"), clock));
        RecentActivity activity = new RecentActivity(10, clock);
        Moderation moderation = new Moderation(store, events, clock, rooms, activity, settings::current);
        chat = new ChatService(store, events, new PasswordHashing(new PasswordHasher(), 1, 1), new JoinTokens("k", clock), clock,
                ChatObserver.NONE, new ChatParts(settings, rooms, moderation,
                ChatLimits.of(AddressBudgets.defaults(), settings::current, clock), activity, Runnable::run));
        room = chat.createRoom("Sala", "ana", null, null, "127.0.0.1").room().id();
    }

    @AfterEach
    void stop() {
        store.close();
        redis.close();
    }

    @Test
    void aMemberSweptWhileItsNodeStalledIsClaimedBackAnnouncedAndSendsAgain() {
        RecordingConnection ana = new RecordingConnection("ana-conn");
        chat.join(ana, room, "ana", null, null, null);
        stallPastTheLeaseAndBeSwept();
        published.clear();

        chat.refreshPresence();

        assertEquals(List.of(new RoomEvent.UserJoined(room, "ana", 1)), joinsAndLeaves());
        assertEquals(Optional.of("ana-conn"), otherNode.holderOf(room, "ana").map(Presence.Member::connectionId));
        assertEquals(List.of(room), ana.subscribed);
        assertEquals(List.of(), ana.toldOut);
        assertEquals("oi", chat.send(ana, room, null, "oi", null).join().text(), "sends again without joining again");
        chat.refreshPresence();
        assertEquals(1, joinsAndLeaves().size(), "announced once");
    }

    @Test
    void aMemberWhoseNameWasTakenMeanwhileIsToldAndLeavesTheRoom() {
        RecordingConnection ana = new RecordingConnection("ana-conn");
        chat.join(ana, room, "ana", null, null, null);
        stallPastTheLeaseAndBeSwept();
        assertTrue(otherNode.claim(room, new Presence.Member("someone-else", "Ana", "10.0.0.9")));
        published.clear();

        chat.refreshPresence();

        assertEquals(List.of(), joinsAndLeaves(), "nothing to tell the room: it was told she left, and Ana is someone else's");
        assertEquals(List.of(room + " presenca_perdida"), ana.toldOut);
        assertEquals(List.of(), ana.subscribed);
        assertEquals(ChatError.NOT_IN_ROOM, assertThrows(ChatException.class, () -> chat.send(ana, room, null, "oi", null)).error());
        assertEquals(List.of(), presence.refresh(), "settled: not lost again");
        chat.join(ana, room, "ana2", null, null, null);  // the page joins again (here under another name)
        assertEquals(List.of("Ana", "ana2"), chat.memberNames(room));
    }

    @Test
    void aReclaimThroughAnotherNodeTellsTheOldConnectionAtThisNodesRefresh() {
        RecordingConnection old = new RecordingConnection("ana-old");
        chat.join(old, room, "ana", null, null, null);
        assertEquals(Optional.of("ana-old"), otherNode.takeOver(room, new Presence.Member("ana-new", "ana", "10.0.0.2")));

        chat.refreshPresence();

        assertEquals(List.of(room + " presenca_perdida"), old.toldOut);
        assertEquals(List.of(), old.subscribed);
        assertEquals(List.of("ana"), chat.memberNames(room));
        assertEquals(Optional.of("ana-new"), otherNode.holderOf(room, "ana").map(Presence.Member::connectionId));
    }

    @Test
    void aMemberThatDisconnectedBeforeTheRefreshIsOnlyForgotten() {
        RecordingConnection ana = new RecordingConnection("ana-conn");
        chat.join(ana, room, "ana", null, null, null);
        stallPastTheLeaseAndBeSwept();
        chat.disconnected(ana);
        published.clear();

        chat.refreshPresence();

        assertEquals(List.of(), joinsAndLeaves());
        assertEquals(List.of(), ana.toldOut);
        assertEquals(0, chat.usersOnline(room));
    }

    /** This node's refresh does not run for longer than the lease; the other node sweeps its member. */
    private void stallPastTheLeaseAndBeSwept() {
        leaseClock.advance(LEASE.plusSeconds(1));
        assertEquals(1, otherNode.sweepExpired().size());
    }

    private List<RoomEvent> joinsAndLeaves() {
        return published.stream().filter(e -> e instanceof RoomEvent.UserJoined || e instanceof RoomEvent.UserLeft).toList();
    }
}
