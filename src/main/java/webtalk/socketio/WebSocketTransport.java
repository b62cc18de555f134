package webtalk.socketio;

import webtalk.socketio.websocket.BatchedWrites;
import webtalk.socketio.websocket.CloseCodes;
import webtalk.socketio.websocket.WebSocketConnection;
import webtalk.socketio.websocket.WebSocketListener;

/**
 * Engine.IO's WebSocket transport for one connection (engine.io's {@code transports/websocket};
 * the handshake is {@link WebSocketEndpoint}): binds one {@link WebSocketConnection} to its
 * session — a new one, or the polling session it upgrades — hands the session what the client
 * sends, and writes the session's frames. The connection writes without blocking and bounds what
 * waits, so a slow client never blocks the thread that broadcasts to it.
 *
 * <p>Thread-safe. It notes which thread is reading the connection, so that a blocking listener
 * called from that thread can be moved off it ({@link #runBlocking}).
 */
final class WebSocketTransport implements WebSocketListener {

    private final SocketIoServer server;
    /** The polling session to upgrade, or null for a session that starts on WebSocket. */
    private final String upgradingSid;
    private final String remoteAddress;
    private final KeptHeaders headers;
    /** Set in {@link #onOpen}, before any frame is read or written. */
    private volatile WebSocketConnection connection;
    private volatile EngineSession session;
    /** The thread handing the session what the connection read, or null. */
    private volatile Thread reader;

    WebSocketTransport(SocketIoServer server, String upgradingSid, String remoteAddress, KeptHeaders headers) {
        this.server = server;
        this.upgradingSid = upgradingSid;
        this.remoteAddress = remoteAddress;
        this.headers = headers;
    }

    // ---- what the session asks of it ---------------------------------------------------------

    /**
     * Writes frames that must stay together inside {@code batch} (null for none); false when the
     * connection already holds maxQueuedPackets unwritten (a slow consumer), the rest unsent.
     */
    boolean send(BatchedWrites batch, Frame[] frames) {
        WebSocketConnection ws = connection;
        for (Frame frame : frames) {
            if (!ws.send(frame.webSocketFrame(), batch)) {
                return false;
            }
        }
        return true;
    }

    /** Writes one control frame now, outside any batch: the probe answer, a handed-over frame, the close. */
    void sendNow(Frame frame) {
        connection.send(frame.webSocketFrame(), null);
    }

    /**
     * Runs a listener that may block: called on the thread reading this connection, on a worker
     * thread while the connection stops reading (see {@link WebSocketConnection#runBlocking});
     * from any other thread, right there.
     */
    void runBlocking(Runnable task) {
        if (reader == Thread.currentThread()) {
            connection.runBlocking(task);
        } else {
            task.run();
        }
    }

    void close() {
        connection.close(CloseCodes.NORMAL, "");
    }

    // ---- what the connection reports ---------------------------------------------------------

    @Override
    public void onOpen(WebSocketConnection opened) {
        connection = opened;
        if (upgradingSid == null) {
            EngineSession created = server.open(remoteAddress, headers);
            if (created == null) {
                // Admitted by the handshake's early check, then another connection took the last
                // place (of the address or the server): the count is decided here, atomically.
                opened.close(CloseCodes.POLICY_VIOLATION, "connection limit");
                return;
            }
            created.attachWebSocket(this);
            session = created;
            created.send(Frame.text(server.openPacket(created, false)));
            return;
        }
        EngineSession existing = server.session(upgradingSid);
        // A second WebSocket for an upgraded session is accepted and then closed here, as
        // engine.io does: clients expect a close, not an HTTP error.
        if (existing == null || !existing.beginUpgrade(this)) {
            opened.close(CloseCodes.POLICY_VIOLATION, "cannot upgrade");
            return;
        }
        session = existing;
    }

    @Override
    public void onText(WebSocketConnection ws, String text) {
        EngineSession current = session;
        if (current != null) {
            reader = Thread.currentThread();
            try {
                current.onWebSocketText(this, text);
            } finally {
                reader = null;
            }
        }
    }

    @Override
    public void onBinary(WebSocketConnection ws, byte[] data) {
        EngineSession current = session;
        if (current != null) {
            reader = Thread.currentThread();
            try {
                current.onWebSocketBinary(data);
            } finally {
                reader = null;
            }
        }
    }

    @Override
    public void onClose(WebSocketConnection ws, int code, String reason) {
        EngineSession current = session;
        if (current != null) {
            current.onWebSocketClosed(this);
        }
    }
}
