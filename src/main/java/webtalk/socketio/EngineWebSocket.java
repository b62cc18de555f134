package webtalk.socketio;

import java.util.Map;
import webtalk.socketio.websocket.CloseCodes;
import webtalk.socketio.websocket.WebSocketConnection;
import webtalk.socketio.websocket.WebSocketListener;

/** Binds one WebSocket to its Engine.IO session: a new one, or the polling session it upgrades. */
final class EngineWebSocket implements WebSocketListener {

    private final SocketIoServer server;
    /** The polling session to upgrade, or null for a session that starts on WebSocket. */
    private final String upgradingSid;
    private final String remoteAddress;
    private final Map<String, String> headers;
    private volatile EngineSession session;

    EngineWebSocket(SocketIoServer server, String upgradingSid, String remoteAddress, Map<String, String> headers) {
        this.server = server;
        this.upgradingSid = upgradingSid;
        this.remoteAddress = remoteAddress;
        this.headers = headers;
    }

    @Override
    public void onOpen(WebSocketConnection connection) {
        if (upgradingSid == null) {
            EngineSession opened = server.open(remoteAddress, headers);
            if (opened == null) {
                // Admitted by the handshake's early check, then another connection took the last
                // place (of the address or the server): the count is decided here, atomically.
                connection.close(CloseCodes.POLICY_VIOLATION, "connection limit");
                return;
            }
            opened.attachWebSocket(connection);
            session = opened;
            opened.send(Frame.text(server.openPacket(opened, false)));
            return;
        }
        EngineSession existing = server.session(upgradingSid);
        if (existing == null || !existing.beginUpgrade(connection)) {
            connection.close(CloseCodes.POLICY_VIOLATION, "cannot upgrade");
            return;
        }
        session = existing;
    }

    @Override
    public void onText(WebSocketConnection connection, String text) {
        EngineSession current = session;
        if (current != null) {
            current.onWebSocketText(connection, text);
        }
    }

    @Override
    public void onBinary(WebSocketConnection connection, byte[] data) {
        EngineSession current = session;
        if (current != null) {
            current.onWebSocketBinary(connection, data);
        }
    }

    @Override
    public void onClose(WebSocketConnection connection, int code, String reason) {
        EngineSession current = session;
        if (current != null) {
            current.onWebSocketClosed(connection);
        }
    }
}
