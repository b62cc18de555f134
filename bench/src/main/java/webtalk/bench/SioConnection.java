package webtalk.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A lean Socket.IO v4 client over one WebSocket (no polling, no reconnection): enough to load a
 * server with thousands of connections from one JVM. Answers pings, connects the default
 * namespace, sends events (optionally with an ack id), and hands every other text packet to
 * {@code onPacket}. java.net.http allows one send in flight per WebSocket, so sends are queued.
 */
final class SioConnection implements WebSocket.Listener {

    private final Consumer<String> onPacket;
    private final Runnable onClosed;
    private final AtomicBoolean closedOnce = new AtomicBoolean();
    private final CompletableFuture<SioConnection> connected = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private boolean sending;
    private WebSocket socket;
    private volatile boolean open;

    private SioConnection(Consumer<String> onPacket, Runnable onClosed) {
        this.onPacket = onPacket;
        this.onClosed = onClosed;
    }

    /** Connects and completes once the default namespace is joined. */
    static CompletableFuture<SioConnection> open(HttpClient client, String baseUrl, Consumer<String> onPacket) {
        return open(client, baseUrl, onPacket, () -> { });
    }

    /**
     * As {@link #open(HttpClient, String, Consumer)}; {@code onClosed} runs once when an open
     * connection ends: the socket closed or failed, or the server sent an Engine.IO close packet
     * or a namespace disconnect (a server going down).
     */
    static CompletableFuture<SioConnection> open(HttpClient client, String baseUrl, Consumer<String> onPacket, Runnable onClosed) {
        SioConnection connection = new SioConnection(onPacket, onClosed);
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        client.newWebSocketBuilder().buildAsync(uri, connection)
                .exceptionally(e -> {
                    connection.connected.completeExceptionally(e);
                    return null;
                });
        return connection.connected;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        this.open = true;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String packet = partial.toString();
            partial.setLength(0);
            handle(packet);
        }
        webSocket.request(1);
        return null;
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

    /** Sends one Engine.IO text packet, after the ones already queued. */
    void send(String packet) {
        synchronized (this) {
            if (!open) {
                return;
            }
            if (sending) {
                outbox.add(packet);
                return;
            }
            sending = true;
        }
        write(packet);
    }

    private void write(String packet) {
        socket.sendText(packet, true).whenComplete((ws, error) -> {
            String next;
            synchronized (this) {
                next = error == null ? outbox.poll() : null;
                if (next == null) {
                    sending = false;
                }
            }
            if (next != null) {
                write(next);
            }
        });
    }

    void emit(String event, String jsonPayload) {
        send("42[\"" + event + "\"," + jsonPayload + "]");
    }

    void emitWithAck(String event, String jsonPayload, long ackId) {
        send("42" + ackId + "[\"" + event + "\"," + jsonPayload + "]");
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        open = false;
        connected.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        ended();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        open = false;
        connected.completeExceptionally(error);
        ended();
    }

    /** The server ended this connection: report it once (only if it had connected), and let go of the socket. */
    private void ended() {
        open = false;
        if (connected.isDone() && !connected.isCompletedExceptionally() && closedOnce.compareAndSet(false, true)) {
            if (socket != null) {
                socket.abort();
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
        if (socket != null) {
            socket.abort();
        }
        open = false;
    }
}
