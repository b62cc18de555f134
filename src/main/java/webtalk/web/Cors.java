package webtalk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import webtalk.chat.ChatError;

/**
 * CORS for the part of the REST API a page on another allowed origin (ALLOWED_ORIGINS) needs:
 * {@code /api/salas…} and {@code /api/limites}. An allowed origin is echoed back (never {@code *}),
 * with {@code Vary: Origin}; no credentials are allowed (these routes use no cookie: a join token
 * travels in the body or {@code Authorization}). A disallowed origin gets no CORS header at all,
 * so the browser withholds the answer; its state-changing requests are refused by
 * {@link SecurityHeaders} as before. The admin API stays same-origin: no CORS, no preflight.
 */
final class Cors {

    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Content-Type, Authorization, X-CSRF-Token";
    static final String MAX_AGE_SECONDS = "600";

    private final OriginPolicy origins;

    Cors(OriginPolicy origins) {
        this.origins = origins;
    }

    void install(JavalinConfig config) {
        for (String path : new String[]{"/api/salas", "/api/salas/*", "/api/limites"}) {
            config.routes.before(path, this::allowOrigin);
            config.routes.options(path, this::preflight);
        }
    }

    private void allowOrigin(Context ctx) {
        ctx.header("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (origin != null && !origin.isEmpty() && origins.allows(origin, ctx.header("Host"))) {
            ctx.header("Access-Control-Allow-Origin", origin);
        }
    }

    private void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Allow", ALLOWED_METHODS);
        if (origin != null && !origin.isEmpty() && !origins.allows(origin, ctx.header("Host"))) {
            ErrorMapping.answer(ctx, ChatError.FORBIDDEN_ORIGIN, ChatError.FORBIDDEN_ORIGIN.message());
            return;
        }
        ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
        ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
        ctx.status(204);
    }
}
