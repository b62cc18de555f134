package webtalk.socketio;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Engine.IO's HTTP long-polling transport: GET receives (held until data), POST sends. */
final class PollingEndpoint {
    /** How much of an oversize body is read and dropped so that its 413 reaches the client. */
    private static final long DISCARD_LIMIT = 1 << 20;

    static final String PATH = "/socket.io/";

    private final SocketIoServer server;
    private final Cors cors;

    PollingEndpoint(SocketIoServer server) {
        this.server = server;
        this.cors = new Cors(server.options().originAllowed());
    }

    void mount(JavalinConfig config) {
        config.routes.get(PATH, this::get);
        config.routes.post(PATH, this::post);
        config.routes.options(PATH, cors::preflight);
        // Engine.IO knows GET and POST only; anything else is a bad request, not a 404/405.
        config.routes.put(PATH, this::badMethod);
        config.routes.patch(PATH, this::badMethod);
        config.routes.delete(PATH, this::badMethod);
    }

    private void get(Context ctx) {
        cors.apply(ctx);
        if (!validQuery(ctx)) {
            return;
        }
        if (ctx.queryParam("sid") == null) {
            handshake(ctx);
            return;
        }
        EngineSession session = knownSession(ctx, () -> null);
        if (session == null) {
            return;
        }
        CompletableFuture<String> payload = session.poll();
        if (payload == null) {
            // A second concurrent GET, or polling after the upgrade: the spec closes the session
            // (a GET still held is answered with the close packet, as engine.io does).
            session.close("transport error", session.polling());
            fail(ctx, EngineErrors.BAD_REQUEST);
            return;
        }
        ctx.future(() -> payload.thenAccept(body -> text(ctx, body)));
    }

    /** EIO=4 and transport=polling, or the error is answered and false returned. */
    private static boolean validQuery(Context ctx) {
        EngineErrors invalid = EngineErrors.check(ctx.queryParam("EIO"), ctx.queryParam("transport"), "polling");
        if (invalid != null) {
            fail(ctx, invalid);
        }
        return invalid == null;
    }

    /**
     * The session named by sid, or null after answering: forwarded to the node that owns the sid
     * (cluster mode; {@code body} gives a POST's, read only then, up to one byte past maxPayload so the owner
     * refuses it as it would its own), or "Session ID unknown".
     */
    private EngineSession knownSession(Context ctx, java.util.function.Supplier<byte[]> body) {
        String sid = ctx.queryParam("sid");
        EngineSession session = server.session(sid);
        if (session == null && !forwarded(ctx, sid, body)) {
            fail(ctx, EngineErrors.UNKNOWN_SID);
        }
        return session;
    }

    /** True when the request is another live node's and is being forwarded to it (or refused with 503: too many in flight). */
    private boolean forwarded(Context ctx, String sid, java.util.function.Supplier<byte[]> body) {
        SessionForwarder forwarder = server.forwarder();
        if (forwarder == null) {
            return false;
        }
        java.util.Optional<java.net.URI> owner = forwarder.owner(sid, ctx.header(SessionForwarder.FORWARDED_HEADER) != null);
        if (owner.isEmpty()) {
            return false;
        }
        if (!forwarder.acquire()) {
            ctx.status(503).contentType("application/json").result("{\"code\":3,\"message\":\"Too many forwarded requests\"}");
            return true;
        }
        String query = ctx.req().getQueryString();
        String pathAndQuery = ctx.req().getRequestURI() + (query == null ? "" : "?" + query);
        CompletableFuture<java.net.http.HttpResponse<byte[]>> answer =
                forwarder.send(owner.get(), ctx.req().getMethod(), pathAndQuery, body.get(), ctx.contentType());
        ctx.future(() -> answer.handle((response, error) -> {
            if (error == null) {
                relay(ctx, response);
            } else if (SessionForwarder.failure(error) == SessionForwarder.Failure.OWNER_GONE) {
                fail(ctx, EngineErrors.UNKNOWN_SID);
            } else {
                ctx.status(504).contentType("application/json").result("{\"code\":3,\"message\":\"Owner node timed out\"}");
            }
            return null;
        }));
        return true;
    }

    /** The owner's answer as the client's: status, Content-Type, Cache-Control and body. */
    private static void relay(Context ctx, java.net.http.HttpResponse<byte[]> response) {
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        response.headers().firstValue("Cache-Control").ifPresent(value -> ctx.header("Cache-Control", value));
        ctx.result(response.body());
    }

    private void handshake(Context ctx) {
        if (server.closed()) {
            ctx.status(503).result("");
            return;
        }
        if (!server.options().originAllowed().test(ctx.header("Origin"), ctx.header("Host"))) {
            fail(ctx, EngineErrors.FORBIDDEN);
            return;
        }
        // The TCP peer, not ctx.ip(): the host application may resolve that itself; the hook decides here.
        String address = server.clientAddress(ctx.req().getRemoteAddr(),
                name -> SocketIoServer.joined(java.util.Collections.list(ctx.req().getHeaders(name))));
        EngineSession session = server.open(address, KeptHeaders.of(ctx.headerMap(), server.options().keptHeaders()));
        if (session == null) {
            EngineErrors refusal = server.refusal(address);
            fail(ctx, refusal == null ? EngineErrors.TOO_MANY_CONNECTIONS : refusal);
            return;
        }
        text(ctx, server.openPacket(session, true));
    }

    private void post(Context ctx) {
        cors.apply(ctx);
        if (!validQuery(ctx)) {
            return;
        }
        if (ctx.queryParam("sid") == null) {
            fail(ctx, EngineErrors.BAD_HANDSHAKE_METHOD);
            return;
        }
        EngineSession session = server.session(ctx.queryParam("sid"));
        if (session == null) {
            knownSession(ctx, () -> readBytes(ctx, server.options().maxPayload()));
            return;
        }
        if (!session.beginPost()) {
            session.close("transport error", session.polling());
            fail(ctx, EngineErrors.BAD_REQUEST);
            return;
        }
        try {
            String body = readBody(ctx, server.options().maxPayload());
            if (body == null) {
                session.close("transport error", false);
                ctx.status(413).result("");
                return;
            }
            int start = 0;
            while (start <= body.length()) {
                int end = body.indexOf(PollingTransport.SEPARATOR, start);
                if (end < 0) {
                    end = body.length();
                }
                session.onPacket(body.substring(start, end));
                if (session.isClosed()) {
                    break;
                }
                start = end + 1;
            }
            ctx.contentType("text/html").result("ok");
        } finally {
            session.endPost();
        }
    }

    private void badMethod(Context ctx) {
        cors.apply(ctx);
        fail(ctx, ctx.queryParam("sid") == null ? EngineErrors.BAD_HANDSHAKE_METHOD : EngineErrors.BAD_REQUEST);
    }

    /** The body as UTF-8, or null if it is longer than {@code limit} bytes. */
    private static String readBody(Context ctx, int limit) {
        byte[] bytes = readBytes(ctx, limit);
        return bytes.length > limit ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The body's first {@code limit} + 1 bytes at most: enough to tell it is too long. */
    private static byte[] readBytes(Context ctx, int limit) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                discardRest(in);
            }
            return bytes;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * Reads and drops what is left of an oversize body, up to {@link #DISCARD_LIMIT}. Closing a
     * connection with unread bytes in its receive buffer makes the kernel send a reset, which can
     * destroy the 413 before the client reads it; a client that sends more than the limit is left
     * to that reset rather than costing the server the read.
     */
    private static void discardRest(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long discarded = 0;
        int read;
        while (discarded < DISCARD_LIMIT && (read = in.read(sink)) >= 0) {
            discarded += read;
        }
    }

    private static void text(Context ctx, String body) {
        ctx.contentType("text/plain; charset=UTF-8").header("Cache-Control", "no-store").result(body);
    }

    private static void fail(Context ctx, EngineErrors error) {
        ctx.status(error.status).contentType("application/json").result(error.body());
    }
}
