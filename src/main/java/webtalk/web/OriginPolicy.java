package webtalk.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may talk to this server: its own (the origin whose host:port equals the
 * request's Host header) and those listed in ALLOWED_ORIGINS. A request without Origin is not
 * from a browser page (curl, native clients) and is allowed; cookies and CSRF guard the rest.
 * Used for state-changing HTTP and for the Socket.IO handshake (cross-site WebSocket hijacking).
 */
public final class OriginPolicy {

    private final List<String> allowed;

    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT).replaceAll("/+$", "")).toList();
    }

    public boolean allows(String origin, String host) {
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        String normalized = origin.toLowerCase(Locale.ROOT);
        if (allowed.contains(normalized) || allowed.contains("*")) {
            return true;
        }
        try {
            URI uri = URI.create(normalized);
            if (uri.getHost() == null || host == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            String originHostPort = uri.getHost() + ":" + port;
            String requestHost = host.toLowerCase(Locale.ROOT);
            if (!requestHost.contains(":") || requestHost.endsWith("]")) {
                requestHost = requestHost + ":" + ("https".equals(uri.getScheme()) ? 443 : 80);
            }
            return originHostPort.equals(requestHost);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
