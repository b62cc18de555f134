package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import webtalk.fanout.local.LocalRoomEvents;
import webtalk.fanout.local.LocalSettingsChanges;
import webtalk.presence.local.LocalPresence;
import webtalk.presence.local.LocalReclaimKeys;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHasher;
import webtalk.security.PasswordHashing;
import webtalk.store.sqlite.SqliteChatStore;

/**
 * A reclaim with {@code chave_sessao} racing the sweep of its old name (the dead node's lease ran
 * out just as the person came back through another node): the room was told {@code usuario_saiu}
 * by the sweeper, so the reclaim must tell it {@code usuario_entrou}; without the race it stays
 * silent (the name never left). Before, it decided "no announcement" on the read taken before the
 * sweep, and the room's members never saw the person come back (bench/failover.sh's "members'
 * view of the room wrong at the end").
 */
class ReclaimRacingSweepTest {

    @TempDir
    Path dir;
    private final Clock clock = Clock.systemUTC();
    private SqliteChatStore store;
    private final SweptAfterRead presence = new SweptAfterRead();
    private final List<RoomEvent> published = new CopyOnWriteArrayList<>();
    private ChatService chat;

    @BeforeEach
    void start() {
        store = SqliteChatStore.open(dir);
        LocalRoomEvents events = new LocalRoomEvents("node-1");
        events.subscribe(stamped -> published.add(stamped.event()));
        SettingsChanges settings = new LocalSettingsChanges(store.loadChatSettings());
        ReclaimKeys reclaimKeys = new LocalReclaimKeys(clock, () -> settings.current().maxUsersPerRoom());
        LiveRooms rooms = new LiveRooms(store, events, presence, new Connections(), reclaimKeys);
        RecentActivity activity = new RecentActivity(10, clock);
        Moderation moderation = new Moderation(store, events, clock, rooms, activity, settings::current);
        chat = new ChatService(store, events, new PasswordHashing(new PasswordHasher(), 1, 1), new JoinTokens("k", clock), clock,
                ChatObserver.NONE, new ChatParts(settings, rooms, moderation,
                ChatLimits.of(AddressBudgets.defaults(), settings::current, clock), activity, Runnable::run));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aReclaimWhoseOldNameWasSweptMeanwhileAnnouncesThePersonAgain() {
        String room = chat.createRoom("Sala", "ana", null, null, "127.0.0.1").room().id();
        String key = chat.join(new RecordingConnection("old"), room, "ana", null, null, null).reclaimKey();
        presence.sweepRightBeforeTheNextTakeOver();
        published.clear();

        chat.join(new RecordingConnection("new"), room, "ana", null, 0L, key);

        assertEquals(List.of(new RoomEvent.UserJoined(room, "ana", 1)), joinsAndLeaves());
        assertEquals(List.of("ana"), chat.memberNames(room));
    }

    @Test
    void aReclaimOfANameStillHeldIsNotAnnounced() {
        String room = chat.createRoom("Sala", "ana", null, null, "127.0.0.1").room().id();
        String key = chat.join(new RecordingConnection("old"), room, "ana", null, null, null).reclaimKey();
        published.clear();

        chat.join(new RecordingConnection("new"), room, "ana", null, 0L, key);

        assertEquals(List.of(), joinsAndLeaves());
        assertEquals(List.of("ana"), chat.memberNames(room));
    }

    private List<RoomEvent> joinsAndLeaves() {
        return published.stream().filter(e -> e instanceof RoomEvent.UserJoined || e instanceof RoomEvent.UserLeft).toList();
    }

    /** Local presence where, once, the name a reclaim takes over is swept (by "another node") right before. */
    private static final class SweptAfterRead implements Presence {
        private final LocalPresence local = new LocalPresence();
        private volatile boolean sweepNext;

        void sweepRightBeforeTheNextTakeOver() {
            sweepNext = true;
        }

        @Override
        public Optional<Member> holderOf(String roomId, String nickname) {
            return local.holderOf(roomId, nickname);
        }

        @Override
        public Optional<String> takeOver(String roomId, Member member) {
            Optional<Member> holder = local.holderOf(roomId, member.nickname());
            if (sweepNext && holder.isPresent()) {
                sweepNext = false;
                local.release(roomId, holder.get().connectionId());  // the sweeper takes it (and tells the room)
            }
            return local.takeOver(roomId, member);
        }

        @Override
        public boolean claim(String roomId, Member member) {
            return local.claim(roomId, member);
        }

        @Override
        public Optional<String> release(String roomId, String connectionId) {
            return local.release(roomId, connectionId);
        }

        @Override
        public Optional<String> nicknameOf(String connectionId, String roomId) {
            return local.nicknameOf(connectionId, roomId);
        }

        @Override
        public List<String> roomsOf(String connectionId) {
            return local.roomsOf(connectionId);
        }

        @Override
        public List<Member> members(String roomId) {
            return local.members(roomId);
        }

        @Override
        public int count(String roomId) {
            return local.count(roomId);
        }

        @Override
        public int total() {
            return local.total();
        }

        @Override
        public Set<String> occupiedRooms() {
            return local.occupiedRooms();
        }

        @Override
        public List<Member> clear(String roomId) {
            return local.clear(roomId);
        }

        @Override
        public List<Lost> refresh() {
            return local.refresh();
        }

        @Override
        public List<Expired> sweepExpired() {
            return local.sweepExpired();
        }
    }
}
