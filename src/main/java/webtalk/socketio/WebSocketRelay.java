package webtalk.socketio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.socketio.websocket.CloseCodes;
import webtalk.socketio.websocket.WebSocketConnection;
import webtalk.socketio.websocket.WebSocketFrames;
import webtalk.socketio.websocket.WebSocketListener;

/**
 * A client's WebSocket upgrade for a session another node owns (cluster mode): the client's
 * WebSocket is accepted here and every message is passed, unchanged, to a WebSocket opened to the
 * owner with the same query, and back. The owner runs the Engine.IO session (probe, upgrade,
 * heartbeat); this node only carries frames. Closing either side closes the other.
 *
 * <p>Bounded both ways: a client message is handed to the owner before the next one is read (the
 * reading thread waits, so TCP pushes back on the client); an owner message is asked for
 * ({@code request(1)}) only once the previous one is queued to the client, whose queue holds at most
 * maxQueuedPackets (beyond, the client is a slow consumer and both sides are closed).
 */
final class WebSocketRelay implements WebSocketListener, java.net.http.WebSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRelay.class);
    /** How long a client message may wait for the owner to take it before the relay gives up. */
    private static final long SEND_TIMEOUT_MS = 10_000;

    private final int maxMessageBytes;
    private final java.util.function.Consumer<WebSocketRelay> release;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Set once the client's 101 is out; the owner is asked for nothing before. */
    private volatile WebSocketConnection client;
    /** Set by the JDK when the owner's 101 arrives, before the relay is accepted. */
    private volatile java.net.http.WebSocket owner;
    // An owner message in parts: the JDK calls the listener one call at a time.
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    /** @param release gives back what the relay holds (its place among maxForwarded, its connection count); run once */
    WebSocketRelay(int maxMessageBytes, java.util.function.Consumer<WebSocketRelay> release) {
        this.maxMessageBytes = maxMessageBytes;
        this.release = release;
    }

    /** Closes both sides (the server is stopping). */
    void close() {
        endClient();
        closeOwner(CloseCodes.GOING_AWAY);
    }

    // ---- the client's side -------------------------------------------------------------------

    @Override
    public void onOpen(WebSocketConnection connection) {
        client = connection;
        owner.request(1);
    }

    @Override
    public void onText(WebSocketConnection connection, String message) {
        toOwner(owner.sendText(message, true));
    }

    @Override
    public void onBinary(WebSocketConnection connection, byte[] data) {
        toOwner(owner.sendBinary(ByteBuffer.wrap(data), true));
    }

    @Override
    public void onClose(WebSocketConnection connection, int code, String reason) {
        closeOwner(code);
        finish();
    }

    /** Waits until the owner took the message: the client's next one is read only then. */
    private void toOwner(CompletableFuture<java.net.http.WebSocket> sent) {
        try {
            sent.get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed("interrupted");
        } catch (Exception e) {
            failed("owner did not take a message: " + e);
        }
    }

    private void closeOwner(int code) {
        java.net.http.WebSocket ws = owner;
        if (ws == null || ws.isOutputClosed()) {
            return;
        }
        int sendable = code == CloseCodes.NORMAL || code == CloseCodes.GOING_AWAY || (code >= 3000 && code <= 4999) ? code : CloseCodes.NORMAL;
        // Once our close frame is out the owner has what it needs; its answer is not waited for.
        ws.sendClose(sendable, "").orTimeout(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenComplete((done, error) -> ws.abort());
    }

    // ---- the owner's side --------------------------------------------------------------------

    @Override
    public void onOpen(java.net.http.WebSocket webSocket) {
        owner = webSocket;  // no request(1) yet: the client's side is not open
    }

    /** The owner's WebSocket is open (also set by the JDK's onOpen; this makes sure before the client's side opens). */
    void ownerOpened(java.net.http.WebSocket webSocket) {
        owner = webSocket;
    }

    @Override
    public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (text.length() > maxMessageBytes) {
            failed("owner message too big");
            return null;
        }
        if (last) {
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            text.setLength(0);
            toClient(WebSocketFrames.text(utf8));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(java.net.http.WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        binary.writeBytes(part);
        if (binary.size() > maxMessageBytes) {
            failed("owner message too big");
            return null;
        }
        if (last) {
            byte[] whole = binary.toByteArray();
            binary.reset();
            toClient(WebSocketFrames.binary(whole));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
        endClient();
        finish();
        return null;
    }

    @Override
    public void onError(java.net.http.WebSocket webSocket, Throwable error) {
        failed("owner connection failed: " + error);
    }

    private void toClient(byte[] frame) {
        if (!client.send(frame)) {
            failed("client too slow (maxQueuedPackets waiting)");
        }
    }

    private void failed(String why) {
        LOG.debug("WebSocket relay closing: {}", why);
        endClient();
        java.net.http.WebSocket up = owner;
        if (up != null) {
            up.abort();
        }
        finish();
    }

    /**
     * Ends the client's connection so that it reconnects at once: the relay's owner is gone (or the
     * relay is), and its session with it. Without a close frame, since some clients wait out their
     * heartbeat after one (see {@link WebSocketConnection#closeWithoutHandshake}); what the owner sent
     * before (an Engine.IO close packet, say) is written first.
     */
    private void endClient() {
        WebSocketConnection ws = client;
        if (ws != null) {
            ws.closeWithoutHandshake();
        }
    }

    /** The relay will not run (the owner could not be reached, the handshake failed): gives back what it holds. */
    void abandon() {
        finish();
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            release.accept(this);
        }
    }
}
