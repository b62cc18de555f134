package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.socket.client.IO;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.Http;
import webtalk.support.RunsAlone;

/**
 * Cluster mode without sticky sessions: two real servers A and B whose {@link SessionRouting} is a
 * shared map of live nodes, a real nginx balancing round-robin between them ({@link RoundRobinNginx}:
 * A owns the sessions, every other request and every upgrade lands on B), and the real Java
 * Socket.IO client. B forwards polling and relays WebSocket to A; once A is stopped B answers
 * "Session ID unknown" at once and the client starts over on B.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunsAlone
class SessionForwardingIT {

    private static final Duration PING_INTERVAL = Duration.ofMillis(1000);
    /** Long enough that a client that learnt of its owner's death by the heartbeat, not the relay, is told apart. */
    private static final Duration PING_TIMEOUT = Duration.ofMillis(5000);
    private static final int ROUND_TRIPS = 25;

    /** The cluster's membership, as a real (in-memory) registry: node tag → base URL; a stopped node leaves it or not, per test. */
    private final Map<String, URI> live = new ConcurrentHashMap<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Node a;
    private Node b;

    /** One node: its Socket.IO server on its own Javalin, on a random loopback port. */
    private record Node(SocketIoServer sockets, Javalin http, String url) implements AutoCloseable {
        /** Stops the HTTP side first, as a crash would: its clients are not told goodbye. */
        void kill() {
            http.stop();
            sockets.close();
        }

        @Override
        public void close() {
            sockets.close();
            http.stop();
        }
    }

    private record MapRouting(String nodeTag, Map<String, URI> live) implements SessionRouting {
        @Override
        public Optional<URI> ownerUrl(String tag) {
            return Optional.ofNullable(live.get(tag));
        }
    }

    private Node node(String tag, int maxForwarded, int maxConnectionsPerAddress) {
        return node(tag, maxForwarded, maxConnectionsPerAddress, PING_INTERVAL);
    }

    private Node node(String tag, int maxForwarded, int maxConnectionsPerAddress, Duration pingInterval) {
        SocketIoServer sockets = new SocketIoServer(SocketIoOptions.defaults()
                .withPingInterval(pingInterval).withPingTimeout(PING_TIMEOUT)
                .withMaxConnectionsPerAddress(maxConnectionsPerAddress)
                .withSessionRouting(new MapRouting(tag, live)).withMaxForwarded(maxForwarded));
        sockets.namespace("/").onConnect(socket -> {
            socket.emit("node", tag);
            socket.on("ack", (s, args, ack) -> ack.send(args.get(0)));
            socket.on("echo", (s, args, ack) -> s.emit("echo", args.get(0)));
        });
        Javalin http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            sockets.mount(config);
        }).start(0);
        Node node = new Node(sockets, http, "http://127.0.0.1:" + http.port());
        live.put(tag, URI.create(node.url()));
        toClose.add(node);
        return node;
    }

    @AfterEach
    void stop() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception ignored) {
                // stopped already (the owner-gone test stops A itself)
            }
        }
    }

    @Test
    void aPollingClientChatsThroughBothNodesUpgradesThroughTheOtherAndStartsOverWhenTheOwnerDies() throws Exception {
        a = node("a", 64, 0);
        // Every request comes from nginx (127.0.0.1): one connection per address shows the relay counts as one.
        b = node("b", 64, 1);
        RoundRobinNginx nginx = RoundRobinNginx.start(a.http().port(), b.http().port());
        toClose.add(nginx);

        // 1. Polling only: every other request reaches B, which forwards it to A.
        Client polling = Client.connect(nginx.url(), new String[] {"polling"}, true);
        toClose.add(polling::close);
        assertEquals("a", polling.nodes.poll(10, TimeUnit.SECONDS), "the handshake made A the owner");
        polling.roundTrips(ROUND_TRIPS);
        assertEquals(1, a.sockets().connectionCount());
        assertEquals(0, b.sockets().connectionCount(), "B holds no session: it forwards");
        long forwarded = b.sockets().stats().forwardedRequests();
        assertTrue(forwarded >= ROUND_TRIPS, "B forwarded " + forwarded + " requests for " + ROUND_TRIPS + " round trips");
        assertEquals(0, a.sockets().stats().forwardedRequests(), "A owns the session and forwards nothing");

        // 2. Polling then WebSocket: the upgrade reaches B, which relays it to A.
        Client upgrading = Client.connect(nginx.url(), new String[] {"polling", "websocket"}, false);
        toClose.add(upgrading::close);
        assertEquals("a", upgrading.nodes.poll(10, TimeUnit.SECONDS));
        await(() -> a.sockets().webSocketConnectionCount() == 1, "A's session is on WebSocket");
        assertEquals(1, b.sockets().stats().relaysOpen(), "through B's relay");
        assertEquals(EngineErrors.TOO_MANY_CONNECTIONS, b.sockets().refusal("127.0.0.1"), "the relay holds B's one connection for the address");
        upgrading.roundTrips(ROUND_TRIPS);
        assertEquals(1, a.sockets().webSocketConnectionCount(), "the round trips went over the relayed WebSocket");
        upgrading.close();
        await(() -> b.sockets().stats().relaysOpen() == 0 && a.sockets().connectionCount() == 1,
                "closing the client closed the relay and A's session");
        assertEquals(null, b.sockets().refusal("127.0.0.1"), "and gave its connection back");
        System.out.println("B: " + b.sockets().stats().forwardedRequests() + " polling requests forwarded, "
                + b.sockets().stats().relaysOpened() + " WebSocket relayed, for " + 2 * ROUND_TRIPS + " round trips");

        // 3. A dies (membership not updated yet: B finds out by the refused connection) while a
        // client is on a relayed WebSocket: B closes the client's side.
        Client relayed = Client.connect(nginx.url(), new String[] {"polling", "websocket"}, false);
        toClose.add(relayed::close);
        assertEquals("a", relayed.nodes.poll(10, TimeUnit.SECONDS));
        await(() -> b.sockets().stats().relaysOpen() == 1 && a.sockets().webSocketConnectionCount() == 1, "a second client upgraded");
        String rawSid = new Http(a.url()).openEngineSession();
        a.kill();
        long killed = System.nanoTime();
        await(() -> b.sockets().stats().relaysOpen() == 0, "the relay is closed");
        System.out.println("B closed the relay " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed) + " ms after A stopped");
        // The relay ends the client's TCP connection with no close frame: the Java client (engine.io-client
        // 2.1 has no onClosing, so it ignores a close frame until its heartbeat, pingInterval + pingTimeout,
        // runs out) finds out at once, as a browser does.
        assertNotNull(relayed.disconnects.poll(10, TimeUnit.SECONDS), "the relayed client learns its owner is gone");
        long toldMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        System.out.println("relayed WebSocket client disconnected " + toldMs + " ms after A stopped");
        assertTrue(toldMs < PING_TIMEOUT.toMillis() - 2000, "told by the relay, not by its heartbeat: " + toldMs + " ms");
        // The relay's connection is given back too: B admits one per address, and the polling client below reconnects to B.
        long start = System.nanoTime();
        Http.Answer answer = new Http(b.url()).get("/socket.io/?EIO=4&transport=polling&sid=" + rawSid);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(400, answer.status(), answer.body());
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", answer.body());
        assertTrue(millis < 1000, "the dead owner is reported in " + millis + " ms");
        System.out.println("owner gone: 400 Session ID unknown from B in " + millis + " ms");
        live.remove("a");
        assertEquals(400, new Http(b.url()).get("/socket.io/?EIO=4&transport=polling&sid=" + rawSid).status(),
                "and so once the membership forgot A");

        // ... and the polling client starts over on B, and chats there.
        assertEquals("b", polling.nodes.poll(20, TimeUnit.SECONDS), "the client reconnected to the live node");
        System.out.println("client reconnected to B " + TimeUnit.NANOSECONDS.toMillis(polling.greetedAt - killed) + " ms after A stopped");
        polling.roundTrips(5);
        assertEquals(1, b.sockets().connectionCount());
    }

    @Test
    void theOwnerAnswersAForwardedRequestAsItsOwnAndForwardingIsGuardedAndBounded() throws Exception {
        // A pings only every 5 s: a GET it holds stays held while B's limit is probed.
        a = node("a", 64, 0, Duration.ofSeconds(5));
        b = node("b", 1, 0);
        Http viaA = new Http(a.url());
        Http viaB = new Http(b.url());
        String sid = viaA.openEngineSession();
        assertTrue(sid.matches("a\\.[A-Za-z0-9_-]{20}"), "a URL-safe sid naming its node: " + sid);

        assertEquals("ok", viaB.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "40").body());
        Http.Answer connected = viaB.get("/socket.io/?EIO=4&transport=polling&sid=" + sid);
        assertEquals(200, connected.status());
        assertTrue(connected.body().startsWith("40{\"sid\":"), connected.body());
        assertTrue(connected.header("Content-Type").startsWith("text/plain"), connected.header("Content-Type"));
        assertEquals("ok", viaB.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "421[\"ack\",7]").body());
        String acked = viaB.get("/socket.io/?EIO=4&transport=polling&sid=" + sid).body();
        assertTrue(acked.contains("431[7]"), "the ack, through B: " + acked);

        // Loop guard: a request marked forwarded is answered by whoever gets it, never sent on.
        Http.Answer guarded = viaB.get("/socket.io/?EIO=4&transport=polling&sid=" + sid, SessionForwarder.FORWARDED_HEADER, "x");
        assertEquals(400, guarded.status());
        assertEquals(1, guarded.json().get("code").asInt());

        // An upgrade for a sid A does not hold: A refuses B's WebSocket, B refuses the client's the spec's way.
        java.util.concurrent.ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create(b.url().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket&sid=a.nobody"),
                                new java.net.http.WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        assertEquals(400, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        assertEquals(0, b.sockets().stats().relaysOpen());

        // Bounded: B may have 1 forwarded request in flight; a held long-poll takes it (a session
        // that joined no namespace: nothing is queued for it before A's first ping).
        String quiet = viaA.openEngineSession();
        HttpClient raw = HttpClient.newHttpClient();
        long forwardedBefore = b.sockets().stats().forwardedRequests();
        CompletableFuture<HttpResponse<String>> held = raw.sendAsync(HttpRequest.newBuilder(
                URI.create(b.url() + "/socket.io/?EIO=4&transport=polling&sid=" + quiet)).build(), HttpResponse.BodyHandlers.ofString());
        await(() -> b.sockets().stats().forwardedRequests() == forwardedBefore + 1, "the held GET is forwarded");
        long refusedBefore = b.sockets().stats().forwardsRefused();
        // A sid of A's that A does not hold: it would be answered 400 by A, were it forwarded.
        Http.Answer second = viaB.get("/socket.io/?EIO=4&transport=polling&sid=a.nobody");
        assertEquals(503, second.status(), second.body());
        assertFalse(held.isDone(), () -> "the GET is still held by A (no ping yet), not answered " + held.join().body());
        assertEquals(refusedBefore + 1, b.sockets().stats().forwardsRefused());
        // The held GET ends with the owner's ping (pingInterval), as if the client polled A.
        assertEquals("2", held.get(10, TimeUnit.SECONDS).body());
        Http.Answer after = viaB.get("/socket.io/?EIO=4&transport=polling&sid=a.nobody");
        assertEquals(400, after.status(), "the place is given back: forwarded again, A says it does not know the sid");
        assertEquals(forwardedBefore + 2, b.sockets().stats().forwardedRequests());
    }

    @Test
    void aSingleNodeMakesUntaggedSids() {
        SocketIoServer sockets = new SocketIoServer(SocketIoOptions.defaults());
        Javalin http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            sockets.mount(config);
        }).start(0);
        toClose.add(() -> {
            http.stop();
            sockets.close();
        });
        String sid = new Http("http://127.0.0.1:" + http.port()).openEngineSession();
        assertTrue(sid.matches("[A-Za-z0-9_-]{20}"), sid);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The real Java Socket.IO client: which node greeted it, and ack/event round trips. */
    private static final class Client {
        final BlockingQueue<String> nodes = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> echoes = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> disconnects = new LinkedBlockingQueue<>();
        /** When the last "node" greeting arrived (System.nanoTime). */
        volatile long greetedAt;
        final io.socket.client.Socket socket;

        private Client(io.socket.client.Socket socket) {
            this.socket = socket;
        }

        static Client connect(String url, String[] transports, boolean reconnect) {
            IO.Options options = new IO.Options();
            options.forceNew = true;
            options.transports = transports;
            options.reconnection = reconnect;
            options.reconnectionDelay = 100;
            options.reconnectionDelayMax = 500;
            options.timeout = 5000;
            Client client = new Client(IO.socket(URI.create(url), options));
            client.socket.on("node", args -> {
                client.greetedAt = System.nanoTime();
                client.nodes.add((String) args[0]);
            });
            client.socket.on("echo", args -> client.echoes.add(args[0]));
            client.socket.on(io.socket.client.Socket.EVENT_DISCONNECT, args -> client.disconnects.add(args.length > 0 ? args[0] : "?"));
            client.socket.connect();
            return client;
        }

        /** Each: an ack with its number back, and an event the server answers with an event. */
        void roundTrips(int count) throws Exception {
            for (int i = 1; i <= count; i++) {
                CompletableFuture<Object> ack = new CompletableFuture<>();
                socket.emit("ack", new Object[] {i}, args -> ack.complete(args[0]));
                assertEquals(i, ack.get(10, TimeUnit.SECONDS), "ack " + i);
                socket.emit("echo", "eco " + i);
                assertEquals("eco " + i, echoes.poll(10, TimeUnit.SECONDS), "echo " + i);
            }
        }

        void close() {
            socket.close();
        }
    }
}
