package webtalk.socketio.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {

    @Test
    void headerLengthFollowsThePayload() {
        assertEquals(2 + 125, WebSocketFrames.text(new byte[125]).length);
        byte[] medium = WebSocketFrames.text(new byte[126]);
        assertArrayEquals(new byte[] {(byte) 0x81, 126, 0, 126}, Arrays.copyOf(medium, 4));
        byte[] max16 = WebSocketFrames.binary(new byte[65_535]);
        assertArrayEquals(new byte[] {(byte) 0x82, 126, (byte) 0xFF, (byte) 0xFF}, Arrays.copyOf(max16, 4));
        byte[] large = WebSocketFrames.binary(new byte[65_536]);
        assertArrayEquals(new byte[] {(byte) 0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0}, Arrays.copyOf(large, 10));
        assertEquals(10 + 65_536, large.length);
    }

    @Test
    void serverFramesAreUnmaskedAndFinal() {
        byte[] frame = WebSocketFrames.text("3".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new byte[] {(byte) 0x81, 1, '3'}, frame);
    }

    @Test
    void closeReasonIsCutToFitAControlFrameWithoutSplittingACharacter() {
        byte[] frame = WebSocketFrames.close(1000, "é".repeat(100));
        int payload = frame[1];
        assertTrue(payload <= 125);
        assertEquals(frame.length - 2, payload);
        String reason = new String(frame, 4, payload - 2, StandardCharsets.UTF_8);
        assertTrue(reason.chars().allMatch(c -> c == 'é'), "whole characters only");
        assertEquals(1000, ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF));
    }

    @Test
    void acceptValueIsTheOneInRfc6455() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.acceptValue("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}
