package webtalk.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.socketio.websocket.BatchedWrites;

/**
 * WebTalk's Engine.IO 4 / Socket.IO 5 server, mounted at {@code /socket.io/} on the same Javalin
 * (Jetty 12) server as the pages and the REST API. Owns the sessions, the namespaces and the
 * heartbeat timer. See docs/decisions/0001-own-socketio-layer.md for why it exists.
 */
public final class SocketIoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketIoServer.class);
    private final SocketIoOptions options;
    private final PacketCodec codec = new PacketCodec(new ObjectMapper());
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private final Map<String, Integer> connectionsPerAddress = new ConcurrentHashMap<>();
    /** Sessions counted against maxConnections: reserved in {@link #open}, given back in {@link #forget}. */
    private final java.util.concurrent.atomic.AtomicInteger reserved = new java.util.concurrent.atomic.AtomicInteger();
    private final ScheduledThreadPoolExecutor timer;
    /**
     * How long an unhurried frame (presence) may wait for others bound to the same connection:
     * short for a person, long enough that a join storm's events to one member share writes.
     */
    public static final long UNHURRIED_MILLIS = 20;
    private final BatchedWrites unhurried;
    private final SecureRandom random = new SecureRandom();
    private final SocketIoStats stats = new SocketIoStats();
    /** Cluster mode only (sessionRouting set): sends requests for other nodes' sids to their owner. */
    private final SessionForwarder forwarder;
    private volatile boolean closed;
    private final String openPacketUpgradable;
    private final String openPacketWebSocket;

    public SocketIoServer(SocketIoOptions options) {
        this.options = options;
        this.openPacketUpgradable = openPacketRest(options, true);
        this.openPacketWebSocket = openPacketRest(options, false);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "socketio-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.unhurried = BatchedWrites.unhurried(timer, UNHURRIED_MILLIS);
        long sweep = heartbeatSweepMillis(options);
        timer.scheduleWithFixedDelay(this::checkHeartbeats, sweep, sweep, TimeUnit.MILLISECONDS);
        this.forwarder = options.sessionRouting() == null ? null : new SessionForwarder(options, stats);
        namespace("/");
    }

    /**
     * Registers the Engine.IO endpoint at /socket.io/: polling GET/POST as Javalin routes, the
     * WebSocket handshake as a Jetty handler in front of Javalin (which nests itself inside it).
     */
    public void mount(JavalinConfig config) {
        new PollingEndpoint(this).mount(config);
        config.jetty.modifyServer(server -> server.setHandler(new WebSocketEndpoint(this)));
    }

    /**
     * Runs {@code task} with this thread's writes batched: every frame it sends is queued, and each
     * connection is flushed once at the end (see {@link BatchedWrites}).
     */
    public static void batchWrites(Runnable task) {
        BatchedWrites.run(task);
    }

    public Namespace namespace(String name) {
        return namespaces.computeIfAbsent(name, n -> new Namespace(n, codec, stats, unhurried, this::closed));
    }

    public int connectionCount() {
        return sessions.size();
    }

    /**
     * Open sessions whose transport is WebSocket now (the rest poll). Walks the sessions, one
     * volatile read each: for a scrape every few seconds, never for the message path.
     */
    public int webSocketConnectionCount() {
        int count = 0;
        for (EngineSession session : sessions.values()) {
            if (session.onWebSocket()) {
                count++;
            }
        }
        return count;
    }

    public SocketIoStats stats() {
        return stats;
    }

    /**
     * Every session closed with its close packet (clients reconnect, to this server restarted or
     * to another node). From here on nothing else is sent to any client (see EngineSession.send).
     */
    @Override
    public void close() {
        closed = true;
        for (EngineSession session : sessions.values()) {
            session.close("server shutting down", true);
        }
        if (forwarder != null) {
            forwarder.closeRelays();
        }
        timer.shutdownNow();
    }

    // ---- used by the transports --------------------------------------------------------------

    void slowConsumerDropped() {
        stats.slowConsumerDropped();
    }

    SocketIoOptions options() {
        return options;
    }

    PacketCodec codec() {
        return codec;
    }

    boolean closed() {
        return closed;
    }

    EngineSession session(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    /** The forwarder to other nodes, or null on a single node. */
    SessionForwarder forwarder() {
        return forwarder;
    }

    /**
     * Counts a WebSocket relayed to another node against maxConnections and maxConnectionsPerAddress
     * (it holds a socket here as a session would); false when a limit is reached. Give it back with
     * {@link #releaseRelay}.
     */
    boolean reserveRelay(String remoteAddress) {
        return reserve(remoteAddress);
    }

    void releaseRelay(String remoteAddress) {
        release(remoteAddress);
    }

    /**
     * Why this address may not open one more connection now (maxConnections, then
     * maxConnectionsPerAddress), or null: an early answer that lets a WebSocket be refused with
     * an HTTP error, and the error for a refused {@link #open}, which alone decides.
     */
    EngineErrors refusal(String remoteAddress) {
        int global = options.maxConnections();
        if (global > 0 && reserved.get() >= global) {
            return EngineErrors.SERVER_FULL;
        }
        int limit = options.maxConnectionsPerAddress();
        return limit > 0 && connectionsPerAddress.getOrDefault(remoteAddress, 0) >= limit ? EngineErrors.TOO_MANY_CONNECTIONS : null;
    }

    /** A header's lines as one comma-separated value (a proxy may add its own line), or null if absent. */
    static String joined(java.util.List<String> lines) {
        return lines == null || lines.isEmpty() ? null : String.join(", ", lines);
    }

    /** The client address to count and report: the clientAddress option's answer, the peer's IP if it has none. */
    String clientAddress(String peer, java.util.function.Function<String, String> header) {
        String resolved = options.clientAddress().apply(peer, header);
        return resolved == null || resolved.isEmpty() ? peer : resolved;
    }

    /**
     * Creates a session and starts its heartbeat, or returns null when the server holds
     * maxConnections or the address maxConnectionsPerAddress: each check and its count are one
     * atomic step, so concurrent handshakes cannot overshoot a limit. The caller sends {@link #openPacket}.
     *
     * @param headers what the session keeps of the handshake's headers ({@link KeptHeaders})
     */
    EngineSession open(String remoteAddress, KeptHeaders headers) {
        if (!reserve(remoteAddress)) {
            return null;
        }
        EngineSession session = new EngineSession(this, newSid(), remoteAddress, headers, options.maxQueuedPackets());
        sessions.put(session.sid, session);
        LOG.debug("connection {} opened from {}", session.sid, remoteAddress);
        session.startHeartbeat(now());
        return session;
    }

    /**
     * The handshake's answer, e.g. {@code 0{"sid":"…","upgrades":["websocket"],"pingInterval":25000,…}}.
     * Only the sid differs between sessions, and it needs no escaping (URL-safe Base64, and a node
     * tag of A-Z a-z 0-9 _ -), so the rest is written once: a tree built and printed per handshake
     * was 1.6 % of a restart's reconnect storm (issue #16).
     */
    String openPacket(EngineSession session, boolean canUpgrade) {
        return "0{\"sid\":\"" + session.sid + (canUpgrade ? openPacketUpgradable : openPacketWebSocket);
    }

    /** What follows the sid in {@link #openPacket}: {@code canUpgrade} says whether polling may move to WebSocket. */
    private static String openPacketRest(SocketIoOptions options, boolean canUpgrade) {
        return "\",\"upgrades\":[" + (canUpgrade ? "\"websocket\"" : "") + "],\"pingInterval\":" + options.pingInterval().toMillis()
                + ",\"pingTimeout\":" + options.pingTimeout().toMillis() + ",\"maxPayload\":" + options.maxPayload() + "}";
    }

    private boolean reserve(String remoteAddress) {
        int global = options.maxConnections();
        if (reserved.getAndIncrement() >= global && global > 0) {
            reserved.decrementAndGet();
            return false;
        }
        int limit = options.maxConnectionsPerAddress();
        boolean[] admitted = {false};
        connectionsPerAddress.compute(remoteAddress, (address, n) -> {
            int open = n == null ? 0 : n;
            if (limit > 0 && open >= limit) {
                return n;
            }
            admitted[0] = true;
            return open + 1;
        });
        if (!admitted[0]) {
            reserved.decrementAndGet();
        }
        return admitted[0];
    }

    /**
     * How often the sessions' pings and connect timeouts are checked: a tenth of the shortest of
     * the three periods, between 10 ms and 1 s. One sweep over the sessions instead of a timer
     * task per connection (about 110 bytes each, held for the connection's life); a ping or a
     * connect timeout is at most one period late, 1 s of the default 25 s interval, which clients
     * allow for (they wait pingInterval + pingTimeout before giving up on the server). The pong's
     * deadline is its own task, exact, held only while a ping awaits its pong.
     */
    static long heartbeatSweepMillis(SocketIoOptions options) {
        long shortest = Math.min(options.pingInterval().toMillis(),
                Math.min(options.pingTimeout().toMillis(), options.connectTimeout().toMillis()));
        return Math.max(10, Math.min(1_000, shortest / 10));
    }

    /** The clock of the heartbeats: milliseconds that only go forward (not the wall clock). */
    static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private void checkHeartbeats() {
        long now = now();
        for (EngineSession session : sessions.values()) {
            try {
                session.checkHeartbeat(now);
            } catch (RuntimeException e) {
                // Never out of the loop: a task that throws is never run again, and every
                // connection's heartbeat with it.
                LOG.error("heartbeat of connection {} failed: {}", session.sid, e.toString());
            }
        }
    }

    /** Runs {@code task} on the heartbeat timer after {@code delayMillis}: a pong's deadline, a farewell. */
    ScheduledFuture<?> later(Runnable task, long delayMillis) {
        return timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Tasks waiting on the timer: the heartbeat sweep, farewells, unhurried flushes (for tests). */
    int scheduledTasks() {
        return timer.getQueue().size();
    }

    void forget(EngineSession session) {
        if (sessions.remove(session.sid, session)) {
            release(session.remoteAddress);
        }
    }

    private void release(String remoteAddress) {
        reserved.decrementAndGet();
        connectionsPerAddress.computeIfPresent(remoteAddress, (address, n) -> n > 1 ? n - 1 : null);
    }

    /** A client broke the protocol: it may be told why, then its connection is closed. One log line, no stack trace. */
    void protocolError(EngineSession session, String reason) {
        LOG.warn("closing Socket.IO connection {} from {}: {}", session.sid, session.remoteAddress, reason);
        Frame[] notice = {};
        if (options.malformedPacketEvent() != null) {
            Object[] args = {options.malformedPacketPayload()};
            notice = ClientSocket.frames(codec.event("/", options.malformedPacketEvent(), args), false);
        }
        // Sent with the close: on polling both reach the client's held or next GET together.
        session.close("parse error", true, notice);
    }

    /** Routes a complete Socket.IO packet to its namespace and socket. */
    void dispatch(EngineSession session, Packet packet) {
        switch (packet.type()) {
            case CONNECT -> connect(session, packet);
            case DISCONNECT -> {
                ClientSocket socket = session.sockets.remove(packet.namespace());
                if (socket != null) {
                    socket.closed("client namespace disconnect");
                }
            }
            default -> {
                ClientSocket socket = session.sockets.get(packet.namespace());
                if (socket != null) {
                    socket.dispatch(packet);
                }
            }
        }
    }

    private void connect(EngineSession session, Packet packet) {
        Namespace namespace = namespaces.get(packet.namespace());
        if (namespace == null) {
            session.send(Frame.text("4" + codec.connectError(packet.namespace(), "Invalid namespace", null)));
            return;
        }
        ClientSocket socket = new ClientSocket(randomId(), namespace, session, packet.data(), codec);
        if (!session.sockets.add(socket)) {
            protocolError(session, "second CONNECT to " + namespace.name());
            return;
        }
        try {
            namespace.connect(socket);
        } catch (ConnectRefusedException refused) {
            session.sockets.remove(socket);
            session.send(Frame.text("4" + codec.connectError(namespace.name(), refused.getMessage(), refused.data())));
            return;
        }
        session.connected();
        socket.connected(codec.connect(namespace.name(), socket.id()));
    }

    /** A session id: random, prefixed with this node's tag and a dot in cluster mode so any node can tell its owner. */
    private String newSid() {
        return forwarder == null ? randomId() : forwarder.nodeTag() + "." + randomId();
    }

    private String randomId() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
