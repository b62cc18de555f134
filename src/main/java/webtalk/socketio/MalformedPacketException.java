package webtalk.socketio;

/** The client sent something the protocol does not allow; the connection is closed (spec: "parse error"). */
final class MalformedPacketException extends RuntimeException {
    MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
