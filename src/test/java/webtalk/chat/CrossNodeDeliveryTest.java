package webtalk.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHasher;
import webtalk.security.PasswordHashing;
import webtalk.store.sqlite.SqliteChatStore;

/**
 * Two nodes over one store and an in-memory bus between their room events: what one node
 * publishes moves the other's published position, so a joiner there is replayed it.
 */
class CrossNodeDeliveryTest {

    @TempDir
    Path dir;
    private final Clock clock = Clock.systemUTC();
    private final Bus bus = new Bus();
    private SqliteChatStore store;
    private ChatService a;
    private ChatService b;
    private final List<RoomEvent> toldOnB = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        store = SqliteChatStore.open(dir);
        a = node(bus.node("a"));
        b = node(bus.node("b"));
        b.deliverTo(toldOnB::add);
    }

    private ChatService node(RoomEvents events) {
        return new ChatService(store, events, new PasswordHashing(new PasswordHasher(), 1, 1), new JoinTokens("k", clock), clock,
                ChatObserver.NONE, ChatServiceTest.parts(store, events, clock));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aMessagePostedOnOneNodeIsInTheHistoryOfAJoinerOnAnother() {
        String room = a.createRoom("Dois nós", "ana", null, null, "127.0.0.1").room().id();
        RecordingConnection ana = new RecordingConnection("a1");
        a.join(ana, room, "ana", null, null, null);
        b.join(new RecordingConnection("b1"), room, "bia", null, null, null);
        Message sent = a.send(ana, room, null, "olá do nó a", null).join();

        RecordingConnection caio = new RecordingConnection("b2");
        JoinResult joined = b.join(caio, room, "caio", null, null, null);
        assertEquals(sent.id(), joined.lastMessageId());
        assertEquals(List.of(sent.id()), caio.replayed.stream().map(Message::id).toList());
        assertEquals(1, toldOnB.stream().filter(RoomEvent.MessagePosted.class::isInstance).count());
    }

    @Test
    void aRoomMadeOnAnotherNodeAfterThisOneStartedIsReplayedInFull() {
        String room = a.createRoom("Nova", "ana", null, null, "127.0.0.1").room().id();
        RecordingConnection ana = new RecordingConnection("a1");
        a.join(ana, room, "ana", null, null, null);
        Message first = a.send(ana, room, null, "um", null).join();
        Message second = a.send(ana, room, null, "dois", null).join();

        RecordingConnection caio = new RecordingConnection("b1");
        b.join(caio, room, "caio", null, null, null);
        assertEquals(List.of(first.id(), second.id()), caio.replayed.stream().map(Message::id).toList());
    }

    @Test
    void anEventDeliveredTwiceIsToldOnce() {
        String room = a.createRoom("Repetida", "ana", null, null, "127.0.0.1").room().id();
        RecordingConnection ana = new RecordingConnection("a1");
        a.join(ana, room, "ana", null, null, null);
        b.join(new RecordingConnection("b1"), room, "bia", null, null, null);
        a.send(ana, room, null, "uma vez", null).join();
        bus.redeliverLast();
        assertEquals(1, toldOnB.stream().filter(RoomEvent.MessagePosted.class::isInstance).count());
    }

    @Test
    void aRoomClosedOnOneNodeLosesItsMembersOnTheOther() {
        String room = a.createRoom("Fechada", "ana", null, null, "127.0.0.1").room().id();
        RecordingConnection bia = new RecordingConnection("b1");
        b.join(bia, room, "bia", null, null, null);
        a.moderation().closeRoom(room);
        assertEquals(0, b.usersOnline(room));
        assertEquals(List.of(), bia.subscribed);
        assertEquals(0, b.liveRooms());
    }

    /** A cluster's fan-out in miniature: every node gets every stamped event, de-duplicated on delivery. */
    private static final class Bus {
        private final List<Node> nodes = new ArrayList<>();
        private StampedEvent last;

        RoomEvents node(String id) {
            Node node = new Node(id);
            nodes.add(node);
            return node;
        }

        void send(StampedEvent stamped) {
            last = stamped;
            for (Node node : nodes) {
                node.deliver(stamped);
            }
        }

        void redeliverLast() {
            send(last);
        }

        private final class Node implements RoomEvents {
            private final String id;
            private final AtomicLong sequence = new AtomicLong();
            private final DeliveredOnce once = new DeliveredOnce();
            private final List<Consumer<StampedEvent>> listeners = new CopyOnWriteArrayList<>();

            Node(String id) {
                this.id = id;
            }

            void deliver(StampedEvent stamped) {
                if (once.first(stamped)) {
                    listeners.forEach(listener -> listener.accept(stamped));
                }
            }

            @Override
            public void publish(RoomEvent event) {
                send(new StampedEvent(id, sequence.incrementAndGet(), event));
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
    }

}
