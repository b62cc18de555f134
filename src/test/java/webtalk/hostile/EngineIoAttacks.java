package webtalk.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webtalk.hostile.Arena.ENGINE;
import static webtalk.hostile.Arena.WEBSOCKET;
import static webtalk.hostile.Expect.engineError;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import webtalk.support.Http;
import webtalk.support.RawHttp;
import webtalk.support.RawWebSocket;

/**
 * Engine.IO v4 abuse over HTTP long-polling and the WebSocket handshake. Error bodies are the
 * spec's {@code {"code":n,"message":…}}: 0 unknown transport, 1 unknown sid, 2 bad handshake
 * method, 3 bad request, 4 forbidden, 5 unsupported protocol version.
 */
final class EngineIoAttacks {

    private EngineIoAttacks() {
    }

    static List<Attack> all() {
        return List.of(
                Attack.of("engine.io: EIO=3 is refused (code 5)", "main",
                        a -> engineError(a.http().get("/socket.io/?EIO=3&transport=polling"), 400, 5)),
                Attack.of("engine.io: no EIO at all is refused (code 5)", "main",
                        a -> engineError(a.http().get("/socket.io/?transport=polling"), 400, 5)),
                Attack.of("engine.io: unknown transport is refused (code 0)", "main",
                        a -> engineError(a.http().get("/socket.io/?EIO=4&transport=carrier-pigeon"), 400, 0)),
                Attack.of("engine.io: GET with an unknown sid (code 1)", "main",
                        a -> engineError(a.http().get(ENGINE + "&sid=AAAAAAAAAAAAAAAAAAAA"), 400, 1)),
                Attack.of("engine.io: POST with an unknown sid (code 1)", "main",
                        a -> engineError(a.http().post(ENGINE + "&sid=" + "x".repeat(5000), "40"), 400, 1)),
                Attack.of("engine.io: handshake by POST (code 2)", "main",
                        a -> engineError(a.http().post(ENGINE, "40"), 400, 2)),
                Attack.of("engine.io: handshake by PUT (code 2)", "main",
                        a -> engineError(a.http().send("PUT", ENGINE, "40"), 400, 2)),
                Attack.of("engine.io: handshake from a disallowed origin (403, code 4)", "main",
                        a -> engineError(a.http().get(ENGINE, "Origin", "https://evil.example"), 403, 4)),
                Attack.of("engine.io: unknown packet type over polling: pacote_invalido, then close packet 1", "h-socketio",
                        a -> malformedOverPolling(a, "9")),
                Attack.of("engine.io: bad base64 attachment over polling: pacote_invalido, then close packet 1", "h-socketio",
                        a -> malformedOverPolling(a, "451-[\"nada\",{\"_placeholder\":true,\"num\":0}]\u001eb**não é base64**")),
                Attack.of("engine.io: oversize POST (200 kB) gets 413 and ends that session", "main", a -> {
                    String sid = a.pollingSocketIo();
                    assertEquals(413, a.http().post(ENGINE + "&sid=" + sid, "4" + "x".repeat(200_000)).status());
                    engineError(a.http().get(ENGINE + "&sid=" + sid), 400, 1);
                }),
                Attack.of("engine.io: second POST while one is in progress: 400 (code 3), session closed", "main",
                        EngineIoAttacks::doublePost),
                Attack.of("engine.io: second concurrent GET: 400 (code 3), the held GET gets close packet 1", "h-socketio",
                        EngineIoAttacks::doubleGet),
                Attack.of("engine.io: polling GET after the upgrade to WebSocket (400, code 3)", "main", a -> {
                    String sid = a.pollingSocketIo();
                    RawWebSocket ws = a.track(RawWebSocket.open(a.target.port(), WEBSOCKET + "&sid=" + sid));
                    assertEquals(101, ws.status);
                    ws.write(RawWebSocket.text("2probe"));
                    assertEquals("3probe", ws.readTextStartingWith("3"));
                    ws.write(RawWebSocket.text("5"));
                    // A GET that the server reads before the upgrade packet is still a poll of the
                    // upgrading session, answered with a noop ("6"); once upgraded, polling is refused.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    Http.Answer poll = a.http().get(ENGINE + "&sid=" + sid);
                    while (poll.status() == 200 && "6".equals(poll.body()) && System.nanoTime() < deadline) {
                        poll = a.http().get(ENGINE + "&sid=" + sid);
                    }
                    engineError(poll, 400, 3);
                }),
                Attack.of("engine.io: garbage instead of the upgrade packet closes the probing WebSocket and the session", "main", a -> {
                    String sid = a.pollingSocketIo();
                    RawWebSocket ws = a.track(RawWebSocket.open(a.target.port(), WEBSOCKET + "&sid=" + sid));
                    ws.write(RawWebSocket.text("2probe"));
                    assertEquals("3probe", ws.readTextStartingWith("3"));
                    ws.write(RawWebSocket.text("4garbage"));
                    assertTrue(Expect.closedByServer(ws), "the probing WebSocket is closed");
                    Http.Answer after = a.http().get(ENGINE + "&sid=" + sid);
                    assertTrue(after.status() == 400 || after.body().endsWith("1"), "the session is over: " + after.body());
                }),
                Attack.of("engine.io: WebSocket upgrade with an unknown sid (400, code 1)", "main", a -> {
                    try (RawWebSocket ws = RawWebSocket.open(a.target.port(), WEBSOCKET + "&sid=nope")) {
                        assertEquals(400, ws.status);
                    }
                }),
                Attack.of("engine.io: WebSocket version 8 is refused with 426 and Sec-WebSocket-Version: 13", "main", a -> {
                    try (RawWebSocket ws = RawWebSocket.open(a.target.port(), WEBSOCKET, "-", "Upgrade: websocket",
                            "Connection: Upgrade", "Sec-WebSocket-Version: 8", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==")) {
                        assertEquals(426, ws.status);
                        assertEquals("13", ws.headers.get("sec-websocket-version"));
                    }
                }),
                Attack.of("engine.io: WebSocket handshake without a key (400)", "main", a -> {
                    try (RawWebSocket ws = RawWebSocket.open(a.target.port(), WEBSOCKET, "-", "Upgrade: websocket",
                            "Connection: Upgrade", "Sec-WebSocket-Version: 13")) {
                        assertEquals(400, ws.status);
                    }
                }),
                Attack.of("engine.io: cross-site WebSocket from a disallowed origin (403 before the upgrade)", "main", a -> {
                    try (RawWebSocket ws = RawWebSocket.open(a.target.port(), WEBSOCKET, "Origin: https://evil.example")) {
                        assertEquals(403, ws.status);
                    }
                }),
                Attack.of("engine.io: CORS for an allowed origin: Access-Control-Allow-Origin is that origin, never *", "h-socketio", a -> {
                    RawHttp.Response preflight = a.raw().request("OPTIONS", ENGINE, null, "Origin: " + Target.ALLOWED_ORIGIN,
                            "Access-Control-Request-Method: GET");
                    assertTrue(preflight.status() == 200 || preflight.status() == 204, "preflight: " + preflight.status());
                    assertEquals(Target.ALLOWED_ORIGIN, preflight.header("Access-Control-Allow-Origin"));
                    RawHttp.Response handshake = a.raw().request("GET", ENGINE, null, "Origin: " + Target.ALLOWED_ORIGIN);
                    assertEquals(200, handshake.status());
                    assertEquals(Target.ALLOWED_ORIGIN, handshake.header("Access-Control-Allow-Origin"));
                    a.http().post(ENGINE + "&sid=" + Http.sidOf(handshake.body()), "1");
                }),
                Attack.of("engine.io: CORS for a disallowed origin: no Access-Control-Allow-Origin at all", "main", a -> {
                    RawHttp.Response preflight = a.raw().request("OPTIONS", ENGINE, null, "Origin: https://evil.example",
                            "Access-Control-Request-Method: GET");
                    assertNull(preflight.header("Access-Control-Allow-Origin"), "preflight " + preflight.status());
                    RawHttp.Response handshake = a.raw().request("GET", ENGINE, null, "Origin: https://evil.example");
                    assertEquals(403, handshake.status());
                    assertNull(handshake.header("Access-Control-Allow-Origin"));
                }));
    }

    /**
     * Over polling the notice and the close packet must reach the client too: the GET after the
     * bad POST carries {@code 42["erro",{"codigo":"pacote_invalido",…}]} and ends with close packet 1.
     */
    private static void malformedOverPolling(Arena a, String payload) throws Exception {
        String sid = a.pollingSocketIo();
        a.http().post(ENGINE + "&sid=" + sid, payload);
        String answer = a.http().get(ENGINE + "&sid=" + sid).body();
        assertTrue(answer.contains("42[\"erro\",") && answer.contains("\"codigo\":\"pacote_invalido\""), "the notice: " + answer);
        assertTrue(answer.endsWith("\u001e1"), "then the close packet: " + answer);
    }

    private static void doublePost(Arena a) throws Exception {
        String sid = a.pollingSocketIo();
        try (Socket held = new Socket("127.0.0.1", a.target.port())) {
            // A POST that announces 1000 bytes and sends 2: it stays in progress until this socket closes.
            OutputStream out = held.getOutputStream();
            out.write(("POST " + ENGINE + "&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 1000\r\n\r\n26").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Http.Answer second;
            do {
                second = a.http().post(ENGINE + "&sid=" + sid, "6");
            } while (second.status() == 200 && System.nanoTime() < deadline);
            if (second.status() == 400 && second.json() != null && second.json().path("code").asInt() == 1) {
                // The held POST reached the server while one of these was in progress: it was the
                // second one, so it is the one refused (400, code 3), and the session is gone.
                held.setSoTimeout(10_000);
                String reply = new String(held.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 400", reply, "the held POST, which came second, is refused");
            } else {
                engineError(second, 400, 3);
            }
        }
        engineError(a.http().get(ENGINE + "&sid=" + sid), 400, 1);
    }

    private static void doubleGet(Arena a) throws Exception {
        String sid = a.pollingSocketIo();
        String poll = ENGINE + "&sid=" + sid;
        CompletableFuture<RawHttp.Response> first = CompletableFuture.supplyAsync(() -> a.raw().request("GET", poll, null));
        CompletableFuture<RawHttp.Response> second = CompletableFuture.supplyAsync(() -> a.raw().request("GET", poll, null));
        RawHttp.Response one = first.get(15, TimeUnit.SECONDS);
        RawHttp.Response two = second.get(15, TimeUnit.SECONDS);
        // Whichever arrived second is refused; the one that was held is closed with packet 1.
        RawHttp.Response refused = one.status() == 400 ? one : two;
        RawHttp.Response held = refused == one ? two : one;
        assertEquals(400, refused.status(), one.status() + " / " + two.status());
        assertEquals(3, refused.json().path("code").asInt(-1), refused.body());
        assertEquals(200, held.status());
        assertEquals("1", held.body(), "the held GET is answered with the close packet");
    }
}
