package webtalk.socketio;

import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import webtalk.socketio.websocket.BatchedWrites;

/**
 * One Engine.IO connection (docs/engine.io-protocol/v4-current.md), engine.io's {@code Socket}:
 * its state, its transport — {@link PollingTransport}, or a {@link WebSocketTransport} from the
 * start or after the upgrade this class carries out — the heartbeat, the Engine.IO packets, and
 * the Socket.IO sockets multiplexed on it. The Socket.IO packets that Engine.IO messages carry are
 * put together by its {@link PacketDecoder}.
 *
 * <p>Every state change, the polling transport's included, happens under the session's monitor,
 * so a frame is sent on exactly one transport and the upgrade hands over what polling still held.
 */
final class EngineSession {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngineSession.class);
    private static final Frame[] NO_FRAMES = {};
    /** How long a polling session closed with no GET pending waits for the GET that learns it. */
    static final long FAREWELL_MS = 2_000;

    final String sid;
    final String remoteAddress;
    final KeptHeaders headers;
    final SessionSockets sockets = new SessionSockets();
    /** Set once a namespace is joined: a connection that never joins one is closed after connectTimeout. */
    volatile boolean everConnected;

    private final SocketIoServer server;
    private final PacketDecoder decoder;

    // guarded by this
    private final PollingTransport polling;
    /** The active WebSocket, or null while polling. */
    private WebSocketTransport webSocket;
    /** Whether {@link #webSocket} is set: read without the monitor, for the transport counts. */
    private volatile boolean onWebSocket;
    private WebSocketTransport upgrading;
    /** The upgrading WebSocket answered the probe; polling is winding down. */
    private boolean probed;
    private boolean closed;
    /** Closed by the client's close packet: the sid answers one more GET with a noop. */
    private boolean lingering;

    // heartbeat and connect timeout, guarded by this. The server's sweep (SocketIoServer#checkHeartbeats)
    // sends the pings and checks the connect timeout, so an idle connection holds no timer task;
    // only an unanswered ping has one, for the pong's deadline, which must not be late.
    /** When the next ping is due (ms of {@link SocketIoServer#now}). */
    private long heartbeatDue;
    /** Closes the session unless the ping's pong comes first; null while no ping awaits its pong. */
    private ScheduledFuture<?> pongDeadline;
    /** When the session is closed if it has joined no namespace by then; 0 once one is joined. */
    private long connectDue;

    EngineSession(SocketIoServer server, String sid, String remoteAddress, KeptHeaders headers, int maxQueued) {
        this.server = server;
        this.sid = sid;
        this.remoteAddress = remoteAddress;
        this.headers = headers;
        this.polling = new PollingTransport(maxQueued);
        this.decoder = new PacketDecoder(server.codec(), server.options().maxAttachments(), server.options().maxPayload());
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
        boolean overflow;
        synchronized (this) {
            // Once the server is shutting down, every client gets only its close packet (sent by
            // close, not here): the sessions close one by one, and each closing socket's departure
            // (usuario_saiu) would otherwise go to every member not closed yet — n²/2 frames for n
            // clients, and a screen of "X saiu" for people who rejoin a second later.
            if (closed || server.closed()) {
                return;
            }
            overflow = webSocket != null ? !webSocket.send(batch, frames) : !polling.offer(frames);
        }
        if (overflow) {
            server.slowConsumerDropped();
            close("slow consumer", false);
        }
    }

    // ---- polling -----------------------------------------------------------------------------

    /**
     * A polling GET: answered at once when packets wait, otherwise held until one is queued.
     * Returns null if the request is not allowed now (a GET already pending, or upgraded).
     */
    synchronized CompletableFuture<String> poll() {
        if (closed) {
            // Closed while no GET was pending: this GET gets what the client must still learn,
            // once, then the sid is gone.
            String last = polling.takeFarewell();
            server.forget(this);
            return CompletableFuture.completedFuture(last);
        }
        if (webSocket != null) {
            return null;
        }
        return polling.poll(probed);
    }

    /** Marks a POST as in progress; false if another one already is (the spec closes the session then). */
    synchronized boolean beginPost() {
        return webSocket == null && polling.beginPost();
    }

    synchronized void endPost() {
        polling.endPost();
    }

    synchronized boolean polling() {
        return webSocket == null;
    }

    // ---- websocket and the upgrade -----------------------------------------------------------

    /** A connection that starts on WebSocket (no polling, no upgrade). */
    synchronized void attachWebSocket(WebSocketTransport ws) {
        webSocket = ws;
        onWebSocket = true;
    }

    boolean onWebSocket() {
        return onWebSocket;
    }

    /** Upgrade step 1: a WebSocket connected with this sid; it may now probe. */
    synchronized boolean beginUpgrade(WebSocketTransport ws) {
        if (closed || webSocket != null || upgrading != null) {
            return false;
        }
        upgrading = ws;
        return true;
    }

    /** Handles a text packet arriving on a WebSocket (the upgrading one or the active one). */
    void onWebSocketText(WebSocketTransport ws, String text) {
        boolean upgradeStep;
        synchronized (this) {
            upgradeStep = ws == upgrading;
        }
        if (upgradeStep) {
            upgradeStep(ws, text);
        } else {
            onPacket(text);
        }
    }

    /** Upgrade steps 2 and 3: the probe is answered, then the upgrade packet switches transports. */
    private void upgradeStep(WebSocketTransport ws, String text) {
        synchronized (this) {
            if (text.equals("2probe")) {
                probed = true;
                ws.sendNow(Frame.text("3probe"));
                // Release the client's pending GET so it can pause polling and send the upgrade packet.
                polling.releaseHeldPoll();
                return;
            }
            if (text.equals("5")) {
                upgrading = null;
                probed = false;
                webSocket = ws;
                onWebSocket = true;
                polling.releaseHeldPoll();
                // What polling had not delivered yet goes first, in order, on the new transport.
                polling.drainTo(ws::sendNow);
                return;
            }
        }
        server.protocolError(this, "unexpected packet during upgrade");
    }

    void onWebSocketBinary(byte[] bytes) {
        onBinary(bytes);
    }

    /** The WebSocket closed: if it was the active transport, the session ends. */
    void onWebSocketClosed(WebSocketTransport ws) {
        boolean active;
        synchronized (this) {
            if (ws == upgrading) {
                upgrading = null;
                probed = false;
                return;
            }
            active = ws == webSocket;
        }
        if (active) {
            close("transport close", false);
        }
    }

    /**
     * Runs a listener that may block: on WebSocket, on a worker thread while the connection stops
     * reading (see {@link WebSocketTransport#runBlocking}); on polling, here (the POST's own thread).
     */
    void runBlocking(Runnable task) {
        WebSocketTransport ws;
        synchronized (this) {
            ws = webSocket;
        }
        if (ws != null) {
            ws.runBlocking(task);
        } else {
            task.run();
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
        try {
            packet = decoder.text(text);
        } catch (PacketDecoder.ProtocolError e) {
            server.protocolError(this, e.getMessage());
            return;
        }
        if (packet != null) {
            server.dispatch(this, packet);
        }
    }

    private void onBinary(byte[] bytes) {
        Packet packet;
        try {
            packet = decoder.binary(bytes);
        } catch (PacketDecoder.ProtocolError e) {
            server.protocolError(this, e.getMessage());
            return;
        }
        if (packet != null) {
            server.dispatch(this, packet);
        }
    }

    // ---- heartbeat ---------------------------------------------------------------------------

    /** Heartbeat as engine.io does it: ping every pingInterval after the last pong; no pong within pingTimeout closes. */
    synchronized void startHeartbeat(long now) {
        heartbeatDue = now + server.options().pingInterval().toMillis();
        connectDue = now + server.options().connectTimeout().toMillis();
    }

    /** A namespace was joined: the connect timeout has nothing left to check. */
    synchronized void connected() {
        everConnected = true;
        connectDue = 0;
    }

    /**
     * The sweep's visit at {@code now}: closes a session that joined no namespace in time, and
     * sends the ping that is due, at most one sweep period late. The pong's deadline counts from
     * when the ping was due, so a silent client is closed pingInterval + pingTimeout after its
     * last pong, as engine.io does it.
     */
    void checkHeartbeat(long now) {
        boolean ping = false;
        boolean unconnected = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (connectDue != 0 && now - connectDue >= 0) {
                connectDue = 0;
                unconnected = sockets.isEmpty() && !everConnected;
            }
            if (!unconnected && pongDeadline == null && now - heartbeatDue >= 0) {
                long timeout = server.options().pingTimeout().toMillis();
                // From when the ping was due; but if the sweep itself ran late (a pause, a busy
                // core), the client still gets half of pingTimeout from the ping it is sent.
                pongDeadline = server.later(this::pongLate, Math.max(heartbeatDue + timeout - now, timeout / 2));
                ping = true;
            }
        }
        if (unconnected) {
            close("connect timeout", false);
        } else if (ping) {
            send(Frame.text("2"));
        }
    }

    private void pongLate() {
        boolean late;
        synchronized (this) {
            late = pongDeadline != null && !closed;
        }
        if (late) {
            close("ping timeout", false);
        }
    }

    private synchronized void pong() {
        if (pongDeadline != null && !closed) {
            pongDeadline.cancel(false);
            pongDeadline = null;
            heartbeatDue = SocketIoServer.now() + server.options().pingInterval().toMillis();
        }
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
        WebSocketTransport ws;
        WebSocketTransport probing;
        PollingTransport.Farewell farewell;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (pongDeadline != null) {
                pongDeadline.cancel(false);
            }
            ws = webSocket;
            probing = upgrading;
            // On polling, what the client has not seen yet, why it is closed and the close packet
            // wait for its next GET; after its own close packet, that GET gets a noop.
            farewell = polling.close(ws == null && tellClient, ws == null && lingering, last);
        }
        if (farewell.lingers()) {
            // No GET pending: keep the sid a moment for the client's next one (a closed session
            // holds no socket and no timer but this one, and still counts for its address).
            server.later(() -> server.forget(this), FAREWELL_MS);
        } else {
            server.forget(this);
        }
        for (ClientSocket socket : sockets.clear()) {
            socket.closed(reason);
        }
        farewell.answerHeldPoll();
        if (ws != null) {
            if (tellClient) {
                for (Frame frame : last) {
                    ws.sendNow(frame);
                }
                ws.sendNow(Frame.text("1"));
            }
            ws.close();
        }
        if (probing != null) {
            probing.close();
        }
    }
}
