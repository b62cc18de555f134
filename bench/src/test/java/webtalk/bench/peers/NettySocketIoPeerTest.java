package webtalk.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.corundumstudio.socketio.SocketIOServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The netty-socketio peer answers what the load tool sends, over Engine.IO 4 on a raw WebSocket. */
class NettySocketIoPeerTest {

    @Test
    void acksEntrarAndBroadcastsAMessageToTheRoomOverEngineIo4() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SocketIOServer server = NettySocketIoPeer.start("127.0.0.1", port);
        try {
            HttpClient http = HttpClient.newHttpClient();
            BlockingQueue<String> packets = new LinkedBlockingQueue<>();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            packets.add(data.toString());
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertTrue(next(packets).startsWith("0{\"sid\""), "Engine.IO 4 open packet");
            socket.sendText("40", true).get(5, TimeUnit.SECONDS);
            assertTrue(next(packets).startsWith("40"), "default namespace connected");
            socket.sendText("421[\"entrar\",{\"id_sala\":\"sala-1\",\"nome_usuario\":\"ana\"}]", true).get(5, TimeUnit.SECONDS);
            assertEquals("42[\"usuario_entrou\",{\"nome_usuario\":\"ana\"}]", next(packets));
            assertEquals("431[{\"ok\":true}]", next(packets));
            socket.sendText("42[\"mensagem_chat\",{\"id_sala\":\"sala-1\",\"nome_usuario\":\"ana\",\"mensagem\":\"oi\"}]", true)
                    .get(5, TimeUnit.SECONDS);
            String message = next(packets);
            assertTrue(message.startsWith("42[\"mensagem_chat\",{") && message.contains("\"mensagem\":\"oi\""), message);
            socket.abort();
        } finally {
            server.stop();
        }
    }

    private static String next(BlockingQueue<String> packets) throws InterruptedException {
        String packet = packets.poll(10, TimeUnit.SECONDS);
        if (packet == null) {
            throw new AssertionError("no packet within 10 s");
        }
        return packet;
    }
}
