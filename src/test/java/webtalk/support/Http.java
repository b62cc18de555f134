package webtalk.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A real HTTP client for the REST API; answers carry status, headers and the body parsed as JSON. */
public final class Http {

    public record Answer(int status, JsonNode json, String body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(String base) {
        this.base = base;
    }

    /** The server's address, e.g. http://127.0.0.1:5000, for a Socket.IO client of the same server. */
    public String base() {
        return base;
    }

    public Answer get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public Answer post(String path, Object body, String... headers) {
        return send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body))));
    }

    public Answer delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    public Answer send(String method, String path, String body, String... headers) {
        return send(request(path, headers).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Opens an Engine.IO session over polling, as a Socket.IO client's first request does, and returns its sid. */
    public String openEngineSession() {
        return sidOf(get("/socket.io/?EIO=4&transport=polling").body());
    }

    /** The sid of an Engine.IO open packet ({@code 0{"sid":…}}), as a polling handshake answers it. */
    public static String sidOf(String openPacket) {
        if (!openPacket.startsWith("0{")) {
            throw new AssertionError("not an Engine.IO open packet: " + openPacket);
        }
        try {
            return MAPPER.readTree(openPacket.substring(1)).get("sid").asText();
        } catch (IOException e) {
            throw new AssertionError(openPacket, e);
        }
    }

    /** Creates a room and returns its id; fails the test if the server refuses. */
    public String createRoom(String name, String password) {
        Map<String, Object> body = password == null
                ? Map.of("nome", name, "criador", "tester")
                : Map.of("nome", name, "criador", "tester", "senha", password);
        Answer answer = post("/api/salas", body);
        if (answer.status() != 200) {
            throw new AssertionError("room not created: " + answer.status() + " " + answer.body());
        }
        return answer.json().get("id_sala").asText();
    }

    /** Changes chat settings through the admin API (bearer auth), failing the test if refused. */
    public void configure(Map<String, Object> settings) {
        Answer answer = post("/api/admin/configuracoes", settings, "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD);
        if (answer.status() != 200) {
            throw new AssertionError("settings refused: " + answer.status() + " " + answer.body());
        }
    }

    /** A join token for the room, given its password. */
    public String token(String roomId, String password) {
        Answer answer = post("/api/salas/" + roomId + "/entrar", Map.of("senha", password));
        if (answer.status() != 200) {
            throw new AssertionError("no token: " + answer.status() + " " + answer.body());
        }
        return answer.json().get("token").asText();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isEmpty() ? null : MAPPER.readTree(response.body());
            } catch (IOException notJson) {
                // pages and Engine.IO payloads are not JSON
            }
            return new Answer(response.statusCode(), json, response.body(), response);
        } catch (IOException e) {
            throw new AssertionError("HTTP request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
