package webtalk.socketio.websocket;

/** A client broke RFC 6455: the connection is closed with {@link #code} (1002, 1007 or 1009). */
final class ProtocolViolation extends Exception {

    final int code;

    ProtocolViolation(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }
}
