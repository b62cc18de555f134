package webtalk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.corundumstudio.socketio.SocketIOServer;
import java.net.ServerSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import webtalk.bench.peers.NettySocketIoPeer;

/** The load tool's Socket.IO client against a real Socket.IO server (the netty-socketio peer). */
class SioConnectionTest {

    @Test
    void joinsARoomHearsItsMessagesAndNoticesTheServerGoingAway() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SocketIOServer server = NettySocketIoPeer.start("127.0.0.1", port);
        String url = "http://127.0.0.1:" + port;
        BlockingQueue<String> annaHeard = new LinkedBlockingQueue<>();
        BlockingQueue<String> bobHeard = new LinkedBlockingQueue<>();
        CountDownLatch annaLost = new CountDownLatch(1);
        try {
            SioConnection anna = SioConnection.open(url, annaHeard::add, annaLost::countDown).get(10, TimeUnit.SECONDS);
            SioConnection bob = SioConnection.open(url, bobHeard::add).get(10, TimeUnit.SECONDS);
            anna.emitWithAck("entrar", "{\"id_sala\":\"sala-1\",\"nome_usuario\":\"ana\"}", 1);
            assertEquals("42[\"usuario_entrou\",{\"nome_usuario\":\"ana\"}]", next(annaHeard));
            assertEquals("431[{\"ok\":true}]", next(annaHeard));
            bob.emitWithAck("entrar", "{\"id_sala\":\"sala-1\",\"nome_usuario\":\"bob\"}", 1);
            assertEquals("431[{\"ok\":true}]", nextSkipping(bobHeard, "42[\"usuario_entrou\""));
            String text = "T123|7 " + "é".repeat(200);  // over 125 bytes: a 16-bit frame length each way
            for (int i = 0; i < 50; i++) {
                bob.emit("mensagem_chat", "{\"id_sala\":\"sala-1\",\"nome_usuario\":\"bob\",\"mensagem\":\"" + text + i + "\"}");
            }
            for (int i = 0; i < 50; i++) {
                String message = nextSkipping(annaHeard, "42[\"usuario_entrou\"");
                assertTrue(message.startsWith("42[\"mensagem_chat\"") && message.contains(text + i + "\""), message);
            }
            assertTrue(anna.isOpen());
            bob.close();
        } finally {
            server.stop();
        }
        assertTrue(annaLost.await(30, TimeUnit.SECONDS), "onClosed runs when the server goes away");
    }

    private static String next(BlockingQueue<String> packets) throws InterruptedException {
        String packet = packets.poll(10, TimeUnit.SECONDS);
        if (packet == null) {
            throw new AssertionError("no packet within 10 s");
        }
        return packet;
    }

    private static String nextSkipping(BlockingQueue<String> packets, String prefix) throws InterruptedException {
        String packet;
        do {
            packet = next(packets);
        } while (packet.startsWith(prefix));
        return packet;
    }
}
