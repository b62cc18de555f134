package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.TestServer;

/**
 * The HTTP edge against clients that do not play by the rules: wrong Content-Type, bodies cut off
 * or broken, URIs Jetty itself refuses, and headers sent a byte at a time. Raw sockets where a
 * well-behaved client cannot produce the input.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RunsAlone
class RestEdgeIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private TestServer server;
    private Http http;

    @BeforeAll
    void start() {
        server = TestServer.start();
        http = new Http(server.url());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** What a raw exchange got back: the status line's code (0: none), the JSON body if any, and how long it took. */
    private record Raw(int status, String head, JsonNode json, Duration took, boolean closed) {
    }

    @Test
    void aBodyThatIsNotJsonIsRefused415() {
        Http.Answer text = http.send("POST", "/api/salas", "{\"nome\":\"Texto\",\"criador\":\"x\"}", "Content-Type", "text/plain");
        assertEquals(415, text.status());
        assertEquals("tipo_conteudo_invalido", text.json().get("codigo").asText());
        assertEquals(415, http.send("POST", "/api/salas", "nome=Form&criador=x",
                "Content-Type", "application/x-www-form-urlencoded").status());
        assertEquals(415, http.send("POST", "/api/admin/login", "{\"senha\":\"x\"}", "Content-Type", "application/jsonp").status());
        Raw none = exchange("POST /api/salas HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", false);
        assertEquals(415, none.status(), "a body without a Content-Type");
    }

    @Test
    void jsonWithAnyCharsetParameterAndAnEmptyBodyWithoutContentTypeAreAccepted() {
        assertEquals(200, http.send("POST", "/api/salas", "{\"nome\":\"Charset\",\"criador\":\"x\"}",
                "Content-Type", "Application/JSON; charset=UTF-8").status());
        String room = http.createRoom("Pública", null);
        Http.Answer enter = http.send("POST", "/api/salas/" + room + "/entrar", null);
        assertEquals(200, enter.status(), enter.body());
        assertTrue(enter.json().has("token"));
    }

    @Test
    void apiAnswersAreNeverCachedAndUnknownMethodsGetJson() {
        assertEquals("no-store", http.get("/api/limites").header("Cache-Control"));
        assertEquals("no-store", http.post("/api/admin/login", Map.of("senha", "x")).header("Cache-Control"));
        Http.Answer trace = http.send("TRACE", "/api/salas", null);
        assertEquals(404, trace.status());
        assertEquals("nao_encontrado", trace.json().get("codigo").asText(), "nothing of the request is echoed");
    }

    @Test
    void aBrokenChunkedBodyIsRefused400() {
        Raw raw = exchange("POST /api/salas HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"nom\r\nzz\r\nxx\r\n", false);
        assertEquals(400, raw.status(), raw.head());
        assertEquals("json_invalido", raw.json().get("codigo").asText());
    }

    @Test
    void aBodyShorterThanItsContentLengthIsRefused400() {
        Raw raw = exchange("POST /api/salas HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"nome\":\"a\",\"criador\":\"x\"}", true);
        assertEquals(400, raw.status(), raw.head());
        assertEquals("json_invalido", raw.json().get("codigo").asText());
        assertEquals(0, roomsNamed("a"), "nothing was created from the part that came");
    }

    @Test
    void urisJettyRefusesGetJsonErrors() {
        for (String path : new String[]{"/api/salas/%zz", "/api/salas/a%00b", "/chat/%e0%80", "/api/../../etc/passwd"}) {
            Raw raw = exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false);
            assertEquals(400, raw.status(), path + ": " + raw.head());
            assertTrue(raw.head().toLowerCase().contains("content-type: application/json"), raw.head());
            assertEquals("dados_invalidos", raw.json().get("codigo").asText());
        }
        Raw huge = exchange("GET /api/salas?x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false);
        assertTrue(huge.status() == 414 || huge.status() == 431, huge.head());
        assertEquals("carga_grande_demais", huge.json().get("codigo").asText());
        Bystander.assertStillChats(server);
    }

    @Test
    void headersSentAByteAtATimeAreCutOffWhileAHeldLongPollSurvives() throws Exception {
        String sid = MAPPER.readTree(http.get("/socket.io/?EIO=4&transport=polling").body().substring(1)).get("sid").asText();
        http.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "40");
        http.get("/socket.io/?EIO=4&transport=polling&sid=" + sid);  // the connect answer
        long pollStart = System.nanoTime();
        CompletableFuture<HttpResponse<String>> heldPoll = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(server.url() + "/socket.io/?EIO=4&transport=polling&sid=" + sid))
                        .timeout(Duration.ofSeconds(40)).GET().build(), HttpResponse.BodyHandlers.ofString());

        Duration slowHeaders = trickle("GET /api/salas HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(200) + "\r\n\r\n");
        assertTrue(slowHeaders.toSeconds() >= 9 && slowHeaders.toSeconds() <= 15, "cut off after " + slowHeaders);
        Duration slowBody = trickle("POST /api/salas HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 300\r\n\r\n{\"nome\":\"" + "a".repeat(280) + "\"}");
        assertTrue(slowBody.toSeconds() <= 15, "slow body cut off after " + slowBody);

        HttpResponse<String> poll = heldPoll.get(40, TimeUnit.SECONDS);
        long heldSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - pollStart);
        assertEquals(200, poll.statusCode(), poll.body());
        assertEquals("2", poll.body(), "held until the ping, not cut off");
        assertTrue(heldSeconds >= 20, "held " + heldSeconds + " s");
        Bystander.assertStillChats(server);
    }

    /** Sends the request a byte every 100 ms (bounded: at most 30 s); how long until the server closed it. */
    private Duration trickle(String request) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30); i = Math.min(i + 1, bytes.length - 1)) {
                try {
                    out.write(bytes[i]);
                    out.flush();
                } catch (IOException reset) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                try {
                    if (in.read() < 0) {
                        return Duration.ofNanos(System.nanoTime() - start);
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // nothing from the server yet: keep trickling
                } catch (IOException reset) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            }
        }
        throw new AssertionError("the slow request was never cut off");
    }

    private int roomsNamed(String name) {
        int count = 0;
        for (JsonNode room : http.get("/api/salas").json()) {
            if (room.get("nome").asText().equals(name)) {
                count++;
            }
        }
        return count;
    }

    /** Writes the bytes as they are, optionally half-closes, and reads the whole answer (bounded: 10 s). */
    private Raw exchange(String request, boolean halfClose) {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            boolean closed = false;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                    if (complete(answer.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
                closed = true;
            } catch (SocketTimeoutException open) {
                // answer as far as it came
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            int status = head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : 0;
            JsonNode json = body.isBlank() ? null : MAPPER.readTree(body);
            return new Raw(status, head, json, Duration.ofNanos(System.nanoTime() - start), closed);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A head and a body as long as its Content-Length. */
    private static boolean complete(String text) {
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        for (String line : text.substring(0, split).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).strip());
                return text.substring(split + 4).getBytes(StandardCharsets.UTF_8).length >= length;
            }
        }
        return false;
    }
}
