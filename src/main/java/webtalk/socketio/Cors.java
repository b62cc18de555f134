package webtalk.socketio;

import io.javalin.http.Context;
import java.util.function.BiPredicate;

/**
 * CORS for {@code /socket.io/}, as engine.io's {@code cors} option with an origin list: a browser
 * page on an allowed origin may poll with the default client options (credentials included). The
 * answer names that one origin, never {@code *}; a page on any other origin gets no CORS header,
 * so its browser keeps it from reading anything (and its handshake is refused anyway).
 */
final class Cors {

    /** Longest Access-Control-Request-Headers echoed: a browser asks for a few names. */
    static final int MAX_REQUESTED_HEADERS = 1024;
    static final String MAX_AGE_SECONDS = "600";

    private final BiPredicate<String, String> originAllowed;

    Cors(BiPredicate<String, String> originAllowed) {
        this.originAllowed = originAllowed;
    }

    /** Adds the CORS headers to a GET or POST whose Origin is allowed; true unless the Origin is refused. */
    boolean apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;  // not a cross-origin browser request
        }
        ctx.header("Vary", "Origin");
        if (!originAllowed.test(origin, ctx.header("Host"))) {
            return false;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        return true;
    }

    /** Answers a preflight {@code OPTIONS}: 204 with what the page may send, or 403 for another origin. */
    void preflight(Context ctx) {
        if (ctx.header("Origin") == null || !apply(ctx)) {
            ctx.status(EngineErrors.FORBIDDEN.status).contentType("application/json").result(EngineErrors.FORBIDDEN.body());
            return;
        }
        ctx.header("Access-Control-Allow-Methods", "GET, POST");
        String requested = ctx.header("Access-Control-Request-Headers");
        if (requested != null && requested.length() <= MAX_REQUESTED_HEADERS && headerNames(requested)) {
            ctx.header("Access-Control-Allow-Headers", requested);
        }
        ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
        ctx.status(204);
    }

    /** A comma-separated list of header names (RFC 9110 tokens): nothing else is echoed back. */
    private static boolean headerNames(String list) {
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            boolean token = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token && c != ',' && c != ' ') {
                return false;
            }
        }
        return true;
    }
}
