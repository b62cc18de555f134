package webtalk.realtime;

import java.util.LinkedHashMap;
import java.util.Map;
import webtalk.chat.RoomEvent;
import webtalk.contract.OwnerEvents;
import webtalk.socketio.Namespace;

/** The room events of owners and moderators as the room's sockets receive them (docs/protocol.md). */
final class OwnerPayloads {

    private OwnerPayloads() {
    }

    static void broadcast(Namespace namespace, RoomEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id_sala", event.roomId());
        String name;
        if (event instanceof RoomEvent.RoomUpdated updated) {
            name = OwnerEvents.ROOM_UPDATED;
            payload.put("nome", updated.name());
            payload.put("descricao", updated.description());
        } else if (event instanceof RoomEvent.MessagePinned pinned) {
            name = OwnerEvents.MESSAGE_PINNED;
            payload.put("id", pinned.messageId());
            payload.put("fixada", pinned.pinned());
        } else if (event instanceof RoomEvent.SlowModeChanged slow) {
            name = OwnerEvents.SLOW_MODE_CHANGED;
            payload.put("segundos", slow.seconds());
        } else if (event instanceof RoomEvent.PollSettingChanged polls) {
            name = OwnerEvents.POLL_SETTING_CHANGED;
            payload.put("somente_moderadores", polls.moderatorsOnly());
        } else {
            throw new IllegalStateException("not an owner event: " + event.getClass().getSimpleName());
        }
        namespace.to(event.roomId()).emit(name, payload);
    }
}
