package webtalk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;

/**
 * Headers every answer carries (a strict CSP with no inline script or style, no framing, no
 * sniffing, no referrer leaks) and the origin check on state-changing requests.
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void install(JavalinConfig config, OriginPolicy origins) {
        config.routes.before(ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("Cross-Origin-Opener-Policy", "same-origin");
            if (ctx.path().startsWith("/api/")) {
                // answers carry join tokens, CSRF tokens and admin data: no shared or browser cache keeps them
                ctx.header("Cache-Control", "no-store");
            }
            if (changesState(ctx) && ctx.path().startsWith("/api/") && !origins.allows(ctx.header("Origin"), ctx.header("Host"))) {
                throw new ChatException(ChatError.FORBIDDEN_ORIGIN);
            }
        });
    }

    private static boolean changesState(Context ctx) {
        String method = ctx.method().name();
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }
}
