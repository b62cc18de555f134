package webtalk.socketio;

/** Engine.IO's HTTP error bodies: {@code {"code":n,"message":"…"}} with status 400 (403 for a refused origin). */
enum EngineErrors {
    UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
    UNKNOWN_SID(1, "Session ID unknown", 400),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
    BAD_REQUEST(3, "Bad request", 400),
    FORBIDDEN(4, "Forbidden", 403),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400),
    TOO_MANY_CONNECTIONS(4, "Too many connections from this address", 429),
    SERVER_FULL(4, "Server full", 503);

    final int code;
    final String message;
    final int status;

    EngineErrors(int code, String message, int status) {
        this.code = code;
        this.message = message;
        this.status = status;
    }

    String body() {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }

    /** Checks the query parameters every Engine.IO request carries; null when they are fine. */
    static EngineErrors check(String eio, String transport, String expectedTransport) {
        if (!"4".equals(eio)) {
            return UNSUPPORTED_PROTOCOL_VERSION;
        }
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            return UNKNOWN_TRANSPORT;
        }
        return transport.equals(expectedTransport) ? null : BAD_REQUEST;
    }
}
