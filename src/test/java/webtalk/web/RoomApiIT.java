package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.TestServer;

/** The public REST API: the original's routes, statuses and texts, plus WebTalk's additions. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoomApiIT {

    private TestServer server;
    private Http http;

    @BeforeAll
    void start() {
        server = TestServer.start();
        http = new Http(server.url());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void createdRoomIsListedWithTheOriginalFieldsAndNoSecret() {
        Http.Answer created = http.post("/api/salas", Map.of("nome", "Matemática", "criador", "prof", "senha", "pi314159", "descricao", "Turma A"));
        assertEquals(200, created.status());
        assertEquals("Sala criada com sucesso!", created.json().get("mensagem").asText());
        String id = created.json().get("id_sala").asText();
        assertTrue(id.matches("[a-z0-9]{8}"), "short code: " + id);

        JsonNode listed = null;
        for (JsonNode room : http.get("/api/salas").json()) {
            if (room.get("id").asText().equals(id)) {
                listed = room;
            }
        }
        assertNotNull(listed);
        for (String field : new String[]{"id", "nome", "criador", "criado_em", "tem_senha", "esta_ativa", "contador_usuarios", "contador_mensagens"}) {
            assertTrue(listed.has(field), "field " + field);
        }
        assertEquals("Matemática", listed.get("nome").asText());
        assertTrue(listed.get("tem_senha").asBoolean());
        assertTrue(listed.get("esta_ativa").asBoolean());
        assertFalse(listed.toString().contains("pi314159"));
        assertFalse(listed.toString().contains("argon2"));
        assertNull(listed.get("senha"));
    }

    static Stream<Arguments> badRooms() {
        return Stream.of(
                Arguments.of("{}", 400, "dados_incompletos"),
                Arguments.of("{\"nome\":\"x\"}", 400, "dados_incompletos"),
                Arguments.of("{\"criador\":\"x\"}", 400, "dados_incompletos"),
                Arguments.of("{\"nome\":\"" + "n".repeat(51) + "\",\"criador\":\"x\"}", 400, "nome_sala_invalido"),
                Arguments.of("{\"nome\":\"ok\",\"criador\":\"" + "c".repeat(31) + "\"}", 400, "criador_invalido"),
                Arguments.of("{\"nome\":5,\"criador\":\"x\"}", 400, "dados_invalidos"),
                Arguments.of("{\"nome\":\"ok\",\"criador\":\"x\",\"descricao\":\"" + "d".repeat(201) + "\"}", 400, "descricao_invalida"),
                Arguments.of("not json", 400, "json_invalido"),
                Arguments.of("[1,2]", 400, "dados_invalidos"),
                Arguments.of("{\"nome\":", 400, "json_invalido"));
    }

    @ParameterizedTest(name = "POST /api/salas {0} → {1} {2}")
    @MethodSource("badRooms")
    void badRoomIsRefused(String body, int status, String code) {
        Http.Answer answer = http.post("/api/salas", body);
        assertEquals(status, answer.status(), answer.body());
        assertEquals(code, answer.json().get("codigo").asText());
        assertFalse(answer.json().get("erro").asText().isBlank());
    }

    @Test
    void roomNamesAreUniqueIgnoringCase() {
        http.createRoom("Física", null);
        Http.Answer duplicate = http.post("/api/salas", Map.of("nome", "FÍSICA", "criador", "x"));
        assertEquals(409, duplicate.status());
        assertEquals("nome_sala_em_uso", duplicate.json().get("codigo").asText());
    }

    @Test
    void passwordCheckAnswersLikeTheOriginal() {
        String id = http.createRoom("Cofre", "abre-te-sesamo");
        Http.Answer wrong = http.post("/api/salas/" + id + "/entrar", Map.of("senha", "errada"));
        assertEquals(401, wrong.status());
        assertEquals("Senha incorreta!", wrong.json().get("erro").asText());
        Http.Answer right = http.post("/api/salas/" + id + "/entrar", Map.of("senha", "abre-te-sesamo"));
        assertEquals(200, right.status());
        assertEquals("Acesso autorizado!", right.json().get("mensagem").asText());
        assertFalse(right.json().get("token").asText().isBlank());
        Http.Answer unknown = http.post("/api/salas/zzzzzzzz/entrar", Map.of("senha", "x"));
        assertEquals(404, unknown.status());
        assertEquals("Sala não encontrada", unknown.json().get("erro").asText());
    }

    @Test
    void repeatedWrongPasswordsAreThrottled() {
        String id = http.createRoom("Forte", "senha-certa");
        int status = 0;
        for (int i = 0; i < 6; i++) {
            status = http.post("/api/salas/" + id + "/entrar", Map.of("senha", "chute" + i)).status();
        }
        assertEquals(429, status);
        Http.Answer blocked = http.post("/api/salas/" + id + "/entrar", Map.of("senha", "senha-certa"));
        assertEquals(429, blocked.status(), "even the right password waits once throttled");
        assertEquals("muitas_tentativas", blocked.json().get("codigo").asText());
    }

    @Test
    void historyPagesBackwardsAndProtectedHistoryNeedsAToken() {
        http.configure(Map.of("limite_mensagens_por_minuto", 6000));
        String id = http.createRoom("Arquivo", "arquivo-123");
        String token = http.token(id, "arquivo-123");
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.request("entrar", new org.json.JSONObject().put("id_sala", id).put("nome_usuario", "ana").put("token", token));
            for (int i = 1; i <= 7; i++) {
                ana.say(id, "m" + i);
            }
        }
        assertEquals(401, http.get("/api/salas/" + id + "/mensagens").status());
        JsonNode newest = http.get("/api/salas/" + id + "/mensagens?limite=3", "Authorization", "Bearer " + token).json();
        assertEquals("m5", newest.get("mensagens").get(0).get("mensagem").asText());
        assertEquals("m7", newest.get("mensagens").get(2).get("mensagem").asText());
        assertTrue(newest.get("mais").asBoolean());
        long oldestId = newest.get("mensagens").get(0).get("id").asLong();
        JsonNode older = http.get("/api/salas/" + id + "/mensagens?limite=3&antes=" + oldestId + "&token=" + token).json();
        assertEquals("m2", older.get("mensagens").get(0).get("mensagem").asText());
        assertEquals("m4", older.get("mensagens").get(2).get("mensagem").asText());
        assertTrue(older.get("mais").asBoolean());
        JsonNode oldest = http.get("/api/salas/" + id + "/mensagens?limite=3&antes=" + older.get("mensagens").get(0).get("id").asLong()
                + "&token=" + token).json();
        assertEquals(1, oldest.get("mensagens").size());
        assertFalse(oldest.get("mais").asBoolean());
        assertEquals(400, http.get("/api/salas/" + id + "/mensagens?limite=1000&token=" + token).status());
        assertEquals(400, http.get("/api/salas/" + id + "/mensagens?antes=abc&token=" + token).status());
    }

    @Test
    void unknownApiRouteAndRoomAnswerJson404() {
        Http.Answer route = http.get("/api/nada");
        assertEquals(404, route.status());
        assertEquals("nao_encontrado", route.json().get("codigo").asText());
        Http.Answer room = http.get("/api/salas/naoexiste");
        assertEquals(404, room.status());
        assertEquals("sala_inexistente", room.json().get("codigo").asText());
    }

    @Test
    void oversizeBodyIsRefused() {
        Http.Answer answer = http.post("/api/salas", "{\"nome\":\"" + "x".repeat(70_000) + "\",\"criador\":\"x\"}");
        assertEquals(413, answer.status());
        assertEquals(200, http.get("/api/salas").status());
    }

    @Test
    void crossSiteStateChangeIsRefused() {
        Http.Answer answer = http.post("/api/salas", Map.of("nome", "CSRF", "criador", "x"), "Origin", "http://evil.example");
        assertEquals(403, answer.status());
        assertEquals("origem_invalida", answer.json().get("codigo").asText());
        Http.Answer sameOrigin = http.post("/api/salas", Map.of("nome", "Mesma origem", "criador", "x"), "Origin", server.url());
        assertEquals(200, sameOrigin.status(), sameOrigin.body());
    }

    @Test
    void pagesCarrySecurityHeaders() {
        Http.Answer page = http.get("/");
        assertEquals(200, page.status());
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("DENY", page.header("X-Frame-Options"));
    }
}
