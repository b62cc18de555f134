package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.ServerProcess;

/**
 * A server that stops (SIGTERM) tells each client only to go: not that the other members left,
 * one by one, as their sessions close before its own. With n clients that was n²/2 frames (most of
 * a 5,000-client stop's 2.2–2.7 s) and, on the screen of someone who rejoins a second later, a
 * line of "X saiu" for everyone in the room. Both transports.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunsAlone
class ShutdownIT {

    private static final int MEMBERS = 8;

    private static List<ChatClient> pollingClients(List<ChatClient> clients) {
        List<ChatClient> polling = new ArrayList<>();
        for (int i = 1; i < clients.size(); i += 2) {
            polling.add(clients.get(i));
        }
        return polling;
    }

    @Test
    void aStoppingServerTellsNoClientThatTheOthersLeft() throws Exception {
        List<ChatClient> clients = new ArrayList<>();
        try (ServerProcess server = new ServerProcess()) {
            server.start();
            String room = new Http(server.url()).createRoom("Encerramento", null);
            for (int i = 0; i < MEMBERS; i++) {
                ChatClient client = ChatClient.connect(server.url(), new String[]{i % 2 == 0 ? "websocket" : "polling"});
                clients.add(client);
                client.join(room, "membro" + i);
            }
            // Each member hears every later joiner: once the last one is heard by all, no join is in flight.
            for (ChatClient client : clients) {
                client.next("usuario_entrou", e -> e.getString("nome_usuario").equals("membro" + (MEMBERS - 1)));
            }
            assertEquals(143, server.terminate(Duration.ofSeconds(20)), server.log());
            // The polling clients see the close packet; the Java client over WebSocket notices a
            // server's close only at its ping timeout, so for those the frames have a second to arrive.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pollingClients(clients).stream().anyMatch(ChatClient::connected) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(1000);
            for (ChatClient client : pollingClients(clients)) {
                assertFalse(client.connected(), "a polling client saw the server go");
            }
            for (ChatClient client : clients) {
                assertEquals(List.of(), client.pending("usuario_saiu"), "no departure told during the stop");
            }
        } finally {
            clients.forEach(ChatClient::close);
        }
    }
}
