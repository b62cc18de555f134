package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.socket.client.IO;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.Http;
import webtalk.support.RunsAlone;

/**
 * The Engine.IO / Socket.IO layer on its own, mounted on a bare Javalin with short heartbeats:
 * spec errors, namespaces, binary, acks, heartbeat timeout, malformed packets, slow consumers,
 * origin refusal — through raw HTTP and the real Java client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@RunsAlone  // its server pings every 300 ms and drops a client silent for 200 ms: a deadline
class SocketIoServerIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private SocketIoServer sockets;
    private Javalin http;
    private Http client;
    private String base;
    private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        sockets = new SocketIoServer(SocketIoOptions.defaults()
                .withPingInterval(Duration.ofMillis(300)).withPingTimeout(Duration.ofMillis(200))
                .withMaxQueuedPackets(20)
                .withOriginAllowed((origin, host) -> origin == null || !origin.contains("evil"))
                .withMalformedPacketNotice("erro", java.util.Map.of("codigo", "pacote_invalido")));
        sockets.namespace("/custom");
        sockets.namespace("/").onConnect(socket -> {
            socket.on("echo", (s, args, ack) -> s.emit("echo", args.isEmpty() ? null : args.get(0)));
            socket.on("ack", (s, args, ack) -> ack.send(args.get(0)));
            socket.on("flood", (s, args, ack) -> {
                for (int i = 0; i < 100; i++) {
                    s.emit("flood", i);
                }
            });
            socket.on("flood-big", (s, args, ack) -> {
                String big = "x".repeat(60_000);
                for (int i = 0; i < 400; i++) {
                    s.emit("flood", big);
                }
            });
            socket.on("unhurried", (s, args, ack) -> {
                s.join("room");
                sockets.namespace("/").to("room").emitUnhurried("presence", 1);
                if (args.size() > 0 && args.get(0).asBoolean()) {
                    s.emit("prompt", 2);
                    sockets.namespace("/").to("room").emitUnhurried("presence", 3);
                }
            });
            socket.onDisconnect((s, reason) -> disconnects.add(reason));
        });
        http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            sockets.mount(config);
        }).start(0);
        base = "http://127.0.0.1:" + http.port();
        client = new Http(base);
    }

    @AfterEach
    void stop() {
        sockets.close();
        http.stop();
    }

    @Test
    void handshakeAnnouncesSidUpgradesAndLimits() throws Exception {
        String body = client.get("/socket.io/?EIO=4&transport=polling").body();
        assertTrue(body.startsWith("0{"), body);
        JsonNode open = MAPPER.readTree(body.substring(1));
        assertEquals(5, open.size(), body);
        assertEquals(20, open.get("sid").asText().length(), body);
        assertEquals(1, open.get("upgrades").size(), body);
        assertEquals("websocket", open.get("upgrades").get(0).asText());
        assertEquals(300, open.get("pingInterval").asInt());
        assertEquals(200, open.get("pingTimeout").asInt());
        assertEquals(1_000_000, open.get("maxPayload").asInt());
    }

    @Test
    void badRequestsGetTheSpecErrors() {
        assertError(client.get("/socket.io/?EIO=3&transport=polling"), 400, 5);
        assertError(client.get("/socket.io/?EIO=4&transport=carrier-pigeon"), 400, 0);
        assertError(client.get("/socket.io/?EIO=4&transport=polling&sid=nope"), 400, 1);
        assertError(client.post("/socket.io/?EIO=4&transport=polling", "40"), 400, 2);
        assertError(client.get("/socket.io/?EIO=4&transport=polling", "Origin", "http://evil.example"), 403, 4);
    }

    private static void assertError(Http.Answer answer, int status, int code) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(code, answer.json().get("code").asInt(), answer.body());
    }

    @Test
    void unknownNamespaceGetsConnectError() throws Exception {
        io.socket.client.Socket socket = IO.socket(URI.create(base + "/nope"), options());
        CompletableFuture<Object> error = new CompletableFuture<>();
        socket.on(io.socket.client.Socket.EVENT_CONNECT_ERROR, args -> error.complete(args[0]));
        socket.connect();
        try {
            assertEquals("Invalid namespace", ((JSONObject) error.get(10, TimeUnit.SECONDS)).getString("message"));
        } finally {
            socket.close();
        }
    }

    @Test
    void binaryOverPollingMayBeBase64InLinesAsTheJavaClientSendsIt() throws Exception {
        String sid = rawConnect();
        String event = "451-[\"echo\",{\"_placeholder\":true,\"num\":0}]";
        assertEquals("ok", client.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, event + "\u001ebAAEC/yo=\n").body());
        String echoed = client.get("/socket.io/?EIO=4&transport=polling&sid=" + sid).body();
        assertEquals(event + "\u001ebAAEC/yo=", echoed, "decoded, echoed, encoded back");
        client.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, event + "\u001eb**not base64**");
        assertEquals("parse error", disconnects.poll(5, TimeUnit.SECONDS), "real garbage still closes the session");
    }

    @Test
    void binaryAndAcksRoundTripWithTheJavaClient() throws Exception {
        io.socket.client.Socket socket = connectedJavaClient(null);
        try {
            CompletableFuture<Object> echoed = new CompletableFuture<>();
            socket.on("echo", args -> echoed.complete(args[0]));
            byte[] bytes = {0, 1, 2, (byte) 255, 42};
            socket.emit("echo", (Object) bytes);
            assertArrayEquals(bytes, (byte[]) echoed.get(10, TimeUnit.SECONDS));

            CompletableFuture<Object> acked = new CompletableFuture<>();
            socket.emit("ack", new Object[]{new JSONObject().put("a", 1)}, (io.socket.client.Ack) args -> acked.complete(args[0]));
            assertEquals(1, ((JSONObject) acked.get(10, TimeUnit.SECONDS)).getInt("a"));
        } finally {
            socket.close();
        }
    }

    @Test
    void customNamespaceConnects() throws Exception {
        io.socket.client.Socket socket = IO.socket(URI.create(base + "/custom"), options());
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.on(io.socket.client.Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.connect();
        try {
            connected.get(10, TimeUnit.SECONDS);
        } finally {
            socket.close();
        }
    }

    @Test
    void silentClientIsDroppedOnPingTimeout() throws Exception {
        String sid = rawConnect();
        assertEquals("ping timeout", disconnects.poll(5, TimeUnit.SECONDS));
        assertError(client.get("/socket.io/?EIO=4&transport=polling&sid=" + sid), 400, 1);
    }

    @Test
    void answeringPingsKeepsTheConnection() throws Exception {
        io.socket.client.Socket socket = connectedJavaClient(null);
        try {
            Thread.sleep(1500);  // five heartbeats' worth: the client must have answered them all
            assertTrue(socket.connected());
            assertTrue(disconnects.isEmpty(), String.valueOf(disconnects));
        } finally {
            socket.close();
        }
    }

    @Test
    void malformedPacketIsAnsweredThenClosed() throws Exception {
        String sid = rawConnect();
        assertEquals("ok", client.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "4{not a packet").body());
        assertEquals("parse error", disconnects.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void slowConsumerIsDisconnectedInsteadOfBuffering() throws Exception {
        String sid = rawConnect();
        client.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "42[\"flood\"]");
        assertEquals("slow consumer", disconnects.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void aWebSocketClientThatStopsReadingIsDisconnectedNotBuffered() throws Exception {
        try (webtalk.support.RawWebSocket ws = webtalk.support.RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket")) {
            ws.read();
            ws.write(webtalk.support.RawWebSocket.text("40"));
            ws.readTextStartingWith("40");
            // 24 MB for a client that reads nothing: the kernel's buffers fill, then the server's
            // bounded queue (20 frames here), and the server lets the client go instead of holding it all
            ws.write(webtalk.support.RawWebSocket.text("42[\"flood-big\"]"));
            assertEquals("slow consumer", disconnects.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void anUnhurriedEventArrivesOnItsOwnAndInOrderWithPromptOnes() throws Exception {
        try (webtalk.support.RawWebSocket ws = webtalk.support.RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket")) {
            ws.read();
            ws.write(webtalk.support.RawWebSocket.text("40"));
            ws.readTextStartingWith("40");
            ws.write(webtalk.support.RawWebSocket.text("42[\"unhurried\"]"));
            assertEquals("42[\"presence\",1]", ws.readTextStartingWith("42"));  // flushed by the timer
            ws.write(webtalk.support.RawWebSocket.text("42[\"unhurried\",true]"));
            assertEquals("42[\"presence\",1]", ws.readTextStartingWith("42"));
            assertEquals("42[\"prompt\",2]", ws.readTextStartingWith("42"));  // took the waiting one along, after it
            assertEquals("42[\"presence\",3]", ws.readTextStartingWith("42"));
        }
    }

    @Test
    void pollingAndWebSocketOnlyClientsBothConnect() throws Exception {
        for (String transport : new String[]{"polling", "websocket"}) {
            io.socket.client.Socket socket = connectedJavaClient(new String[]{transport});
            CompletableFuture<Object> echoed = new CompletableFuture<>();
            socket.on("echo", args -> echoed.complete(args[0]));
            socket.emit("echo", "via " + transport);
            assertEquals("via " + transport, echoed.get(10, TimeUnit.SECONDS));
            socket.close();
        }
    }

    /** Handshake + CONNECT over raw polling, then silence: the client never answers pings. */
    private String rawConnect() throws Exception {
        String open = client.get("/socket.io/?EIO=4&transport=polling").body();
        String sid = MAPPER.readTree(open.substring(1)).get("sid").asText();
        assertEquals("ok", client.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "40").body());
        String connect = client.get("/socket.io/?EIO=4&transport=polling&sid=" + sid).body();
        assertTrue(connect.startsWith("40{\"sid\""), connect);
        return sid;
    }

    private io.socket.client.Socket connectedJavaClient(String[] transports) throws Exception {
        IO.Options options = options();
        if (transports != null) {
            options.transports = transports;
        }
        io.socket.client.Socket socket = IO.socket(URI.create(base), options);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.on(io.socket.client.Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.connect();
        connected.get(10, TimeUnit.SECONDS);
        return socket;
    }

    private static IO.Options options() {
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnection = false;
        return options;
    }
}
