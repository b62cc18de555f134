package webtalk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatService;
import webtalk.contract.Payloads;

/**
 * The one place where failures become HTTP answers: a {@link ChatException} is the user's
 * mistake (4xx, no log); anything else is ours (500 with a generic body, one log line with the
 * route and cause, never a stack trace or internal detail to the client).
 */
final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static void install(JavalinConfig config) {
        config.routes.exception(ChatException.class, (e, ctx) -> ctx.status(HttpStatuses.of(e.error())).json(Payloads.httpError(e)));
        // The admin's password check runs in the bounded hashing pool too (AdminPassword).
        config.routes.exception(webtalk.security.PasswordHashing.Busy.class,
                (e, ctx) -> answer(ctx, ChatError.SERVER_BUSY, ChatError.SERVER_BUSY.message()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            ChatError error = forStatus(e.getStatus());
            ctx.status(e.getStatus()).json(Payloads.httpError(error, error.message()));
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (clientWentAway(e)) {
                return;  // the client closed the connection (e.g. a held poll): nothing to answer, nothing wrong
            }
            // A store that cannot write says so precisely (disco_cheio 507, armazenamento_indisponivel 503).
            ChatError error = ChatService.unstored(e);
            LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
            answer(ctx, error, error.message());
        });
        config.routes.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.result() == null) {
                answer(ctx, ChatError.NOT_FOUND, ChatError.NOT_FOUND.message());
            }
        });
    }

    /** The code for an HTTP status chosen by Javalin or Jetty rather than by us. */
    static ChatError forStatus(int status) {
        return switch (status) {
            case 404 -> ChatError.NOT_FOUND;
            case 413, 414, 431 -> ChatError.PAYLOAD_TOO_LARGE;
            case 415 -> ChatError.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ChatError.INTERNAL : ChatError.INVALID_DATA;
        };
    }

    private static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException) {
                return true;
            }
        }
        return false;
    }

    static void answer(Context ctx, ChatError error, String message) {
        ctx.status(HttpStatuses.of(error)).json(Payloads.httpError(error, message));
    }
}
