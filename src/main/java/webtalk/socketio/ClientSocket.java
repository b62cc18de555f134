package webtalk.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.socketio.websocket.BatchedWrites;

/** The server's side of one client's connection to one namespace. */
final class ClientSocket implements Socket {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSocket.class);
    private static final DisconnectListener[] NO_LISTENERS = {};
    private static final String[] NO_ROOMS = {};

    private final String id;
    private final Namespace namespace;
    private final EngineSession session;
    /** The CONNECT packet's payload, or null: most clients send none, and an empty object per socket adds up. */
    private final JsonNode auth;
    private final PacketCodec codec;
    /** This socket's own listeners, made on the first; most sockets have none (their namespace's serve). */
    private volatile Map<String, EventListener> listeners;
    // The disconnect listeners and the rooms are arrays copied on change, under this socket's
    // monitor: a socket has two or three listeners and is in one room or a few, so a concurrent
    // collection's tables and entries would cost several times the references they hold, on
    // every one of thousands of connections. Reads (a broadcast never reads them) take no lock.
    private volatile DisconnectListener[] disconnectListeners = NO_LISTENERS;
    private volatile String[] rooms = NO_ROOMS;
    /** Set once, under this socket's monitor, by {@link #closed}: no room is joined after it. */
    private volatile boolean closed;
    /** Sized for the two or three attributes a chat connection keeps. */
    private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>(2);
    /** Frames emitted while the connect listeners run, sent right after the CONNECT packet. */
    private volatile List<Frame[]> beforeConnect = new ArrayList<>();

    ClientSocket(String id, Namespace namespace, EngineSession session, JsonNode auth, PacketCodec codec) {
        this.id = id;
        this.namespace = namespace;
        this.session = session;
        this.auth = auth;
        this.codec = codec;
    }

    EngineSession session() {
        return session;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Namespace namespace() {
        return namespace;
    }

    @Override
    public String remoteAddress() {
        return session.remoteAddress;
    }

    @Override
    public String header(String name) {
        return session.headers.get(name);
    }

    @Override
    public JsonNode auth() {
        return auth != null ? auth : JsonNodeFactory.instance.objectNode();
    }

    @Override
    public void on(String event, EventListener listener) {
        ownListeners().put(event, listener);
    }

    private Map<String, EventListener> ownListeners() {
        Map<String, EventListener> own = listeners;
        if (own == null) {
            synchronized (this) {
                own = listeners;
                if (own == null) {
                    own = new ConcurrentHashMap<>(4);
                    listeners = own;
                }
            }
        }
        return own;
    }

    @Override
    public synchronized void onDisconnect(DisconnectListener listener) {
        DisconnectListener[] grown = Arrays.copyOf(disconnectListeners, disconnectListeners.length + 1);
        grown[grown.length - 1] = listener;
        disconnectListeners = grown;
    }

    @Override
    public void emit(String event, Object... args) {
        PacketCodec.Encoded encoded = codec.event(namespace.name(), event, args);
        send(frames(encoded, false));
    }

    /** The frames of one encoded packet; {@code shared} when many receivers will be sent them. */
    static Frame[] frames(PacketCodec.Encoded encoded, boolean shared) {
        Frame[] frames = new Frame[1 + encoded.attachments().size()];
        frames[0] = Frame.text("4" + encoded.text(), shared);
        for (int i = 0; i < encoded.attachments().size(); i++) {
            frames[i + 1] = Frame.binary(encoded.attachments().get(i), shared);
        }
        return frames;
    }

    void send(Frame... frames) {
        send(BatchedWrites.current(), frames);
    }

    /** {@link #send(Frame...)} inside the caller's batch of writes (null for none). */
    void send(BatchedWrites batch, Frame... frames) {
        if (beforeConnect != null) {
            // Only while the connect listeners run; a broadcast afterwards takes no lock here.
            synchronized (this) {
                List<Frame[]> held = beforeConnect;
                if (held != null) {
                    held.add(frames);
                    return;
                }
            }
        }
        session.send(batch, frames);
    }

    /** The CONNECT packet went out: release what was emitted before it. */
    void connected(String connectPacket) {
        List<Frame[]> held;
        synchronized (this) {
            held = beforeConnect;
            beforeConnect = null;
            session.send(Frame.text("4" + connectPacket));
        }
        for (Frame[] frames : held) {
            session.send(frames);
        }
    }

    @Override
    public synchronized void join(String room) {
        // Under the monitor, so a close either comes first (and nothing is joined) or takes the
        // room out of the namespace again: a closed socket never stays in a room's broadcasts.
        if (closed || Arrays.asList(rooms).contains(room)) {
            return;
        }
        String[] grown = Arrays.copyOf(rooms, rooms.length + 1);
        grown[grown.length - 1] = room;
        rooms = grown;
        namespace.addToRoom(room, this);
    }

    @Override
    public synchronized void leave(String room) {
        List<String> kept = new ArrayList<>(Arrays.asList(rooms));
        if (kept.remove(room)) {
            rooms = kept.isEmpty() ? NO_ROOMS : kept.toArray(NO_ROOMS);
            namespace.removeFromRoom(room, this);
        }
    }

    @Override
    public Set<String> rooms() {
        return Set.of(rooms);
    }

    @Override
    public void disconnect() {
        if (!closed) {
            session.send(Frame.text("4" + codec.disconnect(namespace.name())));
            session.sockets.remove(this);
            closed("server namespace disconnect");
        }
    }

    @Override
    public ConcurrentMap<String, Object> attributes() {
        return attributes;
    }

    @Override
    public boolean connected() {
        return !closed && !session.isClosed();
    }

    /** Runs an event or ack packet for this socket on the caller's thread. */
    void dispatch(Packet packet) {
        if (packet.type() != PacketType.EVENT && packet.type() != PacketType.BINARY_EVENT) {
            return;  // acks for server-sent events: this server never asks for them
        }
        ArrayNode data = (ArrayNode) packet.data();
        String event = data.get(0).textValue();
        EventListener listener = listenerFor(event);
        if (listener == null) {
            return;
        }
        ArrayNode args = data;
        args.remove(0);  // the packet is ours alone: no copy needed
        Ack ack = packet.ackId() < 0 ? null : new OnceAck(packet.ackId());
        if (listener instanceof BlockingListener) {
            session.runBlocking(() -> run(listener, event, args, ack));
        } else {
            run(listener, event, args, ack);
        }
    }

    private EventListener listenerFor(String event) {
        Map<String, EventListener> own = listeners;
        EventListener listener = own == null ? null : own.get(event);
        return listener != null ? listener : namespace.listener(event);
    }

    private void run(EventListener listener, String event, ArrayNode args, Ack ack) {
        try {
            listener.onEvent(this, args, ack);
        } catch (RuntimeException e) {
            LOG.error("socket {} listener for '{}' failed: {}", id, event, e.toString());
        }
    }

    /** Leaves every room and runs the disconnect listeners, once. */
    void closed(String reason) {
        String[] left;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            left = rooms;
            rooms = NO_ROOMS;
        }
        for (String room : left) {
            namespace.removeFromRoom(room, this);
        }
        namespace.removeSocket(this);
        for (DisconnectListener listener : disconnectListeners) {
            try {
                listener.onDisconnect(this, reason);
            } catch (RuntimeException e) {
                LOG.error("socket {} disconnect listener failed: {}", id, e.toString());
            }
        }
    }

    private final class OnceAck implements Ack {
        private final long ackId;
        private final AtomicBoolean sent = new AtomicBoolean();

        OnceAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public void send(Object... args) {
            if (sent.compareAndSet(false, true)) {
                ClientSocket.this.send(frames(codec.ack(namespace.name(), ackId, args), false));
            }
        }
    }
}
