package webtalk.socketio;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import webtalk.socketio.websocket.WebSocketHandshake;

/**
 * Engine.IO's WebSocket transport: either an upgrade of a polling session ({@code sid} given) or a
 * connection that starts on WebSocket. A Jetty handler in front of the web application: it takes
 * WebSocket handshakes to {@code /socket.io/} and passes every other request on, so a WebSocket
 * keeps none of the servlet request's objects once it is open. The request is checked before the
 * upgrade (version, transport, origin, sid, connections per address), so a refused client gets an
 * HTTP error instead of a socket.
 */
final class WebSocketEndpoint extends Handler.Wrapper {

    private final SocketIoServer server;
    private final WebSocketHandshake.Limits limits;

    WebSocketEndpoint(SocketIoServer server) {
        this.server = server;
        SocketIoOptions options = server.options();
        // The heartbeat decides when a quiet client is gone; the idle timeout only backs it up.
        long idleMs = options.pingInterval().plus(options.pingTimeout()).toMillis() + 10_000;
        this.limits = new WebSocketHandshake.Limits(options.maxPayload(), options.maxQueuedPackets(), idleMs);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!(path.equals(PollingEndpoint.PATH) || path.equals("/socket.io")) || !WebSocketHandshake.isUpgradeRequest(request)) {
            return super.handle(request, response, callback);
        }
        Fields query = Request.extractQueryParameters(request);
        String sid = query.getValue("sid");
        String address = server.clientAddress(Request.getRemoteAddr(request), name -> SocketIoServer.joined(request.getHeaders().getValuesList(name)));
        EngineErrors invalid = EngineErrors.check(query.getValue("EIO"), query.getValue("transport"), "websocket");
        if (invalid == null && !server.options().originAllowed().test(
                request.getHeaders().get(HttpHeader.ORIGIN), request.getHeaders().get(HttpHeader.HOST))) {
            invalid = EngineErrors.FORBIDDEN;
        }
        if (invalid == null && sid == null) {
            invalid = server.refusal(address);
        }
        java.net.URI owner = null;
        if (invalid == null && sid != null && server.session(sid) == null) {
            owner = ownerElsewhere(sid, request);
            if (owner == null) {
                invalid = EngineErrors.UNKNOWN_SID;
            }
        }
        // A second WebSocket for an upgraded session is accepted and then closed (WebSocketTransport),
        // as engine.io does: clients expect a close, not an HTTP error.
        if (invalid != null) {
            respond(response, callback, invalid.status, invalid.body());
            return true;
        }
        if (server.closed()) {
            respond(response, callback, 503, "{\"code\":3,\"message\":\"Server shutting down\"}");
            return true;
        }
        int refusal = WebSocketHandshake.refusal(request);
        if (refusal != 0) {
            if (refusal == 426) {
                WebSocketHandshake.versionHeader(response);
            }
            respond(response, callback, refusal, EngineErrors.BAD_REQUEST.body());
            return true;
        }
        if (owner != null) {
            relay(request, response, callback, owner, address);
            return true;
        }
        WebSocketHandshake.accept(request, response, callback, limits,
                new WebSocketTransport(server, sid, address, sid == null ? KeptHeaders.of(request.getHeaders(), server.options().keptHeaders()) : KeptHeaders.NONE));
        return true;
    }

    /** Cluster mode: the live node owning a sid this node does not hold, or null (none, or the request was forwarded already). */
    private java.net.URI ownerElsewhere(String sid, Request request) {
        SessionForwarder forwarder = server.forwarder();
        if (forwarder == null) {
            return null;
        }
        return forwarder.owner(sid, request.getHeaders().get(SessionForwarder.FORWARDED_HEADER) != null).orElse(null);
    }

    /**
     * Opens a WebSocket to the owner with the client's query, then accepts the client's and relays
     * between them ({@link WebSocketRelay}). Counted as a connection here and as one of maxForwarded.
     * The origin was checked here already; the owner gets none (as any non-browser client).
     */
    private void relay(Request request, Response response, Callback callback, java.net.URI owner, String address) {
        SessionForwarder forwarder = server.forwarder();
        if (!server.reserveRelay(address)) {
            EngineErrors refusal = server.refusal(address);
            EngineErrors error = refusal == null ? EngineErrors.TOO_MANY_CONNECTIONS : refusal;
            respond(response, callback, error.status, error.body());
            return;
        }
        if (!forwarder.acquire()) {
            server.releaseRelay(address);
            respond(response, callback, 503, "{\"code\":3,\"message\":\"Too many forwarded requests\"}");
            return;
        }
        WebSocketRelay relay = new WebSocketRelay(server.options().maxPayload(), closed -> {
            forwarder.relayClosed(closed);
            server.releaseRelay(address);
        });
        String query = request.getHttpURI().getQuery();
        String pathAndQuery = request.getHttpURI().getPath() + (query == null ? "" : "?" + query);
        SessionForwarder.Failure failure = forwarder.openRelay(owner, pathAndQuery, relay);
        if (failure != null) {
            relay.abandon();
            if (failure == SessionForwarder.Failure.OWNER_GONE) {
                respond(response, callback, EngineErrors.UNKNOWN_SID.status, EngineErrors.UNKNOWN_SID.body());
            } else {
                respond(response, callback, 504, "{\"code\":3,\"message\":\"Owner node timed out\"}");
            }
            return;
        }
        try {
            WebSocketHandshake.accept(request, response, callback, limits, relay);
        } catch (RuntimeException e) {
            relay.close();
            relay.abandon();
            throw e;
        }
    }

    private static void respond(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, java.nio.ByteBuffer.wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
    }
}
