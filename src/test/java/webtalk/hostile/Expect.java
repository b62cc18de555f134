package webtalk.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.Set;
import org.json.JSONObject;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RawHttp;
import webtalk.support.RawWebSocket;

/** The outcomes attacks expect, stated once. */
final class Expect {

    static final String BAD_PACKET = "pacote_invalido";

    private Expect() {
    }

    /** The ack refuses with this code, and the same code arrives as an {@code erro} event. */
    static void refused(ChatClient client, JSONObject ack, String code) {
        assertFalse(ack.getBoolean("ok"), "refused: " + ack);
        assertEquals(code, ack.getString("codigo"), ack.toString());
        assertFalse(ack.getString("mensagem").isBlank());
        assertEquals(code, client.next("erro", e -> code.equals(e.optString("codigo"))).getString("codigo"));
    }

    /** Refused with one of the codes (where the spec of the defence leaves the choice open). */
    static void refusedWithOneOf(JSONObject ack, Set<String> codes) {
        assertFalse(ack.getBoolean("ok"), "refused: " + ack);
        assertTrue(codes.contains(ack.getString("codigo")), "expected one of " + codes + ": " + ack);
    }

    static void accepted(JSONObject ack) {
        assertTrue(ack.getBoolean("ok"), "accepted: " + ack);
    }

    /** A REST refusal: the status and {@code {erro, codigo}}. */
    static void httpError(Http.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.body());
        assertNotNull(answer.json(), "a JSON body: " + answer.body());
        assertEquals(code, answer.json().path("codigo").asText(), answer.body());
        assertFalse(answer.json().path("erro").asText().isBlank(), answer.body());
    }

    static void httpError(RawHttp.Response answer, int status, String code) {
        assertEquals(status, answer.status(), answer.body());
        JsonNode json = answer.json();
        assertNotNull(json, "a JSON body: " + answer.body());
        if (code != null) {
            assertEquals(code, json.path("codigo").asText(), answer.body());
        } else {
            assertFalse(json.path("codigo").asText().isBlank(), "some codigo: " + answer.body());
        }
        assertFalse(json.path("erro").asText().isBlank(), answer.body());
    }

    /** An Engine.IO HTTP error: the status and {@code {"code":n}}. */
    static void engineError(Http.Answer answer, int status, int code) {
        assertEquals(status, answer.status(), answer.body());
        assertNotNull(answer.json(), answer.body());
        assertEquals(code, answer.json().path("code").asInt(-1), answer.body());
    }

    /**
     * Over WebSocket, a malformed packet is answered with {@code erro pacote_invalido}, then the
     * Engine.IO close packet "1", then a WebSocket close (1000) and the end of the connection.
     */
    static void closedAsMalformed(RawWebSocket ws) {
        String notice = ws.readTextStartingWith("42");
        assertTrue(notice.startsWith("42[\"erro\",") && notice.contains("\"codigo\":\"" + BAD_PACKET + "\""), notice);
        assertEquals("1", ws.readTextStartingWith("1"), "the Engine.IO close packet");
        assertEquals(1000, closeCode(ws));
    }

    /** Reads until the server's close frame (answering Engine.IO pings), checks the connection then ends, returns the code. */
    static int closeCode(RawWebSocket ws) {
        while (true) {
            RawWebSocket.Frame frame = ws.read();
            if (frame.opcode() == 0x8) {
                assertTrue(ws.endsConnection(), "the TCP connection ends after the close frame");
                return frame.closeCode();
            }
            if (frame.opcode() == 0x1 && frame.text().equals("2")) {
                ws.write(RawWebSocket.text("3"));
            }
        }
    }

    /** Whether the server closed this WebSocket (close frame or end of stream) rather than keep it. */
    static boolean closedByServer(RawWebSocket ws) {
        try {
            while (true) {
                RawWebSocket.Frame frame = ws.read();
                if (frame.opcode() == 0x8) {
                    return true;
                }
            }
        } catch (UncheckedIOException e) {
            return !(e.getCause() instanceof java.net.SocketTimeoutException);
        }
    }

    /** The connection still answers an Engine.IO ping with the same payload. */
    static void stillOpen(RawWebSocket ws) {
        ws.write(RawWebSocket.text("2vivo"));
        assertEquals("3vivo", ws.readTextStartingWith("3"));
    }
}
