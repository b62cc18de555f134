package webtalk.socketio.websocket;

/**
 * What a {@link WebSocketConnection} tells its owner. The message callbacks of one connection run
 * one at a time, in arrival order, on a server thread that may block briefly; {@link #onClose}
 * runs once, after the last of them.
 */
public interface WebSocketListener {

    /** The 101 response is out and the connection reads frames: sends made earlier go out now. */
    default void onOpen(WebSocketConnection connection) {
    }

    void onText(WebSocketConnection connection, String text);

    void onBinary(WebSocketConnection connection, byte[] data);

    /**
     * The connection is closed, by either side or by a network error.
     *
     * @param code the close code (RFC 6455 §7.4): the peer's, ours, or 1006 when the TCP
     *             connection ended without a close frame
     */
    void onClose(WebSocketConnection connection, int code, String reason);
}
