package webtalk.socketio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import webtalk.socketio.websocket.WebSocketFrames;

/**
 * One Engine.IO packet ready to write, shared by every receiver of a broadcast: the text form
 * (e.g. {@code 42["mensagem_chat",{…}]}) or binary bytes. Its WebSocket frame (header and UTF-8
 * payload in one array) is encoded once, on first need, and written as it is to every receiver.
 */
final class Frame {

    private final String text;
    private final byte[] binary;
    /** For a broadcast: kept off the heap, so no receiver's write copies it to a native buffer first. */
    private final boolean direct;
    private volatile ByteBuffer webSocketFrame;

    private Frame(String text, byte[] binary, boolean direct) {
        this.text = text;
        this.binary = binary;
        this.direct = direct;
    }

    /** From this many receivers on, a frame is worth allocating off the heap. */
    static final int SHARED_BY_MANY = 4;

    static Frame text(String text) {
        return text(text, false);
    }

    /** @param shared many receivers will be sent it: its WebSocket frame is kept off the heap */
    static Frame text(String text, boolean shared) {
        return new Frame(text, null, shared);
    }

    static Frame binary(byte[] bytes, boolean shared) {
        return new Frame(null, bytes, shared);
    }

    boolean isText() {
        return text != null;
    }

    String text() {
        return text;
    }

    byte[] binary() {
        return binary;
    }

    /** The encoded WebSocket frame, shared: readers take a duplicate. */
    ByteBuffer webSocketFrame() {
        ByteBuffer frame = webSocketFrame;
        if (frame == null) {
            byte[] bytes = text != null ? WebSocketFrames.text(text.getBytes(StandardCharsets.UTF_8)) : WebSocketFrames.binary(binary);
            frame = direct ? ByteBuffer.allocateDirect(bytes.length).put(bytes).flip() : ByteBuffer.wrap(bytes);
            webSocketFrame = frame.asReadOnlyBuffer();
            frame = webSocketFrame;
        }
        return frame;
    }

    /** Length as counted for polling payload limits. */
    int size() {
        return text != null ? text.length() : binary.length;
    }
}
