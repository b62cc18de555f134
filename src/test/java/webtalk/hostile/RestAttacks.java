package webtalk.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webtalk.hostile.Expect.httpError;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import webtalk.support.Http;
import webtalk.support.RawHttp;

/** The REST API with hostile bodies, headers and paths, over raw HTTP from the attack's own address. */
final class RestAttacks {

    private static final String ROOM_JSON = "{\"nome\":\"%s\",\"criador\":\"x\"}";

    private RestAttacks() {
    }

    static List<Attack> all() {
        return List.of(
                Attack.of("rest: body that is not JSON → 400 json_invalido", "main",
                        a -> httpError(a.raw().postJson("/api/salas", "{\"nome\":"), 400, "json_invalido")),
                Attack.of("rest: JSON array body → 400 dados_invalidos", "main",
                        a -> httpError(a.raw().postJson("/api/salas", "[1,2,3]"), 400, "dados_invalidos")),
                Attack.of("rest: wrong types in the body → 400 dados_invalidos", "main",
                        a -> httpError(a.raw().postJson("/api/salas", "{\"nome\":{\"$gt\":\"\"},\"criador\":[1]}"), 400, "dados_invalidos")),
                Attack.of("rest: Content-Type text/plain on a state change → 415 tipo_conteudo_invalido", "h-web",
                        a -> httpError(a.raw().request("POST", "/api/salas", ROOM_JSON.formatted(Arena.unique("Texto")),
                                "Content-Type: text/plain"), 415, "tipo_conteudo_invalido")),
                Attack.of("rest: form-encoded body (what a cross-site form sends) → 415 tipo_conteudo_invalido", "h-web",
                        a -> httpError(a.raw().request("POST", "/api/salas", "nome=x&criador=y",
                                "Content-Type: application/x-www-form-urlencoded"), 415, "tipo_conteudo_invalido")),
                Attack.of("rest: body of 200 kB → 413 carga_grande_demais", "main",
                        a -> httpError(a.raw().postJson("/api/salas", ROOM_JSON.formatted("x".repeat(200_000))), 413, "carga_grande_demais")),
                Attack.of("rest: body shorter than its Content-Length, then EOF → 400 with {erro, codigo}", "h-web", a -> {
                    byte[] request = ("POST /api/salas HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\nConnection: close\r\n\r\n{\"nome\":\"Trunc").getBytes(StandardCharsets.US_ASCII);
                    httpError(a.raw().exchange(request), 400, null);
                }),
                Attack.of("rest: broken chunked body (chunk size 'zz') → 400 with {erro, codigo}", "h-web", a -> {
                    byte[] request = ("POST /api/salas HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{\"nome\":\"x\"}\r\n0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    httpError(a.raw().exchange(request), 400, null);
                }),
                Attack.of("rest: chunked body cut before its last chunk → 400 with {erro, codigo}", "h-web", a -> {
                    byte[] request = ("POST /api/salas HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n20\r\n{\"nome\":\"Cortada\",").getBytes(StandardCharsets.US_ASCII);
                    httpError(a.raw().exchange(request), 400, null);
                }),
                Attack.of("rest: GET /api/salas/%zz → 400 JSON, not an HTML page", "h-web", a -> {
                    RawHttp.Response answer = a.raw().request("GET", "/api/salas/%zz", null);
                    httpError(answer, 400, null);
                    assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
                }),
                badQuery("limite=abc", "?limite=abc"),
                badQuery("limite=0", "?limite=0"),
                badQuery("limite of 25 digits", "?limite=9999999999999999999999999"),
                badQuery("both antes and depois", "?antes=5&depois=1"),
                badQuery("antes=-1", "?antes=-1"),
                Attack.of("rest: unknown route under /api → 404 nao_encontrado (JSON)", "main",
                        a -> httpError(a.raw().request("GET", "/api/salas/x/y/z/../../etc/passwd", null), 404, "nao_encontrado")),
                Attack.of("rest: state change from another origin → 403 origem_invalida", "main",
                        a -> httpError(a.raw().postJson("/api/salas", ROOM_JSON.formatted(Arena.unique("Csrf")), "Origin: https://evil.example"),
                                403, "origem_invalida")),
                Attack.of("rest: CORS preflight from the allowed origin → that origin, never *", "h-web", a -> {
                    RawHttp.Response preflight = a.raw().request("OPTIONS", "/api/salas", null, "Origin: " + Target.ALLOWED_ORIGIN,
                            "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type");
                    assertTrue(preflight.status() == 200 || preflight.status() == 204, "preflight: " + preflight.status());
                    assertEquals(Target.ALLOWED_ORIGIN, preflight.header("Access-Control-Allow-Origin"));
                    RawHttp.Response list = a.raw().request("GET", "/api/salas", null, "Origin: " + Target.ALLOWED_ORIGIN);
                    assertEquals(Target.ALLOWED_ORIGIN, list.header("Access-Control-Allow-Origin"));
                }),
                Attack.of("rest: CORS preflight from a disallowed origin → no Access-Control-Allow-Origin", "main", a -> {
                    RawHttp.Response preflight = a.raw().request("OPTIONS", "/api/salas", null, "Origin: https://evil.example",
                            "Access-Control-Request-Method: POST");
                    assertNull(preflight.header("Access-Control-Allow-Origin"));
                    assertNull(a.raw().request("GET", "/api/salas", null, "Origin: https://evil.example").header("Access-Control-Allow-Origin"));
                }),
                Attack.of("rest: 40 concurrent wrong room passwords: at most 5 are checked, the rest 429 muitas_tentativas", "main", a -> {
                    long checked = guessUntilThrottled(40, 401, i -> a.raw().postJson("/api/salas/" + a.target.protectedRoom + "/entrar",
                            "{\"senha\":\"chute" + i + "\"}"));
                    assertTrue(checked <= 5, checked + " guesses were checked");
                    httpError(a.raw().postJson("/api/salas/" + a.target.protectedRoom + "/entrar", "{\"senha\":\"" + Target.ROOM_PASSWORD + "\"}"),
                            429, "muitas_tentativas");
                }),
                Attack.of("rest: spoofed X-Forwarded-For from an untrusted peer does not reset the password throttle", "main", a -> {
                    RawHttp.Response last = null;
                    for (int i = 0; i < 7; i++) {
                        last = a.raw().postJson("/api/salas/" + a.target.protectedRoom + "/entrar", "{\"senha\":\"chute\"}",
                                "X-Forwarded-For: 203.0.113." + i, "Forwarded: for=198.51.100." + i);
                    }
                    httpError(last, 429, "muitas_tentativas");
                }),
                Attack.of("rest: through the trusted proxy, one student's wrong passwords do not lock out the next", "h-web", a -> {
                    String student = "X-Forwarded-For: 192.0.2." + (a.address.hashCode() & 0x7F);
                    String room = a.target.protectedRoom;
                    for (int i = 0; i < 6; i++) {
                        a.http().post("/api/salas/" + room + "/entrar", Map.of("senha", "errada"), student.split(": "));
                    }
                    Http.Answer other = a.http().post("/api/salas/" + room + "/entrar", Map.of("senha", Target.ROOM_PASSWORD),
                            "X-Forwarded-For", "192.0.2.200");
                    assertEquals(200, other.status(), other.body());
                }),
                Attack.of("rest: room creation flood from one address → 429 limite_criacao_salas; another address still creates", "h-limits", a -> {
                    RawHttp.Response answer = null;
                    for (int i = 0; i < 60; i++) {
                        answer = a.raw().postJson("/api/salas", ROOM_JSON.formatted(Arena.unique("Enxurrada")));
                        if (answer.status() != 200) {
                            break;
                        }
                        a.forgetRoomLater(answer.json().get("id_sala").asText());
                    }
                    httpError(answer, 429, "limite_criacao_salas");
                    RawHttp.Response neighbour = a.rawFrom(a.target.freshAddress()).postJson("/api/salas", ROOM_JSON.formatted(Arena.unique("Vizinha")));
                    assertEquals(200, neighbour.status(), "the limit is per address: " + neighbour.body());
                    a.forgetRoomLater(neighbour.json().get("id_sala").asText());
                }),
                Attack.of("rest: 12 concurrent protected-room creations never get 500 (200, 429 or 503 servidor_ocupado)", "main", a -> {
                    List<String> addresses = new ArrayList<>();
                    for (int i = 0; i < 12; i++) {
                        addresses.add(a.target.freshAddress());
                    }
                    List<RawHttp.Response> answers = concurrently(12, i -> a.rawFrom(addresses.get(i)).postJson("/api/salas",
                            "{\"nome\":\"" + Arena.unique("Protegida") + "\",\"criador\":\"x\",\"senha\":\"segredo-" + i + "\"}"));
                    for (RawHttp.Response answer : answers) {
                        assertNotEquals(500, answer.status(), answer.body());
                        if (answer.status() == 200) {
                            a.forgetRoomLater(answer.json().get("id_sala").asText());
                        } else {
                            assertTrue(answer.status() == 429 || answer.status() == 503, answer.status() + " " + answer.body());
                            assertTrue(Map.of(429, "limite_criacao_salas", 503, "servidor_ocupado").get(answer.status())
                                    .equals(answer.json().path("codigo").asText()), answer.body());
                        }
                    }
                }),
                Attack.of("names: a look-alike (Cyrillic) copy of an existing room name → 409 nome_sala_em_uso", "h-names", a -> {
                    String name = "Paris" + Arena.unique("");
                    a.room(name);
                    httpError(a.raw().postJson("/api/salas", ROOM_JSON.formatted("\u0420aris" + name.substring(5))), 409, "nome_sala_em_uso");
                }),
                Attack.of("names: a fullwidth copy of an existing room name → 409 nome_sala_em_uso", "h-names", a -> {
                    String digits = Arena.unique("");
                    a.room("Sala" + digits);
                    httpError(a.raw().postJson("/api/salas", ROOM_JSON.formatted("\uFF33\uFF41\uFF4C\uFF41" + digits)), 409, "nome_sala_em_uso");
                }),
                Attack.of("names: a room name of U+3164 HANGUL FILLER → 400 nome_sala_invalido", "h-names",
                        a -> httpError(a.raw().postJson("/api/salas", ROOM_JSON.formatted("\u3164\u3164\u3164")), 400, "nome_sala_invalido")));
    }

    private static Attack badQuery(String name, String query) {
        return Attack.of("rest: history with " + name + " → 400 dados_invalidos", "main",
                a -> httpError(a.raw().request("GET", "/api/salas/" + a.target.publicRoom + "/mensagens" + query, null), 400, "dados_invalidos"));
    }

    interface Request {
        RawHttp.Response send(int index);
    }

    /** Sends {@code count} requests at once (all started before any is answered, as far as threads allow). */
    /**
     * Rounds of {@code perRound} concurrent wrong guesses until five were checked (at most 10
     * rounds). Every answer must be the wrong-guess status, 429, or 503 {@code servidor_ocupado}
     * (the bounded hashing pool refused it unchecked, and the attempt was given back). A limiter
     * that can be raced checks more than five in one round.
     *
     * @return how many guesses were checked (answered {@code wrongStatus}) in all
     */
    static long guessUntilThrottled(int perRound, int wrongStatus, Request guess) throws Exception {
        long checked = 0;
        for (int round = 0; round < 10; round++) {
            List<RawHttp.Response> answers = concurrently(perRound, guess);
            for (RawHttp.Response answer : answers) {
                assertTrue(answer.status() == wrongStatus || answer.status() == 429 || answer.status() == 503,
                        "unexpected answer " + answer.status() + " " + answer.body());
            }
            checked += answers.stream().filter(r -> r.status() == wrongStatus).count();
            if (checked >= 5) {
                return checked;
            }
        }
        throw new AssertionError("never throttled; " + checked + " guesses checked");
    }

    static List<RawHttp.Response> concurrently(int count, Request request) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(count);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<CompletableFuture<RawHttp.Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return request.send(index);
                }, pool));
            }
            start.countDown();
            List<RawHttp.Response> done = new ArrayList<>();
            for (CompletableFuture<RawHttp.Response> answer : answers) {
                done.add(answer.get(30, TimeUnit.SECONDS));
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }
}
