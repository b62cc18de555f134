package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import webtalk.support.RunsAlone;
import webtalk.support.ServerTest;

/**
 * A connection that closes while its {@code entrar} runs. On long-polling the join runs on its
 * POST's thread while another request (here the client's close packet, in a second POST at the
 * same moment) closes the session, so the close's cleanup can run before the join has claimed
 * the name. The name must not stay held by the closed connection: the room would count a ghost
 * that nobody ever sees leave.
 */
@RunsAlone
class JoinRacingCloseIT extends ServerTest {

    private static final int CONNECTIONS = 40;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aJoinThatRacesItsConnectionsCloseLeavesNobodyInTheRoom() throws Exception {
        String room = http.createRoom("Corrida", null);
        for (int i = 0; i < CONNECTIONS; i++) {
            String open = get("");
            String sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf('"', open.indexOf("\"sid\":\"") + 7));
            post(sid, "40").join();
            get("&sid=" + sid);  // the namespace's connect answer
            CompletableFuture<?> join = post(sid, "42[\"entrar\",{\"id_sala\":\"" + room + "\",\"nome_usuario\":\"fantasma" + i + "\"}]");
            CompletableFuture<?> close = post(sid, "1");
            CompletableFuture.allOf(join, close).exceptionally(e -> null).join();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        int online;
        do {
            Thread.sleep(100);
            online = http.get("/api/salas/" + room).json().get("contador_usuarios").asInt();
        } while (online != 0 && System.nanoTime() < deadline);
        assertEquals(0, online, "every joiner closed its connection: nobody is left in the room");
    }

    private String url(String query) {
        return server.url() + "/socket.io/?EIO=4&transport=polling" + query;
    }

    private String get(String query) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url(query))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private CompletableFuture<HttpResponse<String>> post(String sid, String packet) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(url("&sid=" + sid))).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(packet)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
