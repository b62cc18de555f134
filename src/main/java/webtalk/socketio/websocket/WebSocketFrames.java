package webtalk.socketio.websocket;

import java.nio.charset.StandardCharsets;

/**
 * Encodes the frames a server sends (RFC 6455 §5.2): unmasked, never fragmented. A broadcast's
 * frame is encoded once, header and payload in one array, and written as it is to every receiver.
 */
public final class WebSocketFrames {

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private WebSocketFrames() {
    }

    public static byte[] text(byte[] utf8) {
        return frame(TEXT, utf8, utf8.length);
    }

    public static byte[] binary(byte[] data) {
        return frame(BINARY, data, data.length);
    }

    static byte[] pong(byte[] payload) {
        return frame(PONG, payload, payload.length);
    }

    /** A close frame; the reason is cut so the payload stays within a control frame's 125 bytes. */
    static byte[] close(int code, String reason) {
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int textLength = Math.min(text.length, 123);
        while (textLength > 0 && textLength < text.length && (text[textLength] & 0xC0) == 0x80) {
            textLength--;  // do not cut a UTF-8 sequence in two
        }
        byte[] payload = new byte[2 + textLength];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, textLength);
        return frame(CLOSE, payload, payload.length);
    }

    private static byte[] frame(int opcode, byte[] payload, int length) {
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) (0x80 | opcode);
        if (length < 126) {
            frame[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (length >> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }
}
