package webtalk.bench;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A lean Socket.IO v4 client over one WebSocket (no polling, no reconnection): enough to load a
 * server with thousands of connections from one JVM. Answers pings, connects the default
 * namespace, sends events (optionally with an ack id), and hands every other text packet to
 * {@code onPacket}, on the {@link WebSocketLoop}'s thread.
 */
final class SioConnection implements WebSocketClient.Listener {

    private final Consumer<String> onPacket;
    private final Runnable onClosed;
    private final AtomicBoolean closedOnce = new AtomicBoolean();
    private final CompletableFuture<SioConnection> connected = new CompletableFuture<>();
    private volatile WebSocketClient socket;
    private volatile boolean open;

    private SioConnection(Consumer<String> onPacket, Runnable onClosed) {
        this.onPacket = onPacket;
        this.onClosed = onClosed;
    }

    /** Connects and completes once the default namespace is joined. */
    static CompletableFuture<SioConnection> open(String baseUrl, Consumer<String> onPacket) {
        return open(baseUrl, onPacket, () -> { });
    }

    /**
     * As {@link #open(String, Consumer)}; {@code onClosed} runs once when an open connection
     * ends: the socket closed or failed, or the server sent an Engine.IO close packet or a
     * namespace disconnect (a server going down).
     */
    static CompletableFuture<SioConnection> open(String baseUrl, Consumer<String> onPacket, Runnable onClosed) {
        SioConnection connection = new SioConnection(onPacket, onClosed);
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        // Held from the start, so that a close() before the upgrade ends it too; opened() sets it
        // again, as the loop's thread may get there before this assignment does.
        connection.socket = WebSocketClient.open(uri, connection);
        return connection.connected;
    }

    @Override
    public void opened(WebSocketClient webSocket) {
        this.socket = webSocket;
        this.open = true;
    }

    @Override
    public void text(String packet) {
        handle(packet);
    }

    @Override
    public void closed(Throwable why) {
        open = false;
        connected.completeExceptionally(why);
        ended();
    }

    private void handle(String packet) {
        if (packet.isEmpty()) {
            return;
        }
        switch (packet.charAt(0)) {
            case '0' -> send("40");
            case '1' -> ended();
            case '2' -> send("3");
            case '4' -> {
                if (packet.startsWith("40")) {
                    connected.complete(this);
                } else if (packet.startsWith("41")) {
                    ended();
                } else {
                    onPacket.accept(packet);
                }
            }
            default -> { }
        }
    }

    /** Sends one Engine.IO text packet, after the ones already sent. */
    void send(String packet) {
        WebSocketClient ws = socket;
        if (open && ws != null) {
            ws.sendText(packet);
        }
    }

    void emit(String event, String jsonPayload) {
        send("42[\"" + event + "\"," + jsonPayload + "]");
    }

    void emitWithAck(String event, String jsonPayload, long ackId) {
        send("42" + ackId + "[\"" + event + "\"," + jsonPayload + "]");
    }

    /** The server ended this connection: report it once (only if it had connected), and let go of the socket. */
    private void ended() {
        open = false;
        if (connected.isDone() && !connected.isCompletedExceptionally() && closedOnce.compareAndSet(false, true)) {
            WebSocketClient ws = socket;
            if (ws != null) {
                ws.abort();
            }
            onClosed.run();
        }
    }

    boolean isOpen() {
        return open;
    }

    /** Closes from this side; {@code onClosed} does not run. */
    void close() {
        closedOnce.set(true);
        open = false;
        WebSocketClient ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }
}
