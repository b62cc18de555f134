package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.Http;
import webtalk.support.RawWebSocket;
import webtalk.support.RunsAlone;

/**
 * What a hostile client may try against the Engine.IO / Socket.IO layer on its own (a bare
 * Javalin, raw HTTP and raw WebSocket): endless binary attachments, many short connections,
 * racing handshakes, overlapping polls, malformed packets, a forged client address, cross-origin
 * polling.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunsAlone
class SocketIoDefencesIT {

    private static final String POLLING = "/socket.io/?EIO=4&transport=polling";
    private static final String NOTICE = "42[\"erro\",{\"codigo\":\"pacote_invalido\"}]";

    private SocketIoServer sockets;
    private Javalin http;
    private Http client;
    private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> addresses = new LinkedBlockingQueue<>();
    private final List<RawWebSocket> openWebSockets = java.util.Collections.synchronizedList(new ArrayList<>());

    private void start(UnaryOperator<SocketIoOptions> customize) {
        sockets = new SocketIoServer(customize.apply(SocketIoOptions.defaults()
                .withOriginAllowed((origin, host) -> origin == null || origin.equals("https://amigo.example"))
                .withMalformedPacketNotice("erro", java.util.Map.of("codigo", "pacote_invalido"))));
        sockets.namespace("/").onConnect(socket -> {
            addresses.add(socket.remoteAddress());
            socket.on("echo", (s, args, ack) -> s.emit("echo", args.isEmpty() ? null : args.get(0)));
            socket.onDisconnect((s, reason) -> disconnects.add(reason));
        });
        http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            sockets.mount(config);
        }).start(0);
        client = new Http("http://127.0.0.1:" + http.port());
    }

    @AfterEach
    void stop() {
        openWebSockets.forEach(RawWebSocket::close);
        if (sockets != null) {
            sockets.close();
            http.stop();
        }
    }

    // ---- 1. binary attachments -----------------------------------------------------------------

    @Test
    void aPacketAnnouncingMoreAttachmentsThanAllowedIsRefusedAtOnce() throws Exception {
        start(o -> o);
        try (RawWebSocket ws = connectedWebSocket()) {
            ws.write(RawWebSocket.text("45999999-[\"echo\",{\"_placeholder\":true,\"num\":0}]"));
            assertRefused(ws);
        }
        try (RawWebSocket ws = connectedWebSocket()) {
            ws.write(RawWebSocket.text("4511-[\"echo\",{\"_placeholder\":true,\"num\":0}]"));
            assertRefused(ws);
        }
        assertEquals("parse error", poll(disconnects));
        try (RawWebSocket ws = connectedWebSocket()) {
            // ten, the default limit, is fine
            StringBuilder placeholders = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                placeholders.append(",{\"_placeholder\":true,\"num\":").append(i).append('}');
            }
            ws.write(RawWebSocket.text("4510-[\"echo\",[" + placeholders.substring(1) + "]]"));
            for (int i = 0; i < 10; i++) {
                ws.write(RawWebSocket.frame(0x82, new byte[]{(byte) i}, true));
            }
            assertTrue(ws.readTextStartingWith("4510-[\"echo\"").startsWith("4510-"));
        }
    }

    @Test
    void attachmentsOfOnePacketMayNotAddUpToMoreThanMaxPayload() {
        start(o -> o.withMaxPayload(100_000));
        try (RawWebSocket ws = connectedWebSocket()) {
            ws.write(RawWebSocket.text("452-[\"echo\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"));
            ws.write(RawWebSocket.frame(0x82, new byte[60_000], true));
            ws.write(RawWebSocket.frame(0x82, new byte[60_000], true));
            assertRefused(ws);
        }
        // over polling, where the attachments may come in separate POSTs
        String sid = pollingConnect();
        String chunk = "b" + Base64.getEncoder().encodeToString(new byte[60_000]);
        assertEquals("ok", client.post(POLLING + "&sid=" + sid,
                "452-[\"echo\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]\u001e" + chunk).body());
        assertEquals("ok", client.post(POLLING + "&sid=" + sid, chunk).body());
        assertEquals(NOTICE + "\u001e1", client.get(POLLING + "&sid=" + sid).body());
    }

    // ---- 2. closed sessions are freed --------------------------------------------------------

    @Test
    void manyShortConnectionsLeaveNoTimerTaskBehind() throws Exception {
        start(o -> o);
        int baseline = sockets.scheduledTasks();
        for (int i = 0; i < 100; i++) {
            try (RawWebSocket ws = RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket")) {
                ws.read();  // open packet; the client never joins a namespace, then leaves
            }
            String sid = handshake();
            client.post(POLLING + "&sid=" + sid, "1");  // a polling client that says goodbye
        }
        // Before: every session's 45 s connect timeout kept it (and its session) on the timer.
        await(() -> sockets.connectionCount() == 0 && sockets.scheduledTasks() <= baseline);
        assertEquals(baseline, sockets.scheduledTasks());
    }

    @Test
    void aJoinedConnectionHoldsNoTimerTaskAndOnlyTheHeadersAListenerMayAsk() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        start(o -> o);
        sockets.namespace("/idle").onConnect(socket -> seen.add(socket.header("user-agent") + "|" + socket.header("X-Padding")
                + "|" + socket.header("Sec-WebSocket-Key")));
        int baseline = sockets.scheduledTasks();
        int clients = 20;
        for (int i = 0; i < clients; i++) {
            RawWebSocket ws = RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket",
                    "User-Agent: idle-client/" + i, "X-Padding: " + "x".repeat(2000));
            openWebSockets.add(ws);
            assertTrue(ws.read().text().startsWith("0{"));
            ws.write(RawWebSocket.text("40/idle,"));
            ws.readTextStartingWith("40/idle,");
            // Kept: what a listener asks for, in any case; dropped: every other header of the handshake.
            assertEquals("idle-client/" + i + "|null|null", seen.poll(5, TimeUnit.SECONDS));
        }
        // Before: each held its heartbeat's task on the timer (and, earlier still, its 45 s
        // connect timeout too); now one sweep checks them all.
        assertEquals(baseline, sockets.scheduledTasks());
        assertEquals(clients, sockets.connectionCount());
    }

    @Test
    void aSessionKeepsOnlyTheHeadersTheOptionsName() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        start(o -> o.withKeptHeaders(Set.of("User-Agent")));
        sockets.namespace("/idle").onConnect(socket -> seen.add(socket.header("user-agent") + "|" + socket.header("Host")));
        RawWebSocket ws = RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket", "User-Agent: named-client");
        openWebSockets.add(ws);
        ws.read();
        ws.write(RawWebSocket.text("40/idle,"));
        ws.readTextStartingWith("40/idle,");
        assertEquals("named-client|null", seen.poll(5, TimeUnit.SECONDS));

        // None named (as WebTalk's chat runs it): a listener asking gets null, on polling too.
        stop();
        openWebSockets.clear();
        start(o -> o.withKeptHeaders(Set.of()));
        sockets.namespace("/idle").onConnect(socket -> seen.add(socket.header("user-agent") + "|" + socket.header("Host")));
        String sid = handshake();
        client.post(POLLING + "&sid=" + sid, "40/idle,");
        assertEquals("null|null", seen.poll(5, TimeUnit.SECONDS));
    }

    // ---- 3. the per-address cap under concurrency --------------------------------------------

    @Test
    void concurrentHandshakesAdmitExactlyTheLimit() throws Exception {
        start(o -> o.withMaxConnectionsPerAddress(20));
        assertEquals(20, admittedOf(80, i -> null));
        assertEquals(20, sockets.connectionCount());
    }

    @Test
    void concurrentHandshakesFromManyAddressesAdmitExactlyTheServerLimit() throws Exception {
        start(o -> o.withMaxConnections(30).withMaxConnectionsPerAddress(20)
                .withClientAddress((peer, header) -> header.apply("X-Test-Client")));
        assertEquals(30, admittedOf(80, i -> "10.0.0." + (i / 2) % 4));
        assertEquals(30, sockets.connectionCount());
        Http.Answer full = client.get(POLLING, "X-Test-Client", "10.0.0.99");
        assertEquals(503, full.status());
        assertEquals("{\"code\":4,\"message\":\"Server full\"}", full.body());
        try (RawWebSocket ws = RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket", "X-Test-Client: 10.0.0.99")) {
            assertEquals(503, ws.status);
        }
    }

    /**
     * Starts {@code attempts} handshakes at once, half polling, half WebSocket, the i-th from the
     * address {@code addressOf(i)} (none: the peer's); returns how many were admitted. The
     * WebSockets stay open until the test ends.
     */
    private int admittedOf(int attempts, java.util.function.IntFunction<String> addressOf) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> admitted = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                boolean webSocket = i % 2 == 0;
                String address = addressOf.apply(i);
                admitted.add(pool.submit(() -> {
                    go.await();
                    if (!webSocket) {
                        return (address == null ? client.get(POLLING) : client.get(POLLING, "X-Test-Client", address)).status() == 200;
                    }
                    RawWebSocket ws = address == null
                            ? RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket")
                            : RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket", "X-Test-Client: " + address);
                    openWebSockets.add(ws);
                    // admitted: the open packet; refused: an HTTP error, or a close frame after the upgrade
                    return ws.status == 101 && ws.read().opcode() == 1;
                }));
            }
            go.countDown();
            int count = 0;
            for (Future<Boolean> result : admitted) {
                count += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            return count;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- 4. Engine.IO polling details --------------------------------------------------------

    @Test
    void aSecondConcurrentGetAnswersTheHeldOneWithTheClosePacket() throws Exception {
        start(o -> o);
        String sid = pollingConnect();
        CompletableFuture<Http.Answer> first = CompletableFuture.supplyAsync(() -> client.get(POLLING + "&sid=" + sid));
        CompletableFuture<Http.Answer> second = CompletableFuture.supplyAsync(() -> client.get(POLLING + "&sid=" + sid + "&t=burst"));
        // whichever arrived first was held; the other overlaps it
        Set<String> answers = Set.of(summary(first.get(10, TimeUnit.SECONDS)), summary(second.get(10, TimeUnit.SECONDS)));
        assertEquals(Set.of("200 1", "400 {\"code\":3,\"message\":\"Bad request\"}"), answers);
        assertEquals("transport error", poll(disconnects));
        assertEquals(400, client.get(POLLING + "&sid=" + sid).status(), "the session is gone");
    }

    @Test
    void afterAMalformedPacketOverPollingTheNextGetGetsTheNoticeThenTheClosePacket() {
        start(o -> o);
        String sid = pollingConnect();
        assertEquals("ok", client.post(POLLING + "&sid=" + sid, "4{not a packet").body());
        assertEquals(NOTICE + "\u001e1", client.get(POLLING + "&sid=" + sid).body());
        assertEquals(400, client.get(POLLING + "&sid=" + sid).status(), "then the sid is forgotten");
    }

    @Test
    void aHeldGetGetsTheNoticeAndTheClosePacketTogether() throws Exception {
        start(o -> o);
        String sid = pollingConnect();
        CompletableFuture<Http.Answer> held = CompletableFuture.supplyAsync(() -> client.get(POLLING + "&sid=" + sid));
        client.post(POLLING + "&sid=" + sid, "4{not a packet");
        // held, or sent just after the POST: either way it learns why, then that the session is closed
        assertEquals(NOTICE + "\u001e1", held.get(10, TimeUnit.SECONDS).body());
        assertEquals(400, client.get(POLLING + "&sid=" + sid).status());
    }

    @Test
    void overWebSocketTheNoticeAndTheClosePacketStillArrive() {
        start(o -> o);
        try (RawWebSocket ws = connectedWebSocket()) {
            ws.write(RawWebSocket.text("4{not a packet"));
            assertRefused(ws);
        }
    }

    // ---- 5. the client address hook ----------------------------------------------------------

    @Test
    void theClientAddressHookDecidesTheAddressCountedAndReported() throws Exception {
        start(o -> o.withMaxConnectionsPerAddress(1).withClientAddress((peer, header) -> {
            String forwarded = header.apply("x-test-client");
            return forwarded == null ? peer : "resolved:" + forwarded;
        }));
        String sid = pollingConnect("X-TEST-CLIENT", "10.0.0.1");
        assertEquals("resolved:10.0.0.1", poll(addresses));
        assertEquals(429, client.get(POLLING, "X-Test-Client", "10.0.0.1").status(), "one connection for that address");
        assertEquals(200, client.get(POLLING, "X-Test-Client", "10.0.0.2").status(), "another address has its own count");
        assertEquals(200, client.get(POLLING).status(), "the peer itself, unresolved");
        try (RawWebSocket refused = RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket", "X-Test-Client: 10.0.0.1");
             RawWebSocket ws = RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket", "x-test-client: 10.0.0.3")) {
            assertEquals(429, refused.status);
            ws.read();
            ws.write(RawWebSocket.text("40"));
            ws.readTextStartingWith("40");
            assertEquals("resolved:10.0.0.3", poll(addresses));
        }
        client.post(POLLING + "&sid=" + sid, "1");
    }

    // ---- 6. CORS ------------------------------------------------------------------------------

    @Test
    void anAllowedOriginMayPollCrossOriginAndNoOtherMay() {
        start(o -> o);
        String amigo = "https://amigo.example";
        Http.Answer preflight = client.send("OPTIONS", POLLING, null, "Origin", amigo,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type, x-custom");
        assertEquals(204, preflight.status());
        assertEquals(amigo, preflight.header("Access-Control-Allow-Origin"));
        assertEquals("true", preflight.header("Access-Control-Allow-Credentials"));
        assertEquals("GET, POST", preflight.header("Access-Control-Allow-Methods"));
        assertEquals("content-type, x-custom", preflight.header("Access-Control-Allow-Headers"));
        assertTrue(Integer.parseInt(preflight.header("Access-Control-Max-Age")) > 0);
        assertEquals("Origin", preflight.header("Vary"));

        Http.Answer open = client.get(POLLING, "Origin", amigo);
        assertEquals(200, open.status());
        assertEquals(amigo, open.header("Access-Control-Allow-Origin"));
        assertEquals("true", open.header("Access-Control-Allow-Credentials"));
        assertEquals("Origin", open.header("Vary"));
        String sid = Http.sidOf(open.body());
        Http.Answer post = client.post(POLLING + "&sid=" + sid, "40", "Origin", amigo);
        assertEquals(amigo, post.header("Access-Control-Allow-Origin"));
        assertEquals(amigo, client.get(POLLING + "&sid=" + sid, "Origin", amigo).header("Access-Control-Allow-Origin"));

        String evil = "https://evil.example";
        Http.Answer refusedPreflight = client.send("OPTIONS", POLLING, null, "Origin", evil, "Access-Control-Request-Method", "GET");
        assertEquals(403, refusedPreflight.status());
        assertNull(refusedPreflight.header("Access-Control-Allow-Origin"));
        Http.Answer refused = client.get(POLLING, "Origin", evil);
        assertEquals(403, refused.status());
        assertNull(refused.header("Access-Control-Allow-Origin"));
        assertNull(refused.header("Access-Control-Allow-Credentials"));
        assertNull(client.get(POLLING).header("Access-Control-Allow-Origin"), "no Origin, no CORS");
        Http.Answer oddHeaders = client.send("OPTIONS", POLLING, null, "Origin", amigo,
                "Access-Control-Request-Headers", "x-a;evil=1");
        assertNull(oddHeaders.header("Access-Control-Allow-Headers"), "only header names are echoed");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String summary(Http.Answer answer) {
        return answer.status() + " " + answer.body();
    }

    /** The notice, the close packet, then the end of the connection. */
    private static void assertRefused(RawWebSocket ws) {
        assertEquals(NOTICE, ws.readTextStartingWith("42"));
        assertEquals("1", ws.readTextStartingWith("1"));
        assertTrue(ws.endsConnection());
    }

    private RawWebSocket connectedWebSocket() {
        RawWebSocket ws = RawWebSocket.open(http.port(), "/socket.io/?EIO=4&transport=websocket");
        assertEquals(101, ws.status);
        assertTrue(ws.read().text().startsWith("0{"));
        ws.write(RawWebSocket.text("40"));
        ws.readTextStartingWith("40");
        return ws;
    }

    private String handshake(String... headers) {
        Http.Answer open = client.get(POLLING, headers);
        assertEquals(200, open.status(), open.body());
        return Http.sidOf(open.body());
    }

    /** Handshake and CONNECT over raw polling. */
    private String pollingConnect(String... headers) {
        String sid = handshake(headers);
        assertEquals("ok", client.post(POLLING + "&sid=" + sid, "40").body());
        String connect = client.get(POLLING + "&sid=" + sid).body();
        assertTrue(connect.startsWith("40{\"sid\""), connect);
        return sid;
    }

    private static String poll(BlockingQueue<String> queue) throws InterruptedException {
        String value = queue.poll(10, TimeUnit.SECONDS);
        assertTrue(value != null, "nothing arrived in time");
        return value;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(50);
        }
    }
}
