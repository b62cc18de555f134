package webtalk.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONObject;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RawHttp;
import webtalk.support.RawWebSocket;
import webtalk.support.TestServer;

/**
 * What one attack works with: its own loopback address, fresh clients from it, rooms it makes,
 * all closed or deleted when the attack ends so the next one starts clean.
 */
final class Arena implements AutoCloseable {

    static final String ENGINE = "/socket.io/?EIO=4&transport=polling";
    static final String WEBSOCKET = "/socket.io/?EIO=4&transport=websocket";
    static final String[] BEARER = {"Authorization", "Bearer " + TestServer.ADMIN_PASSWORD};
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicLong UNIQUE = new AtomicLong();

    final Target target;
    final String address;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final Deque<String> rooms = new ArrayDeque<>();

    Arena(Target target) {
        this.target = target;
        this.address = target.freshAddress();
    }

    /** A name no other attack uses, short enough for a nickname or a room name. */
    static String unique(String prefix) {
        return prefix + UNIQUE.incrementAndGet();
    }

    /** The admin's HTTP client (from 127.0.0.1, the trusted proxy). */
    Http http() {
        return target.admin;
    }

    /** Raw HTTP from this attack's address. */
    RawHttp raw() {
        return new RawHttp(address, target.port());
    }

    RawHttp rawFrom(String otherAddress) {
        return new RawHttp(otherAddress, target.port());
    }

    /** The real Socket.IO client from this attack's address (polling, then WebSocket). */
    ChatClient chat() {
        return chat(null);
    }

    ChatClient chat(String[] transports) {
        return track(ChatClient.connect(target.url(), transports, target.okHttpFrom(address)));
    }

    /** A connected client already in the room under that nickname. */
    ChatClient member(String room, String nickname) {
        ChatClient client = chat();
        JSONObject joined = client.join(room, nickname);
        assertTrue(joined.getBoolean("ok"), "could not join: " + joined);
        return client;
    }

    /** A raw WebSocket past the Engine.IO open packet. */
    RawWebSocket engineWebSocket() {
        RawWebSocket ws = track(RawWebSocket.open(target.port(), WEBSOCKET));
        assertEquals(101, ws.status);
        assertTrue(ws.read().text().startsWith("0{"), "the open packet");
        return ws;
    }

    /** A raw WebSocket connected to the main namespace. */
    RawWebSocket socketIo() {
        RawWebSocket ws = engineWebSocket();
        ws.write(RawWebSocket.text("40"));
        assertTrue(ws.readTextStartingWith("40").startsWith("40{\"sid\""));
        return ws;
    }

    /** A polling session's sid after the handshake (closed with a close packet when the attack ends). */
    String pollingSession() throws Exception {
        Http.Answer open = http().get(ENGINE);
        assertEquals(200, open.status(), open.body());
        String sid = MAPPER.readTree(open.body().substring(1)).get("sid").asText();
        opened.push(() -> http().post(ENGINE + "&sid=" + sid, "1"));
        return sid;
    }

    /** A polling session connected to the main namespace. */
    String pollingSocketIo() throws Exception {
        String sid = pollingSession();
        assertEquals("ok", http().post(ENGINE + "&sid=" + sid, "40").body());
        assertTrue(http().get(ENGINE + "&sid=" + sid).body().startsWith("40{\"sid\""));
        return sid;
    }

    /** A public room made from this attack's address, deleted when the attack ends. */
    String room(String name) {
        RawHttp.Response created = raw().postJson("/api/salas", Http.json(Map.of("nome", name, "criador", "atacante")));
        assertEquals(200, created.status(), "room not created: " + created.body());
        String id = created.json().get("id_sala").asText();
        rooms.push(id);
        return id;
    }

    /** Deletes a room this attack made some other way, when it ends. */
    void forgetRoomLater(String id) {
        rooms.push(id);
    }

    <T extends AutoCloseable> T track(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception | AssertionError ignored) {
                // already closed by the server: that is often the point of the attack
            }
        }
        while (!rooms.isEmpty()) {
            target.deleteRoom(rooms.pop());
        }
    }
}
