package webtalk.realtime;

import java.time.ZoneId;
import java.util.Map;
import java.util.function.Consumer;
import webtalk.chat.RoomEvent;
import webtalk.contract.ChatEvents;
import webtalk.contract.Payloads;
import webtalk.contract.PollPayloads;
import webtalk.socketio.Namespace;
import webtalk.socketio.Socket;

/** Delivers room events to this node's sockets in the room; each event is encoded once for all of them. */
final class RoomBroadcaster implements Consumer<RoomEvent> {

    private final Namespace namespace;
    private final ZoneId zone;

    RoomBroadcaster(Namespace namespace, ZoneId zone) {
        this.namespace = namespace;
        this.zone = zone;
    }

    @Override
    public void accept(RoomEvent event) {
        // Java 17: no pattern switch yet; the sealed RoomEvent keeps this list complete by review.
        if (event instanceof RoomEvent.MessagePosted posted) {
            namespace.to(posted.roomId()).emit(ChatEvents.MESSAGE, Payloads.message(posted.message(), zone, false));
        } else if (event instanceof RoomEvent.UserJoined joined) {
            // Unhurried: a join storm into a room of n is n² of these; each member's share one write.
            namespace.to(joined.roomId()).emitUnhurried(ChatEvents.USER_JOINED,
                    Payloads.presence(joined.roomId(), joined.nickname(), joined.usersOnline()));
        } else if (event instanceof RoomEvent.UserLeft left) {
            namespace.to(left.roomId()).emitUnhurried(ChatEvents.USER_LEFT,
                    Payloads.presence(left.roomId(), left.nickname(), left.usersOnline()));
        } else if (event instanceof RoomEvent.MessageDeleted deleted) {
            namespace.to(deleted.roomId()).emit(ChatEvents.MESSAGE_DELETED,
                    Map.of("id", deleted.messageId(), "id_sala", deleted.roomId()));
        } else if (event instanceof RoomEvent.MessageEdited edited) {
            namespace.to(edited.roomId()).emit(ChatEvents.MESSAGE_EDITED, Payloads.messageEdited(edited));
        } else if (event instanceof RoomEvent.ReactionsChanged changed) {
            namespace.to(changed.roomId()).emit(ChatEvents.REACTIONS_CHANGED, Payloads.reactionsChanged(changed));
        } else if (event instanceof RoomEvent.MemberRemoved) {
            // Nothing for the room: the removed member is told by its own node, and the room by its usuario_saiu.
        } else if (event instanceof RoomEvent.UserTyping typing) {
            namespace.to(typing.roomId()).emit(ChatEvents.TYPING,
                    Map.of("id_sala", typing.roomId(), "nome_usuario", typing.nickname()));
        } else if (event instanceof RoomEvent.RoomClosed closed) {
            close(closed);
        } else if (event instanceof RoomEvent.PollOpened opened) {
            namespace.to(opened.roomId()).emit(PollPayloads.OPENED, PollPayloads.poll(opened.poll()));
        } else if (event instanceof RoomEvent.PollUpdated updated) {
            namespace.to(updated.roomId()).emit(PollPayloads.UPDATED, PollPayloads.poll(updated.poll()));
        } else if (event instanceof RoomEvent.RoomUpdated
                || event instanceof RoomEvent.MessagePinned || event instanceof RoomEvent.SlowModeChanged
                || event instanceof RoomEvent.PollSettingChanged) {
            OwnerPayloads.broadcast(namespace, event);
        } else {
            throw new IllegalStateException("unmapped room event " + event.getClass().getSimpleName());
        }
    }

    private void close(RoomEvent.RoomClosed closed) {
        namespace.to(closed.roomId()).emit(ChatEvents.ROOM_CLOSED, Payloads.roomClosed(closed.roomId(), closed.reason()));
        for (Socket socket : namespace.sockets(closed.roomId())) {
            socket.leave(closed.roomId());
        }
    }
}
