package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A room's members on this node, as broadcasts find them. */
class NamespaceRoomsTest {

    /**
     * A socket joining a room at the moment the room's only other socket here leaves it must end up
     * in the room: before, the join took the room's member set, the leave emptied it and dropped
     * it from the namespace, and the join then added its socket to the dropped set; the socket was
     * told nothing of the room again (no message, no usuario_entrou / usuario_saiu), though joined.
     * Races both, many times (bounded in count and time): the window is a few instructions wide.
     */
    @Test
    void aSocketJoiningWhileTheLastOtherLeavesIsInTheRoom() throws Exception {
        Namespace namespace = new Namespace("/", null, null, null, () -> false);
        ClientSocket leaving = new ClientSocket("leaving", namespace, null, null, null);
        ClientSocket joining = new ClientSocket("joining", namespace, null, null, null);
        CyclicBarrier start = new CyclicBarrier(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Thread leaver = new Thread(() -> {
            try {
                while (true) {
                    start.await();  // the leaving socket is in the room: leave now
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    namespace.removeFromRoom("r", leaving);
                    start.await();  // done
                }
            } catch (Exception e) {
                if (!(e instanceof InterruptedException)) {
                    failure.set(e);
                }
            }
        });
        leaver.setDaemon(true);
        leaver.start();
        int rounds = 0;
        try {
            for (; rounds < 600_000 && System.nanoTime() < deadline; rounds++) {
                namespace.addToRoom("r", leaving);
                start.await(5, TimeUnit.SECONDS);
                namespace.addToRoom("r", joining);
                start.await(5, TimeUnit.SECONDS);
                boolean in = namespace.members("r").contains(joining);
                assertTrue(in, "the joining socket is in the room after " + rounds + " rounds");
                namespace.removeFromRoom("r", joining);
            }
        } finally {
            leaver.interrupt();
        }
        assertTrue(failure.get() == null, String.valueOf(failure.get()));
        System.out.printf("namespace rooms: %d join/leave races, the joiner always in the room%n", rounds);
    }

    /**
     * Once the server is closing nothing but each client's close packet is sent, so a broadcast is
     * not even encoded (at a stop, each departure went to every member left in its room). This
     * namespace has no codec and its socket no session: encoding or sending would throw.
     */
    @Test
    void aClosingServersBroadcastsAreNeitherEncodedNorOffered() {
        java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
        Namespace namespace = new Namespace("/", null, null, null, closing::get);
        namespace.addToRoom("r", new ClientSocket("member", namespace, null, null, null));
        org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> namespace.to("r").emit("usuario_saiu", "x"),
                "an open server encodes");
        closing.set(true);
        namespace.to("r").emit("usuario_saiu", "x");
        namespace.to("r").emitUnhurried("usuario_saiu", "x");
        namespace.all().emit("sala_fechada", "x");
    }
}
