package webtalk.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import webtalk.support.RawWebSocket;

/**
 * RFC 6455 framing abuse on an open Engine.IO WebSocket. Each closes only that connection with the
 * code §7.4.1 gives: 1002 protocol error (masking §5.1, reserved bits and opcodes §5.2, control
 * frames §5.5, fragments §5.4, a close payload of one byte or an invalid code §5.5.1/§7.4), 1007
 * for text that is not UTF-8 (§8.1), 1009 for a message over the 64 KiB limit.
 */
final class WebSocketFrameAttacks {

    private WebSocketFrameAttacks() {
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<Attack> all() {
        return List.of(
                closes("unmasked client frame", 1002, RawWebSocket.frame(0x81, utf8("40"), false)),
                closes("RSV1 set without a negotiated extension", 1002, RawWebSocket.frame(0xC1, utf8("40"), true)),
                closes("RSV2 and RSV3 set", 1002, RawWebSocket.frame(0xB1, utf8("40"), true)),
                closes("reserved data opcode 0x3", 1002, RawWebSocket.frame(0x83, new byte[1], true)),
                closes("reserved control opcode 0xB", 1002, RawWebSocket.frame(0x8B, new byte[1], true)),
                closes("ping of 126 bytes (control frames hold at most 125)", 1002, RawWebSocket.frame(0x89, new byte[126], true)),
                closes("fragmented ping (FIN clear on a control frame)", 1002, RawWebSocket.frame(0x09, utf8("x"), true)),
                closes("continuation frame with no message started", 1002, RawWebSocket.frame(0x80, utf8("x"), true)),
                closes("new text message inside a fragmented one", 1002,
                        RawWebSocket.frame(0x01, utf8("2a"), true), RawWebSocket.frame(0x81, utf8("2b"), true)),
                closes("close frame with a one-byte payload", 1002, RawWebSocket.frame(0x88, new byte[]{0x03}, true)),
                closes("close frame with the reserved code 1005", 1002, RawWebSocket.frame(0x88, new byte[]{0x03, (byte) 0xED}, true)),
                closes("text that is not UTF-8", 1007, RawWebSocket.frame(0x81, new byte[]{(byte) 0xC3, 0x28}, true)),
                closes("overlong UTF-8 encoding of '/'", 1007, RawWebSocket.frame(0x81, new byte[]{0x34, (byte) 0xC0, (byte) 0xAF}, true)),
                closes("UTF-8 sequence cut between two fragments, never finished", 1007,
                        RawWebSocket.frame(0x01, new byte[]{0x34, (byte) 0xE2, (byte) 0x82}, true),
                        RawWebSocket.frame(0x80, new byte[]{0x41}, true)),
                closes("message over 64 KiB announced in one header", 1009, RawWebSocket.header(0x81, 70_000)),
                closes("message over 64 KiB built from 2 KiB fragments", 1009, fragments(40, 2048)));
    }

    private static Attack closes(String name, int code, byte[]... frames) {
        return Attack.of("websocket: " + name + " → close " + code, "main", a -> {
            RawWebSocket ws = a.engineWebSocket();
            ws.write(frames);
            assertEquals(code, Expect.closeCode(ws), name);
        });
    }

    /** One text message in {@code count} fragments of {@code size} bytes, the last one final. */
    private static byte[] fragments(int count, int size) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] payload = new byte[size];
        java.util.Arrays.fill(payload, (byte) 'x');
        payload[0] = '4';
        for (int i = 0; i < count; i++) {
            int first = (i == count - 1 ? 0x80 : 0) | (i == 0 ? 0x1 : 0x0);
            all.writeBytes(RawWebSocket.frame(first, payload, true));
            payload[0] = 'x';
        }
        return all.toByteArray();
    }
}
