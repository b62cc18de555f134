package webtalk.socketio;

import java.util.Set;
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
        if (namespace.isServerClosing()) {
            return;
        }
        Set<ClientSocket> members = namespace.members(room);
        Frame[] frames = ClientSocket.frames(namespace.codec().event(namespace.name(), event, args),
                members.size() >= Frame.SHARED_BY_MANY);
        BatchedWrites.inBatch(batch -> deliver(members, batch, frames));
    }

    /**
     * {@link #emit} for an event nobody waits on by the millisecond (who joined, left, is typing):
     * queued on every receiver now and written within {@link SocketIoServer#UNHURRIED_MILLIS}, or
     * sooner with the next frame sent to that receiver, in order. In a join storm into a room of n
     * (n² such events) a receiver then gets many in one write instead of one write each.
     */
    public void emitUnhurried(String event, Object... args) {
        if (namespace.isServerClosing()) {
            return;
        }
        Set<ClientSocket> members = namespace.members(room);
        Frame[] frames = ClientSocket.frames(namespace.codec().event(namespace.name(), event, args),
                members.size() >= Frame.SHARED_BY_MANY);
        deliver(members, namespace.unhurried(), frames);
    }

    private void deliver(Set<ClientSocket> members, BatchedWrites batch, Frame[] frames) {
        int receivers = 0;
        for (ClientSocket socket : members) {
            if (socket != excluded) {
                socket.send(batch, frames);
                receivers++;
            }
        }
        namespace.stats().delivered(receivers);
    }
}
