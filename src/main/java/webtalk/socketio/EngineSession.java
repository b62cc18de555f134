package webtalk.socketio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import webtalk.socketio.websocket.BatchedWrites;
import webtalk.socketio.websocket.CloseCodes;
import webtalk.socketio.websocket.WebSocketConnection;

/**
 * One Engine.IO connection (docs/engine.io-protocol/v4-current.md): its transport (HTTP
 * long-polling, or WebSocket after an upgrade or from the start), its bounded outbound queue, the
 * heartbeat, and the Socket.IO sockets multiplexed on it. All state changes happen under the
 * session's monitor. On WebSocket, frames go straight to the {@link WebSocketConnection}, which
 * writes without blocking (a slow client never blocks the thread that broadcasts to it) and bounds
 * what waits; on polling they wait in this session's bounded queue for the next GET.
 */
final class EngineSession {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngineSession.class);
    static final char SEPARATOR = '\u001e';
    private static final Frame[] NO_FRAMES = {};
    /** How long a polling session closed with no GET pending waits for the GET that learns it. */
    static final long FAREWELL_MS = 2_000;

    final String sid;
    final String remoteAddress;
    final Map<String, String> headers;
    final Map<String, ClientSocket> sockets = new ConcurrentHashMap<>(2);

    private final SocketIoServer server;
    private final ArrayDeque<Frame> queue = new ArrayDeque<>(4);
    private final int maxQueued;
    private WebSocketConnection webSocket;
    /** Whether {@link #webSocket} is set: read without the monitor, for the transport counts. */
    private volatile boolean onWebSocket;
    private WebSocketConnection upgradingSocket;
    /** The upgrading WebSocket answered the probe; polling is winding down. */
    private boolean probed;
    private CompletableFuture<String> pendingPoll;
    private boolean postInProgress;
    private boolean closed;
    private ScheduledFuture<?> heartbeat;
    /** Closes a connection that joins no namespace in time; cancelled on close, so a closed session is not kept. */
    private ScheduledFuture<?> connectTimeout;
    private boolean awaitingPong;
    private ScheduledExecutorService timer;
    private long pingIntervalMs;
    private long pingTimeoutMs;
    /** Closed by the client's close packet: the sid answers one more GET with a noop. */
    private boolean lingering;
    /**
     * Closed on polling with no GET pending: what the client's next GET gets (a noop, or the last
     * packets and the close packet) before the sid is forgotten; null once answered.
     */
    private String farewell;
    /** Set once a namespace is joined: a connection that never joins one is closed after connectTimeout. */
    volatile boolean everConnected;

    /** The thread reading {@link #webSocket} while it dispatches a packet, or null. */
    private volatile Thread webSocketReader;

    /** Binary attachments still expected for {@link #pendingBinary}. */
    private Packet pendingBinary;
    private final List<byte[]> receivedAttachments = new ArrayList<>();
    /** Bytes of {@link #receivedAttachments}: together they may not exceed maxPayload. */
    private long receivedAttachmentBytes;

    EngineSession(SocketIoServer server, String sid, String remoteAddress, Map<String, String> headers, int maxQueued) {
        this.server = server;
        this.sid = sid;
        this.remoteAddress = remoteAddress;
        this.headers = headers;
        this.maxQueued = maxQueued;
    }

    // ---- outbound ----------------------------------------------------------------------------

    /**
     * Sends frames that must stay together (a binary packet and its attachments): written to the
     * WebSocket, or queued for the next polling GET. A client that lets too many wait is closed.
     */
    void send(Frame... frames) {
        send(BatchedWrites.current(), frames);
    }

    /** {@link #send(Frame...)} inside the caller's batch of writes (null for none). */
    void send(BatchedWrites batch, Frame... frames) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (webSocket != null) {
                for (Frame frame : frames) {
                    if (!webSocket.send(frame.webSocketFrame(), batch)) {
                        overflow = true;
                        break;
                    }
                }
            } else {
                overflow = queue.size() + frames.length > maxQueued;
                if (!overflow) {
                    for (Frame frame : frames) {
                        queue.addLast(frame);
                    }
                    answerPoll();
                }
            }
        }
        if (overflow) {
            server.slowConsumerDropped();
            close("slow consumer", false);
        }
    }

    /** Called with the monitor held: answers the held polling GET with everything queued. */
    private void answerPoll() {
        if (pendingPoll != null && !queue.isEmpty()) {
            CompletableFuture<String> poll = pendingPoll;
            pendingPoll = null;
            poll.complete(drainPayload());
        }
    }

    /** The HTTP long-polling payload: every queued packet, separated by the record separator. */
    private String drainPayload() {
        StringBuilder payload = new StringBuilder();
        while (!queue.isEmpty()) {
            Frame frame = queue.pollFirst();
            if (payload.length() > 0) {
                payload.append(SEPARATOR);
            }
            if (frame.isText()) {
                payload.append(frame.text());
            } else {
                payload.append('b').append(Base64.getEncoder().encodeToString(frame.binary()));
            }
        }
        return payload.toString();
    }

    // ---- polling transport -------------------------------------------------------------------

    /**
     * A polling GET: answered at once when packets wait, otherwise held until one is queued.
     * Returns null if the request is not allowed now (a GET already pending, or upgraded).
     */
    synchronized CompletableFuture<String> poll() {
        if (closed) {
            // Closed while no GET was pending: this GET gets what the client must still learn (a
            // noop after its own close packet, engine.io's "shouldClose"; else the last packets
            // and the close packet), once, then the sid is gone.
            String last = farewell == null ? "1" : farewell;
            farewell = null;
            server.forget(this);
            return CompletableFuture.completedFuture(last);
        }
        if (webSocket != null || pendingPoll != null) {
            return null;
        }
        if (!queue.isEmpty()) {
            return CompletableFuture.completedFuture(drainPayload());
        }
        if (probed) {
            // The client is pausing polling to finish the upgrade: release this GET at once
            // (engine.io does the same with a noop every 100 ms while upgrading).
            return CompletableFuture.completedFuture("6");
        }
        pendingPoll = new CompletableFuture<>();
        return pendingPoll;
    }

    /** Marks a POST as in progress; false if another one already is (the spec closes the session then). */
    synchronized boolean beginPost() {
        if (postInProgress || webSocket != null) {
            return false;
        }
        postInProgress = true;
        return true;
    }

    synchronized void endPost() {
        postInProgress = false;
    }

    synchronized boolean polling() {
        return webSocket == null;
    }

    // ---- websocket transport -----------------------------------------------------------------

    /** A connection that starts on WebSocket (no polling, no upgrade). */
    synchronized void attachWebSocket(WebSocketConnection ws) {
        webSocket = ws;
        onWebSocket = true;
    }

    boolean onWebSocket() {
        return onWebSocket;
    }

    /** Upgrade step 1: a WebSocket connected with this sid; it may now probe. */
    synchronized boolean beginUpgrade(WebSocketConnection ws) {
        if (closed || webSocket != null || upgradingSocket != null) {
            return false;
        }
        upgradingSocket = ws;
        return true;
    }

    /** Handles a text packet arriving on a WebSocket (the upgrading one or the active one). */
    void onWebSocketText(WebSocketConnection ws, String text) {
        boolean upgradeStep;
        synchronized (this) {
            upgradeStep = ws == upgradingSocket;
        }
        if (upgradeStep) {
            upgradeStep(ws, text);
        } else {
            asWebSocketReader(() -> onPacket(text));
        }
    }

    /** Handles what the WebSocket delivered, noting that this thread is its reader (see {@link #runBlocking}). */
    private void asWebSocketReader(Runnable handling) {
        webSocketReader = Thread.currentThread();
        try {
            handling.run();
        } finally {
            webSocketReader = null;
        }
    }

    /**
     * Runs a listener that may block: on WebSocket, on a worker thread while the connection stops
     * reading (see {@link WebSocketConnection#runBlocking}); on polling, here (the POST's own thread).
     */
    void runBlocking(Runnable task) {
        WebSocketConnection ws;
        synchronized (this) {
            ws = webSocket;
        }
        if (ws != null && webSocketReader == Thread.currentThread()) {
            ws.runBlocking(task);
        } else {
            task.run();
        }
    }

    private void upgradeStep(WebSocketConnection ws, String text) {
        synchronized (this) {
            if (text.equals("2probe")) {
                probed = true;
                ws.send(Frame.text("3probe").webSocketFrame(), null);
                // Release the client's pending GET so it can pause polling and send the upgrade packet.
                releasePendingPoll();
                return;
            }
            if (text.equals("5")) {
                upgradingSocket = null;
                probed = false;
                webSocket = ws;
                onWebSocket = true;
                releasePendingPoll();
                // What polling had not delivered yet goes first, in order, on the new transport.
                while (!queue.isEmpty()) {
                    ws.send(queue.pollFirst().webSocketFrame(), null);
                }
                return;
            }
        }
        server.protocolError(this, "unexpected packet during upgrade");
    }

    /** Answers the held polling GET with a noop; called with the monitor held. */
    private void releasePendingPoll() {
        if (pendingPoll != null) {
            CompletableFuture<String> poll = pendingPoll;
            pendingPoll = null;
            poll.complete("6");
        }
    }

    void onWebSocketBinary(WebSocketConnection ws, byte[] bytes) {
        asWebSocketReader(() -> onBinary(bytes));
    }

    /** The WebSocket closed: if it was the active transport, the session ends. */
    void onWebSocketClosed(WebSocketConnection ws) {
        boolean active;
        synchronized (this) {
            if (ws == upgradingSocket) {
                upgradingSocket = null;
                probed = false;
                return;
            }
            active = ws == webSocket;
        }
        if (active) {
            close("transport close", false);
        }
    }

    // ---- inbound -----------------------------------------------------------------------------

    /** One Engine.IO packet in text form. */
    void onPacket(String packet) {
        if (packet.isEmpty()) {
            server.protocolError(this, "empty packet");
            return;
        }
        switch (packet.charAt(0)) {
            case '1' -> {
                synchronized (this) {
                    lingering = true;
                }
                close("transport close", false);
            }
            case '2' -> send(Frame.text("3" + packet.substring(1)));
            case '3' -> pong();
            case '4' -> onMessage(packet.substring(1));
            case '6' -> { }
            case 'b' -> {
                byte[] bytes;
                try {
                    // The Java client wraps its base64 in lines ("\n" every 76 characters and at the
                    // end), as Android's encoder does; engine.io ignores that white space, so do we.
                    bytes = Base64.getDecoder().decode(withoutLineBreaks(packet, 1));
                } catch (IllegalArgumentException e) {
                    server.protocolError(this, "bad base64");
                    return;
                }
                onBinary(bytes);
            }
            default -> server.protocolError(this, "unknown packet type");
        }
    }

    private static String withoutLineBreaks(String text, int from) {
        StringBuilder kept = null;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r';
            if (lineBreak && kept == null) {
                kept = new StringBuilder(text.length()).append(text, from, i);
            } else if (!lineBreak && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? text.substring(from) : kept.toString();
    }

    private void onMessage(String text) {
        Packet packet;
        boolean tooMany = false;
        synchronized (this) {
            if (pendingBinary != null) {
                packet = null;
            } else {
                try {
                    packet = server.codec().decode(text);
                } catch (MalformedPacketException e) {
                    packet = null;
                }
                if (packet != null && packet.type().binary() && packet.attachments() > server.options().maxAttachments()) {
                    packet = null;
                    tooMany = true;
                } else if (packet != null && packet.type().binary() && packet.attachments() > 0) {
                    pendingBinary = packet;
                    receivedAttachments.clear();
                    receivedAttachmentBytes = 0;
                    return;
                }
            }
        }
        if (packet == null) {
            server.protocolError(this, tooMany ? "too many binary attachments" : "malformed Socket.IO packet");
            return;
        }
        server.dispatch(this, packet);
    }

    private void onBinary(byte[] bytes) {
        Packet complete = null;
        String error;
        synchronized (this) {
            if (pendingBinary == null) {
                error = "unexpected binary data";
            } else if ((receivedAttachmentBytes += bytes.length) > server.options().maxPayload()) {
                error = "binary attachments larger than maxPayload";
            } else {
                receivedAttachments.add(bytes);
                if (receivedAttachments.size() < pendingBinary.attachments()) {
                    return;
                }
                try {
                    complete = new Packet(pendingBinary.type(), pendingBinary.namespace(), pendingBinary.ackId(),
                            server.codec().insertBinary(pendingBinary.data(), new ArrayList<>(receivedAttachments)), 0);
                    error = null;
                } catch (MalformedPacketException e) {
                    error = "bad binary placeholder";
                }
            }
            pendingBinary = null;
            receivedAttachments.clear();
            receivedAttachmentBytes = 0;
        }
        if (error != null) {
            server.protocolError(this, error);
            return;
        }
        server.dispatch(this, complete);
    }

    // ---- heartbeat ---------------------------------------------------------------------------

    /** Heartbeat as engine.io does it: ping every pingInterval after the last pong; no pong within pingTimeout closes. */
    synchronized void startHeartbeat(ScheduledExecutorService timer, long intervalMs, long timeoutMs, long connectTimeoutMs) {
        this.timer = timer;
        this.pingIntervalMs = intervalMs;
        this.pingTimeoutMs = timeoutMs;
        if (closed) {
            return;
        }
        connectTimeout = timer.schedule(() -> {
            if (sockets.isEmpty() && !everConnected) {
                close("connect timeout", false);
            }
        }, connectTimeoutMs, TimeUnit.MILLISECONDS);
        schedulePing();
    }

    private synchronized void schedulePing() {
        if (!closed) {
            heartbeat = timer.schedule(this::ping, pingIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    private void ping() {
        synchronized (this) {
            if (closed) {
                return;
            }
            awaitingPong = true;
            heartbeat = timer.schedule(this::checkPong, pingTimeoutMs, TimeUnit.MILLISECONDS);
        }
        send(Frame.text("2"));
    }

    private void checkPong() {
        boolean late;
        synchronized (this) {
            late = awaitingPong && !closed;
        }
        if (late) {
            close("ping timeout", false);
        }
    }

    private void pong() {
        synchronized (this) {
            if (!awaitingPong || closed) {
                return;
            }
            awaitingPong = false;
            heartbeat.cancel(false);
        }
        schedulePing();
    }

    // ---- closing -----------------------------------------------------------------------------

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Ends the session once: the sockets get their disconnect listeners, the client gets a close
     * packet when {@code tellClient}, the transport is closed.
     */
    void close(String reason, boolean tellClient) {
        close(reason, tellClient, NO_FRAMES);
    }

    /** {@link #close(String, boolean)}, telling the client {@code last} (why) just before the close packet. */
    void close(String reason, boolean tellClient, Frame[] last) {
        LOG.debug("connection {} from {} closing: {}", sid, remoteAddress, reason);
        WebSocketConnection ws;
        WebSocketConnection probing;
        CompletableFuture<String> poll;
        String pollAnswer = null;
        boolean lingers;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            if (connectTimeout != null) {
                connectTimeout.cancel(false);
            }
            ws = webSocket;
            probing = upgradingSocket;
            poll = pendingPoll;
            pendingPoll = null;
            if (ws == null && tellClient) {
                // Polling: what the client has not seen yet, why it is closed, the close packet;
                // they wait for its next GET. A bare close packet does not: as engine.io, the sid
                // is forgotten at once, and the next GET's "Session ID unknown" says as much.
                lingers = poll == null && (!queue.isEmpty() || last.length > 0);
                for (Frame frame : last) {
                    queue.addLast(frame);
                }
                queue.addLast(Frame.text("1"));
                pollAnswer = drainPayload();
            } else if (ws == null && lingering) {
                pollAnswer = "6";  // the client asked: it knows already, but has a GET in flight
                lingers = poll == null;
            } else {
                lingers = false;
            }
            queue.clear();
            if (lingers) {
                farewell = pollAnswer;
            }
        }
        if (lingers) {
            // No GET pending: keep the sid a moment for the client's next one (a closed session
            // holds no socket and no timer but this one, and still counts for its address).
            timer.schedule(() -> server.forget(this), FAREWELL_MS, TimeUnit.MILLISECONDS);
        } else {
            server.forget(this);
        }
        for (ClientSocket socket : sockets.values()) {
            socket.closed(reason);
        }
        sockets.clear();
        if (poll != null) {
            poll.complete(pollAnswer != null ? pollAnswer : "6");
        }
        if (ws != null) {
            if (tellClient) {
                for (Frame frame : last) {
                    ws.send(frame.webSocketFrame(), null);
                }
                ws.send(Frame.text("1").webSocketFrame(), null);
            }
            ws.close(CloseCodes.NORMAL, "");
        }
        if (probing != null) {
            probing.close(CloseCodes.NORMAL, "");
        }
    }
}
