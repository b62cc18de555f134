package webtalk.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client WebSocket (RFC 6455) on a {@link WebSocketLoop}: the HTTP upgrade, masked text frames
 * out, text frames in (fragmented or not), pings answered. Enough for Socket.IO over WebSocket and
 * no more: no extensions, no subprotocols, no TLS.
 */
final class WebSocketClient {

    /** What happens to a WebSocket; every call comes from the loop's thread. */
    interface Listener {
        void opened(WebSocketClient socket);

        void text(String text);

        /** Once, when the connection ends or fails to open, unless {@link #abort()} ended it. */
        void closed(Throwable why);
    }

    private static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final WebSocketLoop loop;
    private final Listener listener;
    private final long startedAt = System.nanoTime();
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private SocketChannel channel;
    private SelectionKey key;
    private URI uri;
    private int port;
    private String secKey;
    private ByteArrayOutputStream headers = new ByteArrayOutputStream();
    /** How many bytes of the blank line that ends the upgrade's headers were just read. */
    private int headersEndSeen;
    /** The start of a frame not yet whole, kept between reads. */
    private byte[] leftover;
    /** A fragmented text message so far. */
    private ByteArrayOutputStream fragments;
    private volatile boolean upgraded;
    private volatile boolean finished;

    private WebSocketClient(WebSocketLoop loop, Listener listener) {
        this.loop = loop;
        this.listener = listener;
    }

    static WebSocketClient open(URI uri, Listener listener) {
        WebSocketClient client = new WebSocketClient(WebSocketLoop.shared(), listener);
        client.loop.connect(uri, client);
        return client;
    }

    void attach(SocketChannel channel, URI uri, int port) {
        this.channel = channel;
        this.uri = uri;
        this.port = port;
    }

    void registered(SelectionKey key) {
        this.key = key;
    }

    long startedAt() {
        return startedAt;
    }

    boolean isUpgraded() {
        return upgraded;
    }

    boolean isFinished() {
        return finished;
    }

    /** The TCP connection is up: ask for the upgrade. */
    void connected() throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        secKey = Base64.getEncoder().encodeToString(nonce);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + secKey + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Bytes read from the socket, on the loop's thread. */
    void received(ByteBuffer bytes) throws IOException {
        if (!upgraded) {
            bytes = handshake(bytes);
            if (bytes == null) {
                return;
            }
        }
        ByteBuffer frames = bytes;
        if (leftover != null) {
            frames = ByteBuffer.allocate(leftover.length + bytes.remaining());
            frames.put(leftover).put(bytes).flip();
            leftover = null;
        }
        while (!finished && frame(frames)) {
            // one frame handled; on to the next
        }
        if (!finished && frames.hasRemaining()) {
            leftover = new byte[frames.remaining()];
            frames.get(leftover);
        }
    }

    /** Reads the upgrade's answer; returns the bytes after it, or null while it is not whole. */
    private ByteBuffer handshake(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            byte next = bytes.get();
            headers.write(next);
            headersEndSeen = next == HEADERS_END[headersEndSeen] ? headersEndSeen + 1 : next == '\r' ? 1 : 0;
            if (headersEndSeen == HEADERS_END.length) {
                String response = headers.toString(StandardCharsets.ISO_8859_1);
                headers = null;
                if (!response.startsWith("HTTP/1.1 101")) {
                    throw new IOException("upgrade refused: " + response.lines().findFirst().orElse(""));
                }
                String lower = response.toLowerCase(Locale.ROOT);
                if (!lower.contains("sec-websocket-accept: " + accept(secKey).toLowerCase(Locale.ROOT))) {
                    throw new IOException("upgrade answered with the wrong Sec-WebSocket-Accept");
                }
                upgraded = true;
                listener.opened(this);
                return bytes;
            }
            if (headers.size() > MAX_HEADERS) {
                throw new IOException("upgrade answer over " + MAX_HEADERS + " bytes");
            }
        }
        return null;
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Handles the frame at the buffer's position if it is whole (and moves past it); false if it is not. */
    private boolean frame(ByteBuffer b) throws IOException {
        int start = b.position();
        if (b.remaining() < 2) {
            return false;
        }
        int first = b.get(start) & 0xff;
        int second = b.get(start + 1) & 0xff;
        long length = second & 0x7f;
        int header = 2;
        if (length == 126) {
            if (b.remaining() < 4) {
                return false;
            }
            length = b.getShort(start + 2) & 0xffff;
            header = 4;
        } else if (length == 127) {
            if (b.remaining() < 10) {
                return false;
            }
            length = b.getLong(start + 2);
            header = 10;
        }
        boolean masked = (second & 0x80) != 0;
        int maskAt = start + header;
        if (masked) {
            header += 4;
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("frame of " + length + " bytes");
        }
        if (b.remaining() < header + length) {
            return false;
        }
        int payloadAt = start + header;
        int size = (int) length;
        if (masked) {  // servers do not mask; tolerated all the same
            for (int i = 0; i < size; i++) {
                b.put(payloadAt + i, (byte) (b.get(payloadAt + i) ^ b.get(maskAt + (i & 3))));
            }
        }
        b.position(payloadAt + size);
        boolean fin = (first & 0x80) != 0;
        switch (first & 0x0f) {
            case 0x1 -> {
                if (fin) {
                    listener.text(new String(b.array(), b.arrayOffset() + payloadAt, size, StandardCharsets.UTF_8));
                } else {
                    fragments = new ByteArrayOutputStream();
                    fragments.write(b.array(), b.arrayOffset() + payloadAt, size);
                }
            }
            case 0x0 -> {
                if (fragments == null) {
                    throw new IOException("continuation without a first frame");
                }
                fragments.write(b.array(), b.arrayOffset() + payloadAt, size);
                if (fin) {
                    String text = fragments.toString(StandardCharsets.UTF_8);
                    fragments = null;
                    listener.text(text);
                }
            }
            case 0x8 -> failed(new IOException("closed by the server"));
            case 0x9 -> {
                byte[] payload = new byte[size];
                b.get(payloadAt, payload);
                write(frame(0xA, payload));
            }
            default -> { }  // pong, binary: Socket.IO's text protocol sends neither to us
        }
        return true;
    }

    /** Sends one text frame; from any thread, in the order of the calls. */
    void sendText(String text) {
        if (finished) {
            return;
        }
        try {
            write(frame(0x1, text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            loop.execute(() -> failed(e));
        }
    }

    private static ByteBuffer frame(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + 4 + length);
        frame.put((byte) (0x80 | opcode));
        if (length < 126) {
            frame.put((byte) (0x80 | length));
        } else if (length < 65536) {
            frame.put((byte) (0x80 | 126)).putShort((short) length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(length);
        }
        int mask = ThreadLocalRandom.current().nextInt();
        frame.putInt(mask);
        for (int i = 0; i < length; i++) {
            frame.put((byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3)))));
        }
        return frame.flip();
    }

    /** Writes now if nothing waits before it, else queues; the loop writes the rest when the socket can take it. */
    private void write(ByteBuffer bytes) throws IOException {
        synchronized (pending) {
            if (pending.isEmpty()) {
                channel.write(bytes);
                if (!bytes.hasRemaining()) {
                    return;
                }
                pending.add(bytes);
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                key.selector().wakeup();
            } else {
                pending.add(bytes);
            }
        }
    }

    /** The socket can take more: on the loop's thread. */
    void flush() throws IOException {
        synchronized (pending) {
            ByteBuffer next;
            while ((next = pending.peek()) != null) {
                channel.write(next);
                if (next.hasRemaining()) {
                    return;
                }
                pending.poll();
            }
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
    }

    /** The connection failed or ended: closes it and tells the listener once. */
    void failed(Throwable why) {
        if (finished) {
            return;
        }
        finished = true;
        closeChannel();
        listener.closed(why);
    }

    /** Closes from this side at once, without a close handshake; the listener is not told. */
    void abort() {
        finished = true;
        loop.execute(this::closeChannel);
    }

    private void closeChannel() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing: nothing left to do with it
        }
    }
}
