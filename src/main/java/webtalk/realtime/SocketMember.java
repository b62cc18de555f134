package webtalk.realtime;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.MemberConnection;
import webtalk.chat.Message;
import webtalk.contract.ChatEvents;
import webtalk.contract.Payloads;
import webtalk.socketio.Socket;

/** A Socket.IO socket seen as a chat member's connection; a chat room is the Socket.IO room of the same id. */
final class SocketMember implements MemberConnection {

    private final Socket socket;
    private final ZoneId zone;

    SocketMember(Socket socket, ZoneId zone) {
        this.socket = socket;
        this.zone = zone;
    }

    /** The socket behind this connection (its attributes hold the room keys it proved). */
    Socket socket() {
        return socket;
    }

    @Override
    public String id() {
        return socket.id();
    }

    @Override
    public String address() {
        return socket.remoteAddress();
    }

    /** Tells the member why it is out of the room: {@code expulso {id_sala, mensagem, codigo}}. */
    @Override
    public void removed(String roomId, ChatError error) {
        removed(roomId, new ChatException(error));
    }

    /** ... with the refusal's values, e.g. {@code banido_ate} for a ban. */
    @Override
    public void removed(String roomId, ChatException why) {
        tell(ChatEvents.REMOVED, roomId, why);
    }

    /** {@code erro {id_sala, mensagem, codigo}}: the page joins the room again (public/js/chat.js). */
    @Override
    public void outOfRoom(String roomId, ChatError error) {
        tell(ChatEvents.ERROR, roomId, new ChatException(error));
    }

    private void tell(String event, String roomId, ChatException why) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id_sala", roomId);
        payload.putAll(Payloads.socketError(why));
        socket.emit(event, payload);
    }

    @Override
    public void subscribe(String roomId) {
        socket.join(roomId);
    }

    @Override
    public void unsubscribe(String roomId) {
        socket.leave(roomId);
    }

    /** The original sent history as one {@code mensagem_chat} per message; kept, each marked {@code historico}. */
    @Override
    public void replay(String roomId, List<Message> history) {
        for (Message message : history) {
            socket.emit(ChatEvents.MESSAGE, Payloads.message(message, zone, true));
        }
    }
}
