package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
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
 * The first member to join a room on a node (one just started after a {@code kill -9}: no room is
 * live there yet) while another node's message in that room is being delivered here: the message
 * reaches the joiner, replayed or live, whatever the interleaving. Before, a delivery that had
 * found no live state here moved the room's position only after the joiner had read it: the
 * message was then neither in the joiner's replay nor delivered to it live, and the client's next
 * {@code ultimo_id} (its last id without a hole) brought back everything it had after the hole
 * (bench/failover.sh's "duplicated" and "out of order").
 */
class FirstJoinerDeliveryTest {

    @TempDir
    Path dir;
    private final Clock clock = Clock.systemUTC();
    private SqliteChatStore store;
    private final List<Consumer<StampedEvent>> nodeA = new CopyOnWriteArrayList<>();
    private final List<Consumer<StampedEvent>> nodeB = new CopyOnWriteArrayList<>();
    private final PausingPositions positionsOnB = new PausingPositions();
    private ChatService a;
    private ChatService b;
    /** Messages told live on node b while the joiner was subscribed to their room. */
    private final List<Long> toldLiveToJoiner = new CopyOnWriteArrayList<>();
    private final RecordingConnection joiner = new RecordingConnection("b1");

    @BeforeEach
    void start() {
        store = SqliteChatStore.open(dir);
        a = node(events("a"), new ConcurrentHashMap<>());
        b = node(events("b"), positionsOnB);
        b.deliverTo(event -> {
            if (event instanceof RoomEvent.MessagePosted posted && joiner.subscribed.contains(posted.roomId())) {
                toldLiveToJoiner.add(posted.message().id());
            }
        });
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aMessageDeliveredWhileTheFirstMemberJoinsTheRoomOnThisNodeReachesThatMember() throws Exception {
        String room = a.createRoom("Recomeço", "ana", null, null, "127.0.0.1").room().id();
        RecordingConnection ana = new RecordingConnection("a1");
        a.join(ana, room, "ana", null, null, null);
        AtomicReference<Throwable> joinFailed = new AtomicReference<>();
        AtomicReference<Thread> joining = new AtomicReference<>();
        // When node b, where the room is not live, moves the room's position for the message, the
        // first member joins there: it runs as far as it can before the position moves.
        positionsOnB.beforeNextMerge(() -> {
            Thread join = new Thread(() -> {
                try {
                    b.join(joiner, room, "bia", null, 0L, null);
                } catch (Throwable t) {
                    joinFailed.set(t);
                }
            }, "joiner-on-b");
            joining.set(join);
            join.start();
            awaitDoneOrBlockedMakingTheRoomsLock(join);
        });

        Message sent = a.send(ana, room, null, "durante a entrada", null).join();

        positionsOnB.awaitHookDone();
        joining.get().join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(joining.get().isAlive(), "the joiner is stuck");
        assertNull(joinFailed.get());
        List<Long> replayed = joiner.replayed.stream().map(Message::id).toList();
        List<Long> got = new ArrayList<>(replayed);
        got.addAll(toldLiveToJoiner);
        assertEquals(List.of(sent.id()), got, "replayed " + replayed + ", told live " + toldLiveToJoiner);
    }

    /**
     * The joiner has joined (the old interleaving: it read the position before the delivery moved
     * it), or it waits to make the room's lock (the fix: the position moves first, atomically).
     */
    private static void awaitDoneOrBlockedMakingTheRoomsLock(Thread join) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (!join.isAlive()) {
                return;
            }
            if (join.getState() == Thread.State.BLOCKED && Arrays.stream(join.getStackTrace())
                    .anyMatch(frame -> frame.getClassName().equals(LiveRooms.class.getName()) && frame.getMethodName().equals("lockOf"))) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the joiner neither joined nor waited for the room's lock: " + Arrays.toString(join.getStackTrace()));
    }

    private ChatService node(RoomEvents events, Map<String, Long> positions) {
        SettingsChanges settings = new LocalSettingsChanges(store.loadChatSettings());
        ReclaimKeys reclaimKeys = new LocalReclaimKeys(clock, () -> settings.current().maxUsersPerRoom());
        // One presence per node would let both take a name; this test has one name per node.
        LiveRooms rooms = new LiveRooms(store, events, new LocalPresence(), new Connections(), reclaimKeys, positions);
        RecentActivity activity = new RecentActivity(10, clock);
        Moderation moderation = new Moderation(store, events, clock, rooms, activity, settings::current);
        ChatParts parts = new ChatParts(settings, rooms, moderation, ChatLimits.of(AddressBudgets.defaults(), settings::current, clock),
                activity, Runnable::run);
        return new ChatService(store, events, new PasswordHashing(new PasswordHasher(), 1, 1), new JoinTokens("k", clock), clock,
                ChatObserver.NONE, parts);
    }

    /** Two nodes' room events: what one publishes reaches both, on the publishing thread. */
    private RoomEvents events(String node) {
        List<Consumer<StampedEvent>> own = node.equals("a") ? nodeA : nodeB;
        AtomicLong sequence = new AtomicLong();
        return new RoomEvents() {
            @Override
            public void publish(RoomEvent event) {
                StampedEvent stamped = new StampedEvent(node, sequence.incrementAndGet(), event);
                deliver(nodeA, stamped);
                deliver(nodeB, stamped);
            }

            @Override
            public void subscribe(Consumer<StampedEvent> listener) {
                own.add(listener);
            }

            @Override
            public void close() {
                own.clear();
            }
        };
    }

    private static void deliver(List<Consumer<StampedEvent>> listeners, StampedEvent stamped) {
        listeners.forEach(listener -> listener.accept(stamped));
    }

    /** Node b's delivered positions: the next merge (a position moving) first runs a hook, once. */
    private static final class PausingPositions extends ConcurrentHashMap<String, Long> {
        private final AtomicReference<Runnable> hook = new AtomicReference<>();
        private final java.util.concurrent.CountDownLatch hookDone = new java.util.concurrent.CountDownLatch(1);
        private volatile boolean armed;

        void beforeNextMerge(Runnable action) {
            hook.set(action);
            armed = true;
        }

        void awaitHookDone() throws InterruptedException {
            if (!hookDone.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("node b never moved the room's position");
            }
        }

        @Override
        public Long merge(String key, Long value, BiFunction<? super Long, ? super Long, ? extends Long> remapping) {
            Runnable action = armed ? hook.getAndSet(null) : null;
            if (action != null) {
                try {
                    action.run();
                } finally {
                    hookDone.countDown();
                }
            }
            return super.merge(key, value, remapping);
        }
    }
}
