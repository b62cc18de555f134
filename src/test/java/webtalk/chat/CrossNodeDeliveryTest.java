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

    @Test
    void aMessageTheFanOutLostIsDeliveredFromTheStoreWhenTheNextOneComesInOrder() {
        String room = a.createRoom("Perdida", "ana", null, null, "127.0.0.1").room().id();
        RecordingConnection ana = new RecordingConnection("a1");
        a.join(ana, room, "ana", null, null, null);
        b.join(new RecordingConnection("b1"), room, "bia", null, null, null);
        a.send(ana, room, null, "um", null).join();
        bus.dropFor("b", 1);
        a.send(ana, room, null, "dois (perdida para b)", null).join();
        a.send(ana, room, null, "três", null).join();
        assertEquals(List.of("um", "dois (perdida para b)", "três"), textsToldOnB());
        assertEquals(0, b.roomsWaitingForRepair());
    }

    @Test
    void aMessageWhosePublisherDiedAfterItsCommitReachesTheOtherNodeAtThePositionCheck() {
        String room = a.createRoom("Órfã", "ana", null, null, "127.0.0.1").room().id();
        RecordingConnection ana = new RecordingConnection("a1");
        a.join(ana, room, "ana", null, null, null);
        b.join(new RecordingConnection("b1"), room, "bia", null, null, null);
        bus.dropFor("b", 1);
        a.send(ana, room, null, "publicada só em a", null).join();
        assertEquals(List.of(), textsToldOnB());
        b.checkPositions();
        assertEquals(List.of("publicada só em a"), textsToldOnB());
        b.checkPositions();
        assertEquals(1, textsToldOnB().size(), "a second check delivers nothing again");
    }

    @Test
    void messagesArrivingOutOfOrderAreToldInIdOrderAndADeletedOneAsItsTombstone() {
        String room = a.createRoom("Fora de ordem", "ana", null, null, "127.0.0.1").room().id();
        RecordingConnection ana = new RecordingConnection("a1");
        a.join(ana, room, "ana", null, null, null);
        b.join(new RecordingConnection("b1"), room, "bia", null, null, null);
        bus.holdFor("b");
        a.send(ana, room, null, "um", null).join();
        Message deleted = a.send(ana, room, null, "apagada antes de chegar", null).join();
        a.send(ana, room, null, "três", null).join();
        a.moderation().deleteMessage(room, deleted.id());
        bus.releaseReversed("b");
        assertEquals(List.of("um", "", "três"), textsToldOnB(), "the repair reads the tombstone: its text is gone");
        assertEquals(0, b.roomsWaitingForRepair());
    }

    private List<String> textsToldOnB() {
        return toldOnB.stream().filter(RoomEvent.MessagePosted.class::isInstance)
                .map(event -> ((RoomEvent.MessagePosted) event).message().text()).toList();
    }

    /**
     * A cluster's fan-out in miniature: every node gets every stamped event, de-duplicated on
     * delivery; posted messages to one node can be dropped (a pub/sub reconnect) or held and then
     * delivered in reverse (no order between publishers).
     */
    private static final class Bus {
        private final List<Node> nodes = new ArrayList<>();
        private final java.util.Map<String, Integer> drops = new java.util.HashMap<>();
        private final java.util.Map<String, List<StampedEvent>> held = new java.util.HashMap<>();
        private StampedEvent last;

        void dropFor(String node, int messages) {
            drops.put(node, messages);
        }

        void holdFor(String node) {
            held.put(node, new ArrayList<>());
        }

        void releaseReversed(String nodeId) {
            List<StampedEvent> events = held.remove(nodeId);
            java.util.Collections.reverse(events);
            Node node = nodes.stream().filter(n -> n.id.equals(nodeId)).findFirst().orElseThrow();
            events.forEach(node::deliver);
        }

        RoomEvents node(String id) {
            Node node = new Node(id);
            nodes.add(node);
            return node;
        }

        void send(StampedEvent stamped) {
            last = stamped;
            for (Node node : nodes) {
                if (stamped.event() instanceof RoomEvent.MessagePosted && held.containsKey(node.id)) {
                    held.get(node.id).add(stamped);
                } else if (stamped.event() instanceof RoomEvent.MessagePosted && drops.getOrDefault(node.id, 0) > 0) {
                    drops.merge(node.id, -1, Integer::sum);
                } else {
                    node.deliver(stamped);
                }
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
