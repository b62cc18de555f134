package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/** The admin API: closed to anyone without the password, and its changes really apply and persist. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminApiIT extends ServerTest {

    private static final String[] BEARER = {"Authorization", "Bearer " + TestServer.ADMIN_PASSWORD};

    @Test
    void adminRoutesRefuseAnonymousCallers() {
        String room = http.createRoom("Intocável", null);
        assertEquals(401, http.get("/api/admin/estatisticas").status());
        assertEquals("nao_autorizado", http.get("/api/admin/estatisticas").json().get("codigo").asText());
        assertEquals(401, http.delete("/api/admin/salas/" + room).status());
        assertEquals(401, http.post("/api/admin/configuracoes", Map.of("maximo_salas", 1)).status());
        assertEquals(401, http.get("/api/admin/estatisticas", "Authorization", "Bearer errada").status());
        assertEquals(200, http.get("/api/salas/" + room).status(), "the room is still there");
    }

    @Test
    void loginGivesAStrictHttpOnlyCookieAndCsrfIsRequiredToChangeState() {
        assertEquals(401, http.post("/api/admin/login", Map.of("senha", "errada")).status());
        Http.Answer login = http.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD));
        assertEquals(200, login.status());
        String setCookie = login.header("Set-Cookie");
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = login.json().get("csrf").asText();

        assertEquals(200, http.get("/api/admin/estatisticas", "Cookie", cookie).status());
        Http.Answer noCsrf = http.post("/api/admin/configuracoes", Map.of("maximo_salas", 10), "Cookie", cookie);
        assertEquals(403, noCsrf.status());
        assertEquals("csrf_invalido", noCsrf.json().get("codigo").asText());
        assertEquals(200, http.post("/api/admin/configuracoes", Map.of("maximo_salas", 10), "Cookie", cookie, "X-CSRF-Token", csrf).status());
        assertTrue(http.get("/api/admin/sessao", "Cookie", cookie).json().get("autenticado").asBoolean());

        http.post("/api/admin/logout", "{}", "Cookie", cookie);
        assertEquals(401, http.get("/api/admin/estatisticas", "Cookie", cookie).status());
    }

    @Test
    void statisticsCountRoomsUsersAndMessages() {
        String room = http.createRoom("Contada", null);
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            ana.say(room, "um");
            ana.say(room, "dois");
            JsonNode stats = http.get("/api/admin/estatisticas", BEARER).json();
            assertEquals(1, stats.get("total_salas").asInt());
            assertEquals(1, stats.get("salas_ativas").asInt());
            assertEquals(1, stats.get("usuarios_online").asInt());
            assertEquals(2, stats.get("total_mensagens").asInt());
            assertEquals(2, stats.get("mensagens_ultima_hora").asInt());
            assertEquals(60, stats.get("mensagens_por_minuto").size());
            assertEquals(2, stats.get("mensagens_por_minuto").get(59).get("total").asInt());
            assertEquals(1, stats.get("conexoes").asInt());
            assertTrue(stats.get("atividade_recente").size() >= 2);
            assertTrue(stats.get("atividade_recente").get(0).get("horario").asText().matches("\\d\\d:\\d\\d:\\d\\d"));
            assertEquals(2, stats.get("salas").get(0).get("total_mensagens").asInt());
        }
    }

    @Test
    void deletingARoomTellsAndRemovesItsMembersAndDropsItsMessages() {
        String room = http.createRoom("Condenada", null);
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            ana.say(room, "última");
            Http.Answer deleted = http.delete("/api/admin/salas/" + room, BEARER);
            assertEquals(200, deleted.status());
            assertEquals("Sala excluída com sucesso!", deleted.json().get("mensagem").asText());
            JSONObject told = ana.next("sala_excluida");
            assertEquals(room, told.getString("id_sala"));
            assertEquals("sala_inexistente", ana.say(room, "ainda aqui?").getString("codigo"));
        }
        assertEquals(404, http.get("/api/salas/" + room).status());
        assertEquals(404, http.delete("/api/admin/salas/" + room, BEARER).status());
    }

    @Test
    void settingsAreValidatedPersistedAndAppliedWithoutRestart() {
        Http.Answer bad = http.post("/api/admin/configuracoes", Map.of("maximo_salas", 0), BEARER);
        assertEquals(400, bad.status());
        assertEquals("configuracao_invalida", bad.json().get("codigo").asText());
        assertEquals(400, http.post("/api/admin/configuracoes", Map.of("timeout_sala", 169), BEARER).status());
        assertEquals(400, http.post("/api/admin/configuracoes", Map.of("maximo_salas", "dez"), BEARER).status());

        Http.Answer saved = http.post("/api/admin/configuracoes",
                Map.of("maximo_salas", 1, "timeout_sala", 2, "tamanho_maximo_mensagem", 10), BEARER);
        assertEquals(200, saved.status());
        assertEquals("Configurações salvas com sucesso!", saved.json().get("mensagem").asText());

        String room = http.createRoom("Única", null);
        Http.Answer second = http.post("/api/salas", Map.of("nome", "Segunda", "criador", "x"));
        assertEquals(403, second.status());
        assertEquals("limite_salas", second.json().get("codigo").asText());
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            JSONObject tooLong = ana.say(room, "onze letras");
            assertEquals("Mensagem muito longa (máximo 10 caracteres)", tooLong.getString("mensagem"));
        }

        server.restart();
        JsonNode after = new Http(server.url()).get("/api/admin/configuracoes", BEARER).json();
        assertEquals(1, after.get("maximo_salas").asInt());
        assertEquals(2, after.get("timeout_sala").asInt());
        assertEquals(10, after.get("tamanho_maximo_mensagem").asInt());
    }

    @Test
    void theAdminPasswordCanBeChangedFromThePanel() {
        assertEquals(400, http.post("/api/admin/configuracoes", Map.of("senha_admin", "curta"), BEARER).status());
        // issue #10: the change now needs the current password in senha_atual
        assertEquals(200, http.post("/api/admin/configuracoes",
                Map.of("senha_admin", "nova-senha-longa", "senha_atual", TestServer.ADMIN_PASSWORD), BEARER).status());
        assertEquals(401, http.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD)).status());
        assertEquals(200, http.post("/api/admin/login", Map.of("senha", "nova-senha-longa")).status());
    }

    @Test
    void repeatedFailedLoginsAreThrottled() {
        int status = 0;
        for (int i = 0; i < 6; i++) {
            status = http.post("/api/admin/login", Map.of("senha", "chute" + i)).status();
        }
        assertEquals(429, status);
        assertFalse(http.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD)).status() == 200);
    }
}
