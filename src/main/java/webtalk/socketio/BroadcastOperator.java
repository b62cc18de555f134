package webtalk.socketio;

/** Sends one event to many sockets: the packet is encoded once and the same frames are queued for each receiver. */
public final class BroadcastOperator {

    private final Namespace namespace;
    private final String room;
    private final Socket excluded;

    BroadcastOperator(Namespace namespace, String room, Socket excluded) {
        this.namespace = namespace;
        this.room = room;
        this.excluded = excluded;
    }

    public BroadcastOperator except(Socket socket) {
        return new BroadcastOperator(namespace, room, socket);
    }

    public void emit(String event, Object... args) {
        Frame[] frames = ClientSocket.frames(namespace.codec().event(namespace.name(), event, args));
        for (ClientSocket socket : namespace.members(room)) {
            if (socket != excluded) {
                socket.send(frames);
            }
        }
    }
}
