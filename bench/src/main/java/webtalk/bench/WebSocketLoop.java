package webtalk.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One thread and one selector for every WebSocket of the load tool. The JDK's
 * {@code java.net.http.WebSocket} took 70-100 % of the load tool's core at 40k deliveries/s (a
 * future and several buffers per frame), and its collector's pauses, 8-12 ms every 2 s, landed in
 * the latency every server was measured with (bench/analysis.md, issue #16). Here a frame costs a
 * read into one shared buffer and a String for its text.
 *
 * <p>Reads, handshakes and callbacks run on the loop's thread; {@link WebSocketClient#sendText}
 * may be called from any thread and writes at once when nothing is queued before it.
 */
final class WebSocketLoop implements Runnable {

    /** A connection or handshake that takes longer than this fails, as java.net.http's connect timeout did. */
    static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How often the handshakes in progress are looked at for that timeout (select wakes up at least this often). */
    private static final long EXPIRY_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final WebSocketLoop SHARED = start();

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<WebSocketClient> handshaking = new ArrayList<>();
    private long lastExpiryCheck = System.nanoTime();
    /** Every read lands here first; a connection keeps only the bytes of a frame not yet whole. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);

    private WebSocketLoop(Selector selector) {
        this.selector = selector;
    }

    static WebSocketLoop shared() {
        return SHARED;
    }

    private static WebSocketLoop start() {
        try {
            WebSocketLoop loop = new WebSocketLoop(Selector.open());
            Thread thread = new Thread(loop, "bench-ws");
            thread.setDaemon(true);
            thread.start();
            return loop;
        } catch (IOException e) {
            throw new IllegalStateException("no selector: " + e, e);
        }
    }

    /** Opens a WebSocket to {@code uri} (ws://host:port/path?query); {@code client} hears how it goes. */
    void connect(URI uri, WebSocketClient client) {
        execute(() -> {
            if (client.isFinished()) {
                return;  // aborted before it was opened
            }
            try {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                int port = uri.getPort() < 0 ? 80 : uri.getPort();
                client.attach(channel, uri, port);
                boolean connected = channel.connect(new InetSocketAddress(uri.getHost(), port));
                SelectionKey key = channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, client);
                client.registered(key);
                handshaking.add(client);
                if (connected) {
                    client.connected();
                }
            } catch (IOException | RuntimeException e) {
                client.failed(e);
            }
        });
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    @Override
    public void run() {
        while (true) {
            try {
                selector.select(100);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    serve(key);
                }
                expireHandshakes();
            } catch (IOException | RuntimeException e) {
                // One connection's fault must not stop the loop every other connection needs.
                System.out.println("bench: websocket loop: " + e);
            }
        }
    }

    private void serve(SelectionKey key) {
        WebSocketClient client = (WebSocketClient) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                ((SocketChannel) key.channel()).finishConnect();
                key.interestOps(SelectionKey.OP_READ);
                client.connected();
            }
            if (key.isValid() && key.isWritable()) {
                client.flush();
            }
            if (key.isValid() && key.isReadable()) {
                readBuffer.clear();
                int read = ((SocketChannel) key.channel()).read(readBuffer);
                if (read < 0) {
                    client.failed(new IOException("closed by the server"));
                } else if (read > 0) {
                    readBuffer.flip();
                    client.received(readBuffer);
                }
            }
        } catch (IOException | RuntimeException e) {
            client.failed(e);
        }
    }

    /**
     * At most every 100 ms, not at every wake-up: the loop wakes for every frame (tens of thousands
     * a second), and in a reconnect storm thousands of handshakes are in progress at once.
     */
    private void expireHandshakes() {
        long now = System.nanoTime();
        if (handshaking.isEmpty() || now - lastExpiryCheck < EXPIRY_CHECK_NANOS) {
            return;
        }
        lastExpiryCheck = now;
        handshaking.removeIf(client -> {
            if (client.isUpgraded() || client.isFinished()) {
                return true;
            }
            if (now - client.startedAt() > HANDSHAKE_TIMEOUT_NANOS) {
                client.failed(new IOException("no WebSocket handshake within 10 s"));
                return true;
            }
            return false;
        });
    }
}
