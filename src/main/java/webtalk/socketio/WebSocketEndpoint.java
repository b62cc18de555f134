package webtalk.socketio;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Engine.IO's WebSocket transport: either an upgrade of a polling session ({@code sid} given) or a
 * connection that starts on WebSocket. The request is checked before the upgrade (version,
 * transport, origin, sid), so a refused client gets an HTTP error instead of a socket.
 */
final class WebSocketEndpoint {

    private final SocketIoServer server;
    private final Map<Session, EngineSession> bySocket = new ConcurrentHashMap<>();

    WebSocketEndpoint(SocketIoServer server) {
        this.server = server;
    }

    void mount(JavalinConfig config) {
        SocketIoOptions options = server.options();
        config.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setMaxTextMessageSize(options.maxPayload());
            factory.setMaxBinaryMessageSize(options.maxPayload());
            // The heartbeat decides when a quiet client is gone; Jetty's idle timeout only backs it up.
            factory.setIdleTimeout(options.pingInterval().plus(options.pingTimeout()).plus(Duration.ofSeconds(10)));
        });
        config.routes.wsBeforeUpgrade(PollingEndpoint.PATH, this::beforeUpgrade);
        config.routes.ws(PollingEndpoint.PATH, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> {
                EngineSession session = bySocket.get(ctx.session);
                if (session != null) {
                    session.onWebSocketText(ctx.session, ctx.message());
                }
            });
            ws.onBinaryMessage(ctx -> {
                EngineSession session = bySocket.get(ctx.session);
                if (session != null) {
                    byte[] bytes = new byte[ctx.data().remaining()];
                    ctx.data().get(bytes);
                    session.onWebSocketBinary(ctx.session, bytes);
                }
            });
            ws.onClose(ctx -> closed(ctx.session));
            ws.onError(ctx -> closed(ctx.session));
        });
    }

    private void beforeUpgrade(Context ctx) {
        EngineErrors invalid = EngineErrors.check(ctx.queryParam("EIO"), ctx.queryParam("transport"), "websocket");
        if (invalid == null && !server.options().originAllowed().test(ctx.header("Origin"), ctx.header("Host"))) {
            invalid = EngineErrors.FORBIDDEN;
        }
        String sid = ctx.queryParam("sid");
        if (invalid == null && sid == null && !server.admits(ctx.ip())) {
            invalid = EngineErrors.TOO_MANY_CONNECTIONS;
        }
        if (invalid == null && sid != null) {
            EngineSession session = server.session(sid);
            if (session == null) {
                invalid = EngineErrors.UNKNOWN_SID;
            }
            // A second WebSocket for an upgraded session is accepted and then closed in connected(),
            // as engine.io does: clients expect a close, not an HTTP error.
        }
        if (invalid == null && server.closed()) {
            throw new HttpResponseException(503, "Server shutting down");
        }
        if (invalid != null) {
            throw new HttpResponseException(invalid.status, invalid.message);
        }
    }

    private void connected(WsContext ctx) {
        String sid = ctx.queryParam("sid");
        if (sid == null) {
            EngineSession session = server.open(address(ctx.session.getRemoteSocketAddress()), ctx.headerMap());
            session.attachWebSocket(ctx.session);
            bySocket.put(ctx.session, session);
            session.send(Frame.text(server.openPacket(session, false)));
            return;
        }
        EngineSession session = server.session(sid);
        if (session == null || !session.beginUpgrade(ctx.session)) {
            ctx.closeSession(1008, "cannot upgrade");
            return;
        }
        bySocket.put(ctx.session, session);
    }

    private void closed(Session socket) {
        EngineSession session = bySocket.remove(socket);
        if (session != null) {
            session.onWebSocketClosed(socket);
        }
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(address);
    }
}
