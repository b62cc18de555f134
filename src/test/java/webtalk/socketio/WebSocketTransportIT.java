package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import webtalk.support.ChatClient;
import webtalk.support.RawWebSocket;
import webtalk.support.ServerTest;

/**
 * WebTalk's own WebSocket layer (RFC 6455) through a real server and a raw TCP client: the
 * handshake, framing in pieces and in bulk, control frames, and every protocol violation closing
 * only that connection with the right code while a Socket.IO bystander keeps chatting.
 */
class WebSocketTransportIT extends ServerTest {

    private static final String PATH = "/socket.io/?EIO=4&transport=websocket";

    @Test
    void handshakeAnswersTheRfcAcceptAndNegotiatesNoExtension() {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), PATH,
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits", "Sec-WebSocket-Protocol: chat")) {
            assertEquals(101, ws.status);
            assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", ws.headers.get("sec-websocket-accept"));
            assertNull(ws.headers.get("sec-websocket-extensions"), "frames are never compressed");
            assertNull(ws.headers.get("sec-websocket-protocol"));
            String open = ws.read().text();
            assertTrue(open.startsWith("0{\"sid\""), "the Engine.IO open packet comes first");
            JSONObject fields = new JSONObject(open.substring(1));
            assertEquals(5, fields.length(), open);
            assertEquals(20, fields.getString("sid").length(), open);
            assertEquals(0, fields.getJSONArray("upgrades").length(), "a WebSocket from the start has nothing to upgrade to");
            assertTrue(fields.getInt("pingInterval") > 0 && fields.getInt("pingTimeout") > 0, open);
            assertTrue(fields.getInt("maxPayload") > 0, open);
        }
        // The accept value again, on another connection: each handshake hashes with a digest of its own.
        try (RawWebSocket ws = RawWebSocket.open(server.port(), PATH)) {
            assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", ws.headers.get("sec-websocket-accept"));
        }
    }

    @Test
    void malformedHandshakesGetHttpErrors() {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), PATH, "-", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Version: 8", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==")) {
            assertEquals(426, ws.status);
            assertEquals("13", ws.headers.get("sec-websocket-version"));
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), PATH, "-", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Version: 13")) {
            assertEquals(400, ws.status, "no key");
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/socket.io/?EIO=3&transport=websocket")) {
            assertEquals(400, ws.status, "Engine.IO 3 is not spoken");
        }
        try (RawWebSocket ws = RawWebSocket.open(server.port(), PATH + "&sid=nope")) {
            assertEquals(400, ws.status, "unknown sid");
        }
    }

    @Test
    void aMessageTrickledOneByteAtATimeAndManyFramesInOneWriteAreAllRead() {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), PATH)) {
            ws.read();
            ws.trickle(RawWebSocket.text("40"));
            assertTrue(ws.readTextStartingWith("40").startsWith("40{\"sid\""));
            // two Engine.IO pings from the client in one TCP write: two pongs, in order
            ws.write(concat(RawWebSocket.text("2one"), RawWebSocket.text("2two")));
            assertEquals("3one", ws.readTextStartingWith("3"));
            assertEquals("3two", ws.readTextStartingWith("3"));
        }
    }

    @Test
    void webSocketPingIsAnsweredWithTheSamePayloadAndAFragmentedMessageIsJoined() {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), PATH)) {
            ws.read();
            ws.write(RawWebSocket.frame(0x89, "olá".getBytes(StandardCharsets.UTF_8), true));
            RawWebSocket.Frame pong = ws.read();
            assertEquals(0xA, pong.opcode());
            assertEquals("olá", pong.text());
            ws.write(RawWebSocket.frame(0x01, "2fr".getBytes(StandardCharsets.UTF_8), true),
                    RawWebSocket.frame(0x80, "ag".getBytes(StandardCharsets.UTF_8), true));
            assertEquals("3frag", ws.readTextStartingWith("3"));
        }
    }

    @Test
    void clientCloseIsEchoedAndTheConnectionEnds() {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), PATH)) {
            ws.read();
            ws.write(RawWebSocket.frame(0x88, new byte[] {0x03, (byte) 0xE8}, true));
            RawWebSocket.Frame close = ws.read();
            assertEquals(0x8, close.opcode());
            assertEquals(1000, close.closeCode());
            assertTrue(ws.endsConnection());
        }
    }

    @Test
    void protocolViolationsCloseOnlyThatConnectionWithTheirCode() throws Exception {
        try (ChatClient ana = ChatClient.connect(server.url())) {
            String room = http.createRoom("Canal", null);
            ana.join(room, "ana");
            assertEquals(1002, closeCodeAfter(RawWebSocket.frame(0x81, "40".getBytes(StandardCharsets.UTF_8), false)), "unmasked");
            assertEquals(1002, closeCodeAfter(RawWebSocket.frame(0xC1, "40".getBytes(StandardCharsets.UTF_8), true)), "RSV1 without extension");
            assertEquals(1002, closeCodeAfter(RawWebSocket.frame(0x83, new byte[1], true)), "reserved opcode");
            assertEquals(1002, closeCodeAfter(RawWebSocket.frame(0x89, new byte[126], true)), "long ping");
            assertEquals(1002, closeCodeAfter(RawWebSocket.frame(0x80, new byte[1], true)), "continuation without start");
            assertEquals(1007, closeCodeAfter(RawWebSocket.frame(0x81, new byte[] {(byte) 0xC3, 0x28}, true)), "not UTF-8");
            assertEquals(1009, closeCodeAfter(RawWebSocket.header(0x81, 70_000)), "over 64 KiB: refused from the header alone");
            assertTrue(ana.say(room, "ainda aqui").getBoolean("ok"), "the bystander keeps chatting");
            JSONObject echoed = ana.next("mensagem_chat");
            assertEquals("ainda aqui", echoed.getString("mensagem"));
        }
    }

    @Test
    void aBinaryFrameIsDeliveredAsAnAttachment() {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), PATH)) {
            ws.read();
            ws.write(RawWebSocket.text("40"));
            ws.readTextStartingWith("40");
            // a binary event nobody listens to: accepted silently, the connection stays up
            ws.write(RawWebSocket.text("451-[\"nada\",{\"_placeholder\":true,\"num\":0}]"),
                    RawWebSocket.frame(0x82, new byte[] {1, 2, 3}, true));
            ws.write(RawWebSocket.text("2x"));
            assertEquals("3x", ws.readTextStartingWith("3"), "still open after the attachment");
        }
    }

    private int closeCodeAfter(byte[] frame) {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), PATH)) {
            ws.read();
            ws.write(frame);
            RawWebSocket.Frame close = ws.read();
            assertEquals(0x8, close.opcode(), "a close frame");
            assertTrue(ws.endsConnection(), "then the TCP connection ends");
            return close.closeCode();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertArrayEquals(a, java.util.Arrays.copyOf(both, a.length));
        return both;
    }
}
