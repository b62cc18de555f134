package webtalk.socketio.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * One server-side WebSocket (RFC 6455) on a Jetty endpoint, after {@link WebSocketHandshake}.
 *
 * <p>Writes: {@link #send} takes a complete, pre-encoded frame (a broadcast's frame is one array
 * shared by all its receivers) and writes it straight to the socket from the calling thread,
 * without a hand-off; frames that queue up while a write is in progress, or inside a
 * {@link BatchedWrites} batch, go out together in one gathering write. A write the kernel cannot
 * take at once finishes asynchronously through Jetty's selector; the queue is bounded, and a
 * client that lets it fill is refused further frames (the caller closes it as a slow consumer).
 *
 * <p>Reads: on Jetty's selector thread itself (no hand-off per read), one read at a time; the read
 * buffer comes from Jetty's pool and goes back as soon as no frame is half-read, so an idle
 * connection holds no buffer. A listener that must block (a database read) goes through
 * {@link #runBlocking}: it runs on a worker thread while this connection's reading waits, so the
 * selector keeps serving everyone else and this client's next frames still come after it.
 */
public final class WebSocketConnection extends AbstractConnection.NonBlocking implements Connection.UpgradeTo {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebSocketConnection.class);
    private static final int READ_BUFFER = 8 * 1024;
    private static final int MAX_BUFFERS_PER_WRITE = 64;

    private final ByteBufferPool pool;
    private final FrameParser parser;
    private final int maxQueuedFrames;
    private final long idleTimeoutMs;
    private final Callback afterAsyncWrite = Callback.from(Invocable.InvocationType.NON_BLOCKING,
            this::writeLoop, this::writeFailed);
    private final WebSocketListener listener;
    private RetainableByteBuffer readBuffer;
    /** Bytes the HTTP connection had read past the upgrade request; parsed first. */
    private ByteBuffer prefilled;

    // guarded by this
    private ArrayDeque<ByteBuffer> queue;
    private boolean open;
    private boolean writing;
    private BatchedWrites deferredBy;
    private boolean closeSent;
    private boolean closeWhenFlushed;
    private boolean closeNotified;
    private int receivedCloseCode = CloseCodes.ABNORMAL;
    private String receivedCloseReason = "";
    /** A blocking task of this connection's is running: frames wait unread. */
    private boolean suspended;
    /** A thread is inside {@link #readAvailable}. */
    private boolean reading;

    WebSocketConnection(EndPoint endPoint, Executor executor, ByteBufferPool pool, int maxMessageBytes,
                        int maxQueuedFrames, long idleTimeoutMs, WebSocketListener listener) {
        super(endPoint, executor);
        this.listener = listener;
        this.pool = pool;
        this.parser = new FrameParser(maxMessageBytes, new Inbound());
        this.maxQueuedFrames = maxQueuedFrames;
        this.idleTimeoutMs = idleTimeoutMs;
    }

    public String remoteAddress() {
        return WebSocketHandshake.address(getEndPoint().getRemoteSocketAddress());
    }

    // ---- writing -----------------------------------------------------------------------------

    /**
     * Queues one pre-encoded frame (see {@link WebSocketFrames}) and writes it unless a write or
     * a batch will. Frames from one thread go out in order. Returns false, sending nothing, when
     * {@code maxQueuedFrames} are already waiting; a frame sent while closing is dropped.
     */
    public boolean send(byte[] frame) {
        return send(ByteBuffer.wrap(frame), BatchedWrites.current());
    }

    /**
     * {@link #send(byte[])} for a frame shared with other receivers (only its duplicate is read),
     * inside {@code batch} (the caller's {@link BatchedWrites#current()}; null for none).
     */
    public boolean send(ByteBuffer shared, BatchedWrites batch) {
        ByteBuffer frame = shared.duplicate();
        boolean direct = false;
        boolean firstInBatch = false;
        synchronized (this) {
            if (closeSent) {
                return true;
            }
            if (batch == null && !writing && open && (queue == null || queue.isEmpty())) {
                writing = true;  // the common case of a quiet connection: straight to the socket
                direct = true;
            } else {
                if (!enqueue(frame)) {
                    return false;
                }
                if (writing || !open) {
                    return true;
                }
                if (batch == null) {
                    writing = true;
                } else {
                    firstInBatch = deferredBy != batch;
                    deferredBy = batch;
                }
            }
        }
        if (direct) {
            writeNow(frame);
        } else if (batch != null) {
            batch.defer(this, firstInBatch);  // outside the monitor: it may flush other connections
        } else {
            writeLoop();
        }
        return true;
    }

    /** Writes one frame with {@code writing} owned by this thread; what the socket does not take waits. */
    private void writeNow(ByteBuffer buffer) {
        if (flushed(buffer)) {
            writeLoop();  // frames queued meanwhile by other threads, and the end of the write
        }
    }

    /**
     * Writes without blocking; true when everything went out. When the socket's send buffer is
     * full, Jetty finishes these buffers and calls {@link #writeLoop} again; on an error the
     * connection closes. Either way the caller stops writing.
     */
    private boolean flushed(ByteBuffer... buffers) {
        try {
            if (getEndPoint().flush(buffers)) {
                return true;
            }
            getEndPoint().write(afterAsyncWrite, buffers);
        } catch (IOException | RuntimeException e) {
            writeFailed(e);
        }
        return false;
    }

    /** Sends a close frame (once), then ends the TCP connection when it is written. */
    public void close(int code, String reason) {
        boolean start;
        synchronized (this) {
            if (closeSent) {
                return;
            }
            enqueue(ByteBuffer.wrap(WebSocketFrames.close(code, reason)));
            if (receivedCloseCode == CloseCodes.ABNORMAL) {
                receivedCloseCode = code;
                receivedCloseReason = reason;
            }
            start = endWhenFlushed();
        }
        if (start) {
            writeLoop();
        }
    }

    /**
     * Ends the TCP connection once what is queued is written, with no close frame: for a peer that
     * must find out at once (a client whose relayed owner is gone). engine.io-client-java 2.1 (OkHttp)
     * ignores a close frame until its heartbeat runs out (pingInterval + pingTimeout), but notices the
     * end of the stream at once, as every client does.
     */
    public void closeWithoutHandshake() {
        boolean start;
        synchronized (this) {
            start = endWhenFlushed();
        }
        if (start) {
            writeLoop();
        }
    }

    /**
     * Nothing more is sent, and the TCP connection ends once the queue is written; holding the lock.
     * Returns whether the caller must start the writer (none is running), outside the lock.
     */
    private boolean endWhenFlushed() {
        closeSent = true;
        closeWhenFlushed = true;
        boolean start = open && !writing;
        if (start) {
            writing = true;
        }
        return start;
    }

    private boolean enqueue(ByteBuffer frame) {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        } else if (queue.size() >= maxQueuedFrames) {
            return false;
        }
        queue.addLast(frame);
        return true;
    }

    /** The end of a batch that queued frames here. */
    void flushDeferred(BatchedWrites batch) {
        synchronized (this) {
            if (deferredBy == batch) {
                deferredBy = null;
            }
            if (writing || !open || queue == null || queue.isEmpty()) {
                return;
            }
            writing = true;
        }
        writeLoop();
    }

    /** Runs with {@code writing} owned by this thread: writes until the queue is empty or the socket is full. */
    private void writeLoop() {
        ByteBuffer[] buffers;
        while (true) {
            synchronized (this) {
                if (queue == null || queue.isEmpty()) {
                    writing = false;
                    if (closeWhenFlushed) {
                        closeWhenFlushed = false;
                        getExecutor().execute(() -> getEndPoint().close());
                    }
                    return;
                }
                int n = Math.min(queue.size(), MAX_BUFFERS_PER_WRITE);
                buffers = new ByteBuffer[n];
                for (int i = 0; i < n; i++) {
                    buffers[i] = queue.pollFirst();
                }
            }
            if (!flushed(buffers)) {
                return;
            }
        }
    }

    private void writeFailed(Throwable failure) {
        synchronized (this) {
            closeSent = true;
            closeWhenFlushed = false;
            if (queue != null) {
                queue.clear();
            }
        }
        LOG.debug("websocket {} write failed: {}", remoteAddress(), failure.toString());
        // Closed from another thread: the caller may hold locks that the close listeners take.
        getExecutor().execute(() -> getEndPoint().close(failure));
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        if (BufferUtil.hasContent(buffer)) {
            prefilled = BufferUtil.copy(buffer);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        getEndPoint().setIdleTimeout(idleTimeoutMs);
        boolean start;
        synchronized (this) {
            open = true;
            start = !writing && queue != null && !queue.isEmpty();
            if (start) {
                writing = true;
            }
        }
        listener.onOpen(this);
        if (start) {
            writeLoop();
        }
        if (prefilled != null) {
            getExecutor().execute(this::onFillable);  // bytes the HTTP connection read past the request
        } else {
            fillInterested();
        }
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        int code;
        String reason;
        synchronized (this) {
            if (closeNotified) {
                return;
            }
            closeNotified = true;
            closeSent = true;
            if (queue != null) {
                queue.clear();
            }
            code = receivedCloseCode;
            reason = receivedCloseReason;
        }
        listener.onClose(this, code, reason);
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        // The Engine.IO heartbeat normally ends a silent client first; this only backs it up.
        close(CloseCodes.GOING_AWAY, "idle");
        return true;
    }

    // ---- reading -----------------------------------------------------------------------------

    @Override
    public void onFillable() {
        synchronized (this) {
            reading = true;
        }
        BatchedWrites.run(this::readAvailable);
    }

    /**
     * Runs {@code task} on a worker thread, called by a listener on the reading thread: no more
     * frames of this connection are read or parsed until the task has returned.
     */
    public void runBlocking(Runnable task) {
        synchronized (this) {
            suspended = true;
        }
        getExecutor().execute(() -> {
            try {
                BatchedWrites.run(task);
            } finally {
                resumeReading();
            }
        });
    }

    private void resumeReading() {
        synchronized (this) {
            suspended = false;
            if (reading) {
                return;  // the reading thread has not stopped yet: it carries on by itself
            }
            reading = true;
        }
        getExecutor().execute(() -> BatchedWrites.run(this::readAvailable));
    }

    /** Whether reading must stop for a blocking task; if so the reading thread is released. */
    private synchronized boolean pausedForTask() {
        if (suspended) {
            reading = false;
        }
        return suspended;
    }

    /** Reads and parses until the socket has nothing more; only ever one thread at a time. */
    private void readAvailable() {
        try {
            while (true) {
                ByteBuffer buffer = readBuffer();
                if (buffer.hasRemaining()) {
                    // frames read before a blocking task stopped the parsing
                    parser.parse(buffer);
                    if (pausedForTask()) {
                        return;
                    }
                }
                int filled = getEndPoint().fill(buffer);
                if (filled > 0) {
                    parser.parse(buffer);
                    if (pausedForTask()) {
                        return;
                    }
                }
                if (isClosing() || filled < 0) {
                    releaseReadBuffer();
                    if (filled < 0) {
                        getEndPoint().close();
                    }
                    return;
                }
                if (filled == 0) {
                    if (!buffer.hasRemaining() && !parser.midFrame()) {
                        releaseReadBuffer();
                    }
                    synchronized (this) {
                        reading = false;
                    }
                    fillInterested();
                    return;
                }
            }
        } catch (ProtocolViolation violation) {
            LOG.debug("websocket {} broke the protocol: {}", remoteAddress(), violation.getMessage());
            releaseReadBuffer();
            close(violation.code, violation.getMessage());
        } catch (IOException e) {
            releaseReadBuffer();
            getEndPoint().close(e);
        }
    }

    /** The read buffer, taken from the pool when needed, compacted, holding any bytes read before the upgrade. */
    private ByteBuffer readBuffer() {
        if (readBuffer == null) {
            int size = prefilled == null ? READ_BUFFER : Math.max(READ_BUFFER, prefilled.remaining());
            readBuffer = pool.acquire(size, false);
        }
        ByteBuffer buffer = readBuffer.getByteBuffer();
        if (buffer.position() > 0) {
            BufferUtil.compact(buffer);
        }
        if (prefilled != null) {
            BufferUtil.append(buffer, prefilled);
            prefilled = null;
        }
        return buffer;
    }

    @Override
    public void onFillInterestedFailed(Throwable cause) {
        // No read is running now (one was awaited), so the buffer can go back.
        releaseReadBuffer();
        super.onFillInterestedFailed(cause);
    }

    private synchronized boolean isClosing() {
        return closeSent || closeNotified;
    }

    private void releaseReadBuffer() {
        RetainableByteBuffer buffer = readBuffer;
        readBuffer = null;
        if (buffer != null) {
            buffer.release();
        }
    }

    /** What the parser finds: messages go to the listener, control frames are answered here. */
    private final class Inbound implements FrameParser.Sink {

        @Override
        public boolean paused() {
            synchronized (WebSocketConnection.this) {
                return suspended;
            }
        }

        @Override
        public void text(String text) {
            listener.onText(WebSocketConnection.this, text);
        }

        @Override
        public void binary(byte[] data) {
            listener.onBinary(WebSocketConnection.this, data);
        }

        @Override
        public void ping(byte[] payload) {
            send(WebSocketFrames.pong(payload));
        }

        @Override
        public void pong(byte[] payload) {
            // Unsolicited pongs are allowed and mean nothing (RFC 6455 §5.5.3).
        }

        @Override
        public void close(int code, String reason) {
            synchronized (WebSocketConnection.this) {
                receivedCloseCode = code;
                receivedCloseReason = reason;
            }
            WebSocketConnection.this.close(code == CloseCodes.NO_CODE ? CloseCodes.NORMAL : code, "");
        }
    }
}
