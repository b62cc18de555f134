package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import webtalk.fanout.local.LocalSettingsChanges;
import webtalk.presence.local.LocalPresence;
import webtalk.presence.local.LocalReclaimKeys;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHasher;
import webtalk.security.PasswordHashing;
import webtalk.store.sqlite.SqliteChatStore;

/**
 * Who is in a room, as a member on one node is told it, when its {@code usuario_entrou} and
 * {@code usuario_saiu} come from two nodes: a node tells its own events at once and the others'
 * when the fan-out brings them, so a name's leave (swept by one node after its node died) can reach
 * a node after the same name came back there (a reclaim with {@code chave_sessao}). And the join's
 * answer, whose {@code usuarios} a client takes as the list, must not undo an event told before it.
 * bench/failover.sh counted both as "members' views wrong at the end". Two nodes on one store and
 * one presence (as Redis is shared), with the fan-out between them held until the test lets it go.
 */
class PresenceOrderAcrossNodesTest {

    @TempDir
    Path dir;
    private final Clock clock = Clock.systemUTC();
    private SqliteChatStore store;
    private final LocalPresence presence = new LocalPresence();
    private final List<Pending> inFlight = new ArrayList<>();
    private ChatService a;
    private ChatService b;
    private final List<RoomEvent> toldOnA = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        store = SqliteChatStore.open(dir);
        SettingsChanges settings = new LocalSettingsChanges(store.loadChatSettings());
        ReclaimKeys reclaimKeys = new LocalReclaimKeys(clock, () -> settings.current().maxUsersPerRoom());
        a = node(new Node("a"), settings, reclaimKeys);
        b = node(new Node("b"), settings, reclaimKeys);
        a.deliverTo(toldOnA::add);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aLeaveThatArrivesAfterTheNameCameBackOnThisNodeIsNotTold() {
        String room = a.createRoom("Dois nós", "ana", null, null, "127.0.0.1").room().id();
        a.join(new RecordingConnection("a-bia"), room, "bia", null, null, null);
        RecordingConnection old = new RecordingConnection("b-ana");
        b.join(old, room, "ana", null, null, null);
        deliverInFlight();
        b.leave(old, room);  // on b: her old connection goes (the sweep of a dead node's member does the same)

        a.join(new RecordingConnection("a-ana"), room, "ana", null, 0L, null);  // back through a, before b's leave got there
        deliverInFlight();

        assertEquals(List.of("+ana"), presenceToldOnA("ana").subList(1, presenceToldOnA("ana").size()),
                "after her return, a's members are told nothing that takes her off");
        assertEquals(List.of("ana", "bia"), a.memberNames(room).stream().sorted().toList());
    }

    @Test
    void aLeaveOfANameNobodyHoldsIsToldWhenItArrives() {
        String room = a.createRoom("Saída", "ana", null, null, "127.0.0.1").room().id();
        a.join(new RecordingConnection("a-bia"), room, "bia", null, null, null);
        RecordingConnection old = new RecordingConnection("b-ana");
        b.join(old, room, "ana", null, null, null);
        b.leave(old, room);
        deliverInFlight();

        assertEquals(List.of("+ana", "-ana"), presenceToldOnA("ana"));
    }

    @Test
    void theJoinAnswerListsAMemberWhoseArrivalWasToldBeforeIt() {
        String room = a.createRoom("Resposta", "ana", null, null, "127.0.0.1").room().id();
        JoinResult joined = a.join(new RecordingConnection("a-ana"), room, "ana", null, null, null);
        b.join(new RecordingConnection("b-caio"), room, "caio", null, null, null);
        deliverInFlight();  // ana's connection is told usuario_entrou caio before its join is answered
        assertEquals(List.of("+caio"), presenceToldOnA("caio"));

        AtomicReference<List<String>> answered = new AtomicReference<>();
        a.answerJoin(room, answered::set);

        assertFalse(joined.members().contains("caio"), "the list the join read is older than the event");
        assertEquals(List.of("ana", "caio"), answered.get(), "the answer's list has him: the event is not undone");
    }

    /** "+name" / "-name" for each usuario_entrou / usuario_saiu of the name told on node a, in order. */
    private List<String> presenceToldOnA(String nickname) {
        List<String> told = new ArrayList<>();
        for (RoomEvent event : toldOnA) {
            if (event instanceof RoomEvent.UserJoined joined && joined.nickname().equals(nickname)) {
                told.add("+" + nickname);
            } else if (event instanceof RoomEvent.UserLeft left && left.nickname().equals(nickname)) {
                told.add("-" + nickname);
            }
        }
        return told;
    }

    private ChatService node(RoomEvents events, SettingsChanges settings, ReclaimKeys reclaimKeys) {
        LiveRooms rooms = new LiveRooms(store, events, presence, new Connections(), reclaimKeys);
        RecentActivity activity = new RecentActivity(10, clock);
        Moderation moderation = new Moderation(store, events, clock, rooms, activity, settings::current);
        return new ChatService(store, events, new PasswordHashing(new PasswordHasher(), 1, 1), new JoinTokens("k", clock), clock,
                ChatObserver.NONE, new ChatParts(settings, rooms, moderation,
                ChatLimits.of(AddressBudgets.defaults(), settings::current, clock), activity, Runnable::run));
    }

    private void deliverInFlight() {
        List<Pending> now = new ArrayList<>(inFlight);
        inFlight.clear();
        now.forEach(pending -> pending.to.listeners.forEach(listener -> listener.accept(pending.event)));
    }

    private record Pending(Node to, StampedEvent event) {
    }

    /** A node's fan-out: its own events told here at once (as RedisRoomEvents does), the other node's held in flight. */
    private final class Node implements RoomEvents {
        private final String id;
        private final AtomicLong sequence = new AtomicLong();
        private final List<Consumer<StampedEvent>> listeners = new CopyOnWriteArrayList<>();

        Node(String id) {
            this.id = id;
            nodes.add(this);
        }

        @Override
        public void publish(RoomEvent event) {
            StampedEvent stamped = new StampedEvent(id, sequence.incrementAndGet(), event);
            listeners.forEach(listener -> listener.accept(stamped));
            for (Node other : nodes) {
                if (other != this) {
                    inFlight.add(new Pending(other, stamped));
                }
            }
        }

        @Override
        public void subscribe(Consumer<StampedEvent> listener) {
            listeners.add(listener);
        }

        @Override
        public void close() {
            listeners.clear();
        }
    }

    private final List<Node> nodes = new ArrayList<>();
}
