package webtalk.socketio.websocket;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses the frames a client sends (RFC 6455 §5), as bytes arrive in pieces of any size: checks
 * masking, reserved bits, opcodes and control-frame rules, joins fragments into messages no
 * larger than the limit, checks text is UTF-8, and hands complete messages and control frames to
 * its {@link Sink}. Anything else is a {@link ProtocolViolation} carrying the close code to send.
 * A parser holds no buffer between messages, so an idle connection costs a few fields.
 */
final class FrameParser {

    interface Sink {
        /** Asked after each message: true stops parsing, leaving the rest in the buffer. */
        default boolean paused() {
            return false;
        }

        void text(String text);

        void binary(byte[] data);

        void ping(byte[] payload);

        void pong(byte[] payload);

        void close(int code, String reason);
    }

    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final byte[] EMPTY = new byte[0];

    private final int maxMessage;
    private final Sink sink;

    // the frame being read
    private boolean inFrame;
    private boolean fin;
    private int opcode;
    private int length;
    private int read;
    private int mask;
    private byte[] control;

    // the message being assembled (a data frame and its continuations)
    private int messageOpcode;
    private byte[] message;
    private int messageLength;

    FrameParser(int maxMessage, Sink sink) {
        this.maxMessage = maxMessage;
        this.sink = sink;
    }

    /**
     * Consumes what it can of {@code in}; a partial header stays in the buffer for the next call,
     * and so does everything after a message once the sink is {@link Sink#paused()}.
     */
    void parse(ByteBuffer in) throws ProtocolViolation {
        while (!sink.paused()) {
            if (!inFrame) {
                if (!header(in)) {
                    return;
                }
            }
            int n = Math.min(in.remaining(), length - read);
            byte[] target = isControl(opcode) ? control : message;
            int offset = isControl(opcode) ? read : messageLength + read;
            unmask(in, target, offset, n);
            read += n;
            if (read < length) {
                return;
            }
            frameDone();
        }
    }

    /** Whether a message is half-read: the connection's read buffer must then be kept. */
    boolean midFrame() {
        return inFrame || messageOpcode != 0;
    }

    private boolean header(ByteBuffer in) throws ProtocolViolation {
        int available = in.remaining();
        if (available < 2) {
            return false;
        }
        int p = in.position();
        int b0 = in.get(p) & 0xFF;
        int b1 = in.get(p + 1) & 0xFF;
        if ((b1 & 0x80) == 0) {
            // checked first: an unmasked frame has no mask key to wait for
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "client frame not masked");
        }
        int len7 = b1 & 0x7F;
        int size = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4;
        if (available < size) {
            return false;
        }
        if ((b0 & 0x70) != 0) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "reserved bits set");
        }
        long frameLength = len7;
        if (len7 == 126) {
            frameLength = ((in.get(p + 2) & 0xFF) << 8) | (in.get(p + 3) & 0xFF);
        } else if (len7 == 127) {
            frameLength = in.getLong(p + 2);
            if (frameLength < 0) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "bad frame length");
            }
        }
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0F;
        if (isControl(opcode)) {
            if (opcode != WebSocketFrames.CLOSE && opcode != WebSocketFrames.PING && opcode != WebSocketFrames.PONG) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "unknown opcode " + opcode);
            }
            if (!fin || frameLength > MAX_CONTROL_PAYLOAD) {
                throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "fragmented or long control frame");
            }
            control = frameLength == 0 ? EMPTY : new byte[(int) frameLength];
        } else {
            startData(frameLength);
        }
        length = (int) frameLength;
        mask = in.getInt(p + size - 4);
        read = 0;
        inFrame = true;
        in.position(p + size);
        return true;
    }

    private void startData(long frameLength) throws ProtocolViolation {
        boolean continuation = opcode == 0;
        if (continuation && messageOpcode == 0) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "continuation without a message");
        }
        if (!continuation && opcode != WebSocketFrames.TEXT && opcode != WebSocketFrames.BINARY) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "unknown opcode " + opcode);
        }
        if (!continuation && messageOpcode != 0) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "new message inside a fragmented one");
        }
        long total = (continuation ? messageLength : 0) + frameLength;
        if (total > maxMessage) {
            throw new ProtocolViolation(CloseCodes.TOO_BIG, "message larger than " + maxMessage + " bytes");
        }
        if (!continuation) {
            messageOpcode = opcode;
            messageLength = 0;
        }
        if (message == null) {
            message = new byte[(int) total];
        } else if (message.length < total) {
            message = Arrays.copyOf(message, (int) Math.max(total, Math.min(maxMessage, 2L * message.length)));
        }
    }

    private void unmask(ByteBuffer in, byte[] target, int offset, int n) {
        int index = read;
        int p = in.position();
        for (int i = 0; i < n; i++, index++) {
            int key = (mask >>> (24 - 8 * (index & 3))) & 0xFF;
            target[offset + i] = (byte) (in.get(p + i) ^ key);
        }
        in.position(p + n);
    }

    private void frameDone() throws ProtocolViolation {
        inFrame = false;
        if (isControl(opcode)) {
            byte[] payload = control;
            control = null;
            switch (opcode) {
                case WebSocketFrames.PING -> sink.ping(payload);
                case WebSocketFrames.PONG -> sink.pong(payload);
                default -> closeFrame(payload);
            }
            return;
        }
        messageLength += length;
        if (!fin) {
            return;
        }
        byte[] bytes = message.length == messageLength ? message : Arrays.copyOf(message, messageLength);
        int kind = messageOpcode;
        message = null;
        messageOpcode = 0;
        messageLength = 0;
        if (kind == WebSocketFrames.TEXT) {
            sink.text(utf8(bytes));
        } else {
            sink.binary(bytes);
        }
    }

    private void closeFrame(byte[] payload) throws ProtocolViolation {
        if (payload.length == 0) {
            sink.close(CloseCodes.NO_CODE, "");
            return;
        }
        if (payload.length == 1) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "close frame of one byte");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCodes.sendable(code)) {
            throw new ProtocolViolation(CloseCodes.PROTOCOL_ERROR, "invalid close code " + code);
        }
        sink.close(code, utf8(Arrays.copyOfRange(payload, 2, payload.length)));
    }

    private static String utf8(byte[] bytes) throws ProtocolViolation {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolViolation(CloseCodes.INVALID_DATA, "text is not UTF-8");
        }
    }

    private static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }
}
