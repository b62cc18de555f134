package webtalk.socketio;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import webtalk.socketio.websocket.BatchedWrites;

/** A Socket.IO namespace: its connect and event listeners, its sockets and their rooms. */
public final class Namespace implements EventHandlers {

    private final String name;
    private final PacketCodec codec;
    private final SocketIoStats stats;
    private final BatchedWrites unhurried;
    private final BooleanSupplier serverClosing;
    private final List<ConnectListener> connectListeners = new CopyOnWriteArrayList<>();
    /** Listeners for every socket of the namespace (a socket's own {@link Socket#on} wins). */
    private final Map<String, EventListener> listeners = new ConcurrentHashMap<>();
    private final Set<ClientSocket> sockets = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<ClientSocket>> rooms = new ConcurrentHashMap<>();

    /** @param serverClosing the server's own {@link SocketIoServer#closed} */
    Namespace(String name, PacketCodec codec, SocketIoStats stats, BatchedWrites unhurried, BooleanSupplier serverClosing) {
        this.name = name;
        this.codec = codec;
        this.stats = stats;
        this.unhurried = unhurried;
        this.serverClosing = serverClosing;
    }

    /** The server's shared batch for frames that may wait a few milliseconds (see {@link BroadcastOperator#emitUnhurried}). */
    BatchedWrites unhurried() {
        return unhurried;
    }

    /**
     * The server is closing: from now on nothing but each client's close packet is sent (see
     * {@link EngineSession#send}), so broadcasts are not even encoded. At a stop every departure
     * was still encoded and offered to each member left in its room: n²/2 dropped sends for a
     * room of n, and the JIT compiling that path while the stop waited (issue #16).
     */
    boolean isServerClosing() {
        return serverClosing.getAsBoolean();
    }

    SocketIoStats stats() {
        return stats;
    }

    public String name() {
        return name;
    }

    public void onConnect(ConnectListener listener) {
        connectListeners.add(listener);
    }

    @Override
    public void on(String event, EventListener listener) {
        listeners.put(event, listener);
    }

    EventListener listener(String event) {
        return listeners.get(event);
    }

    public BroadcastOperator to(String room) {
        return new BroadcastOperator(this, room, null);
    }

    public BroadcastOperator all() {
        return new BroadcastOperator(this, null, null);
    }

    public int size(String room) {
        Set<ClientSocket> members = rooms.get(room);
        return members == null ? 0 : members.size();
    }

    public Set<Socket> sockets(String room) {
        Set<ClientSocket> members = rooms.get(room);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    PacketCodec codec() {
        return codec;
    }

    Set<ClientSocket> members(String room) {
        return room == null ? sockets : rooms.getOrDefault(room, Set.of());
    }

    /** Runs the connect listeners; a refusal propagates as {@link ConnectRefusedException}. */
    void connect(ClientSocket socket) {
        for (ConnectListener listener : connectListeners) {
            listener.onConnect(socket);
        }
        sockets.add(socket);
    }

    void removeSocket(ClientSocket socket) {
        sockets.remove(socket);
    }

    /**
     * Atomic with {@link #removeFromRoom} dropping the room's set when its last socket leaves: the
     * add happens inside the map's compute. Adding to a set taken out of the map before (as
     * {@code computeIfAbsent(...).add(...)} did) could add the socket to a set that the last other
     * socket's leave had just dropped: a joined socket that no broadcast to the room ever found.
     */
    void addToRoom(String room, ClientSocket socket) {
        rooms.compute(room, (r, members) -> {
            Set<ClientSocket> joined = members == null ? ConcurrentHashMap.newKeySet() : members;
            joined.add(socket);
            return joined;
        });
    }

    void removeFromRoom(String room, ClientSocket socket) {
        rooms.computeIfPresent(room, (r, members) -> {
            members.remove(socket);
            return members.isEmpty() ? null : members;
        });
    }
}
