package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.Http;
import webtalk.support.QrCodes;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/**
 * {@code GET /api/salas/{id}/qr.svg} through the real server, decoded by ZXing: the room's link for
 * the page's own origin, never for a foreign one; forwarded headers only from a trusted proxy.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoomQrCodeIT extends ServerTest {

    private static String qr(String room) {
        return "/api/salas/" + room + "/qr.svg";
    }

    @Test
    void encodesTheRoomsLinkForThePagesOwnOriginAndIsCachedPrivately() {
        String room = http.createRoom("Turma QR", null);
        Http.Answer answer = http.get(qr(room) + "?origem=" + server.url());
        assertEquals(200, answer.status());
        assertEquals("image/svg+xml", answer.header("Content-Type"));
        assertEquals(server.url() + "/chat/" + room, QrCodes.decodeSvg(answer.body()));
        assertEquals("private, max-age=86400", answer.header("Cache-Control"), "depends on Host: no shared cache keeps it");
        assertTrue(answer.body().length() < 10_000, "a few kilobytes: " + answer.body().length());
        Http.Answer again = http.get(qr(room) + "?origem=" + server.url(), "If-None-Match", answer.header("ETag"));
        assertEquals(304, again.status());
    }

    @Test
    void refusesToDrawALinkToAnotherOriginOrAnUnknownRoom() {
        String room = http.createRoom("Turma QR", null);
        Http.Answer foreign = http.get(qr(room) + "?origem=https://evil.example");
        assertEquals(400, foreign.status());
        assertEquals("dados_invalidos", foreign.json().get("codigo").asText());
        assertEquals(400, http.get(qr(room) + "?origem=" + server.url() + "/x").status(), "an origin has no path");
        assertEquals(400, http.get(qr(room) + "?origem=javascript:alert(1)").status());
        assertEquals(400, http.get(qr(room) + "?origem=" + server.url() + "a".repeat(300)).status());
        Http.Answer unknown = http.get(qr("zzzzzzzz"));
        assertEquals(404, unknown.status());
        assertEquals("sala_inexistente", unknown.json().get("codigo").asText());
    }

    @Test
    void withoutAnOriginTheRequestsHostIsUsedAndForwardedHeadersOnlyFromATrustedProxy() {
        String room = http.createRoom("Turma QR", null);
        String forged = http.get(qr(room), "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example").body();
        assertEquals(server.url() + "/chat/" + room, QrCodes.decodeSvg(forged), "an untrusted peer's X-Forwarded-* is ignored");

        try (TestServer behindProxy = TestServer.start(s -> s.withTrustedProxies(List.of("127.0.0.1")))) {
            Http proxied = new Http(behindProxy.url());
            String other = proxied.createRoom("Atrás do proxy", null);
            String svg = proxied.get(qr(other), "X-Forwarded-Proto", "https", "X-Forwarded-Host", "chat.escola.example").body();
            assertEquals("https://chat.escola.example/chat/" + other, QrCodes.decodeSvg(svg));
        }
    }
}
