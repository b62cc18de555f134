package webtalk.socketio;

import webtalk.socketio.websocket.BatchedWrites;

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

    /**
     * Always inside a batch of writes (the caller's, or one for this broadcast): the frames are
     * queued on every receiver first and flushed after, one write each.
     */
    public void emit(String event, Object... args) {
        Frame[] frames = ClientSocket.frames(namespace.codec().event(namespace.name(), event, args));
        if (namespace.members(room).size() >= Frame.SHARED_BY_MANY) {
            for (int i = 0; i < frames.length; i++) {
                frames[i] = Frame.broadcast(frames[i]);
            }
        }
        BatchedWrites batch = BatchedWrites.current();
        if (batch == null) {
            BatchedWrites.run(() -> deliver(BatchedWrites.current(), frames));
        } else {
            deliver(batch, frames);
        }
    }

    private void deliver(BatchedWrites batch, Frame[] frames) {
        for (ClientSocket socket : namespace.members(room)) {
            if (socket != excluded) {
                socket.send(batch, frames);
            }
        }
    }
}
