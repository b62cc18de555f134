package webtalk.socketio.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import webtalk.support.RawWebSocket;

class FrameParserTest {

    private final List<String> seen = new ArrayList<>();
    private final FrameParser parser = new FrameParser(1000, new FrameParser.Sink() {
        @Override
        public void text(String text) {
            seen.add("text:" + text);
        }

        @Override
        public void binary(byte[] data) {
            seen.add("binary:" + data.length);
        }

        @Override
        public void ping(byte[] payload) {
            seen.add("ping:" + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void pong(byte[] payload) {
            seen.add("pong:" + payload.length);
        }

        @Override
        public void close(int code, String reason) {
            seen.add("close:" + code + ":" + reason);
        }
    });

    static byte[] frame(int first, byte[] payload, boolean masked) {
        return RawWebSocket.frame(first, payload, masked);
    }

    static byte[] text(String text) {
        return frame(0x81, text.getBytes(StandardCharsets.UTF_8), true);
    }

    private void feed(byte[]... frames) throws ProtocolViolation {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        parser.parse(ByteBuffer.wrap(all.toByteArray()));
    }

    @Test
    void textFrameArrivingOneByteAtATimeIsOneMessage() throws Exception {
        byte[] bytes = text("42[\"mensagem_chat\",{\"mensagem\":\"olá\"}]");
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length);
        buffer.flip();
        for (byte b : bytes) {
            // append one byte (flush mode, as Jetty fills) and parse what is there
            buffer.compact().put(b).flip();
            parser.parse(buffer);
        }
        assertEquals(List.of("text:42[\"mensagem_chat\",{\"mensagem\":\"olá\"}]"), seen);
        assertFalse(parser.midFrame());
    }

    @Test
    void severalFramesInOneReadComeOutInOrder() throws Exception {
        feed(text("2"), text("40"), frame(0x82, new byte[3], true), text("3"));
        assertEquals(List.of("text:2", "text:40", "binary:3", "text:3"), seen);
    }

    @Test
    void fragmentsJoinAndAControlFrameMayComeBetweenThem() throws Exception {
        feed(frame(0x01, "ab".getBytes(StandardCharsets.UTF_8), true),
                frame(0x89, "x".getBytes(StandardCharsets.UTF_8), true),
                frame(0x00, "cd".getBytes(StandardCharsets.UTF_8), true),
                frame(0x80, "e".getBytes(StandardCharsets.UTF_8), true));
        assertEquals(List.of("ping:x", "text:abcde"), seen);
    }

    @Test
    void extendedLengthsAreRead() throws Exception {
        FrameParser big = new FrameParser(100_000, new CountingSink());
        big.parse(ByteBuffer.wrap(frame(0x82, new byte[300], true)));
        big.parse(ByteBuffer.wrap(frame(0x82, new byte[70_000], true)));
        assertFalse(big.midFrame());
    }

    @Test
    void emptyMessagesAndCloseWithoutCode() throws Exception {
        feed(frame(0x81, new byte[0], true), frame(0x88, new byte[0], true));
        assertEquals(List.of("text:", "close:1005:"), seen);
    }

    @Test
    void closeCodeAndReason() throws Exception {
        feed(frame(0x88, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'}, true));
        assertEquals(List.of("close:1000:bye"), seen);
    }

    @Test
    void unmaskedClientFrameIsAProtocolError() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0x81, "2".getBytes(StandardCharsets.UTF_8), false)));
    }

    @Test
    void reservedBitsWithoutAnExtensionAreAProtocolError() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0xC1, "2".getBytes(StandardCharsets.UTF_8), true)));
    }

    @Test
    void unknownOpcodesAreProtocolErrors() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0x83, new byte[1], true)));
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0x8B, new byte[1], true)));
    }

    @Test
    void controlFramesMustBeShortAndWhole() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0x89, new byte[126], true)));
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0x09, new byte[1], true)));
    }

    @Test
    void continuationWithoutAStartAndAStartInsideAMessageAreProtocolErrors() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0x80, new byte[1], true)));
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0x01, new byte[1], true), frame(0x81, new byte[1], true)));
    }

    @Test
    void aMessageOverTheLimitIsRefusedBeforeItIsRead() {
        assertEquals(CloseCodes.TOO_BIG, violation(frame(0x81, new byte[1001], true)));
        assertEquals(CloseCodes.TOO_BIG, violation(frame(0x01, new byte[600], true), frame(0x80, new byte[401], true)));
        // a 64-bit length that no one could send is refused from the header alone
        byte[] header = {(byte) 0x82, (byte) 0xFF, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4};
        assertEquals(CloseCodes.TOO_BIG, violation(header));
    }

    @Test
    void textThatIsNotUtf8IsInvalidData() {
        assertEquals(CloseCodes.INVALID_DATA, violation(frame(0x81, new byte[] {(byte) 0xC3, 0x28}, true)));
        assertEquals(CloseCodes.INVALID_DATA, violation(frame(0x88, new byte[] {0x03, (byte) 0xE8, (byte) 0xFF}, true)));
    }

    @Test
    void invalidCloseFramesAreProtocolErrors() {
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0x88, new byte[] {0x03}, true)));
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0x88, new byte[] {0x03, (byte) 0xED}, true)));  // 1005
        assertEquals(CloseCodes.PROTOCOL_ERROR, violation(frame(0x88, new byte[] {0x00, 0x64}, true)));  // 100
    }

    @Test
    void aPartialHeaderWaitsForTheRest() throws Exception {
        byte[] bytes = frame(0x81, new byte[200], true);
        ByteBuffer part = ByteBuffer.wrap(bytes, 0, 3);
        parser.parse(part);
        assertEquals(0, part.position(), "nothing consumed until the whole header is there");
        assertTrue(seen.isEmpty());
    }

    /** The close code a fresh parser throws for these bytes (after a violation a connection is closed, not reused). */
    private static int violation(byte[]... frames) {
        FrameParser fresh = new FrameParser(1000, new CountingSink());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            all.writeBytes(f);
        }
        return assertThrows(ProtocolViolation.class, () -> fresh.parse(ByteBuffer.wrap(all.toByteArray()))).code;
    }

    private static final class CountingSink implements FrameParser.Sink {
        @Override
        public void text(String text) {
        }

        @Override
        public void binary(byte[] data) {
            assertArrayEquals(new byte[data.length], data, "unmasked back to zeros");
        }

        @Override
        public void ping(byte[] payload) {
        }

        @Override
        public void pong(byte[] payload) {
        }

        @Override
        public void close(int code, String reason) {
        }
    }
}
