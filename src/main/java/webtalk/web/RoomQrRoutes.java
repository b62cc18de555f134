package webtalk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatService;
import webtalk.security.ClientAddresses;

/**
 * {@code GET /api/salas/{id}/qr.svg}: the QR code of a room's link ({@code <origin>/chat/{id}}) for
 * the projector page ({@code /sala/{id}/projetar}), drawn here so no outside service ever sees a room.
 *
 * <p>Which origin: the page names its own ({@code ?origem=}, as the browser sees it, so a TLS proxy
 * in front needs no configuration) and it is taken only if the Socket.IO handshake would accept it
 * — the request's Host or ALLOWED_ORIGINS — so nobody can make this server draw a QR code that leads
 * elsewhere. Without {@code origem} the link is built from the request: Host (or
 * {@code X-Forwarded-Host}) and the scheme, the forwarded headers believed only from
 * TRUSTED_PROXIES. Either way the answer depends on headers, so it is cached by the browser only
 * ({@code private}), never by a shared cache another client's Host could poison.
 */
final class RoomQrRoutes {

    /** Far more than any real origin; it also keeps the code well inside {@link QrCodeSvg#MAX_VERSION}. */
    private static final int MAX_ORIGIN = 200;
    private static final String HOST_PORT = "(\\[[0-9a-f:.]+\\]|[a-z0-9.-]+)(:\\d{1,5})?";
    private static final Pattern ORIGIN = Pattern.compile("https?://" + HOST_PORT);
    private static final Pattern HOST = Pattern.compile(HOST_PORT);
    /** A room's link never changes; a day spares a projector left on all week little, but a reload still checks the ETag. */
    private static final String CACHE = "private, max-age=86400";

    private final ChatService chat;
    private final OriginPolicy origins;
    private final ClientAddresses clientAddresses;

    RoomQrRoutes(ChatService chat, OriginPolicy origins, ClientAddresses clientAddresses) {
        this.chat = chat;
        this.origins = origins;
        this.clientAddresses = clientAddresses;
    }

    void install(JavalinConfig config) {
        config.routes.get("/api/salas/{id}/qr.svg", this::qr);
    }

    private void qr(Context ctx) {
        String roomId = chat.room(ctx.pathParam("id")).room().id();
        String svg;
        try {
            svg = QrCodeSvg.of(origin(ctx) + "/chat/" + roomId);
        } catch (QrCodeSvg.TooLong e) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        ctx.header("Cache-Control", CACHE);
        if (StaticAssets.answeredNotModified(ctx, StaticAssets.etag(svg.getBytes(StandardCharsets.UTF_8)))) {
            return;
        }
        ctx.contentType("image/svg+xml").result(svg);
    }

    private String origin(Context ctx) {
        String asked = ctx.queryParam("origem");
        if (asked != null) {
            String origin = asked.strip().toLowerCase(Locale.ROOT);
            if (origin.length() > MAX_ORIGIN || !ORIGIN.matcher(origin).matches() || !origins.allows(origin, ctx.header("Host"))) {
                throw new ChatException(ChatError.INVALID_DATA);
            }
            return origin;
        }
        String peer = ctx.req().getRemoteAddr();
        String host = clientAddresses.forwardedHost(peer, name -> WebApi.allValues(ctx, name));
        if (host == null) {
            host = ctx.header("Host");
        }
        host = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (host.length() > MAX_ORIGIN || !HOST.matcher(host).matches()) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        boolean https = clientAddresses.overHttps(ctx.req().isSecure(), peer, name -> WebApi.allValues(ctx, name));
        return (https ? "https://" : "http://") + host;
    }
}
