package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** The owners' REST routes (issue #14): the key in a header, the admin without one. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwnerRoutesIT extends ServerTest {

    private static final String ADMIN = "Bearer " + TestServer.ADMIN_PASSWORD;

    private record Owned(String id, String key) {
    }

    private Owned createOwnedRoom(String name) {
        Http.Answer created = http.post("/api/salas", Map.of("nome", name, "criador", "dona"));
        assertEquals(200, created.status(), created.body());
        assertEquals("no-store", created.header("Cache-Control"), "the key is shown once, never cached");
        return new Owned(created.json().get("id_sala").asText(), created.json().get("chave_dono").asText());
    }

    private String moderatorKey(Owned room) {
        Http.Answer answer = http.post("/api/salas/" + room.id() + "/chave_moderacao", "{}", "X-Chave-Sala", room.key());
        assertEquals(200, answer.status(), answer.body());
        return answer.json().get("chave_moderacao").asText();
    }

    private static void assertRefused(int status, String codigo, Http.Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(codigo, answer.json().get("codigo").asText(), answer.body());
    }

    @Test
    void papelTellsWhichRoleAKeyGives() {
        Owned room = createOwnedRoom("Clube");
        String modKey = moderatorKey(room);
        String path = "/api/salas/" + room.id() + "/papel";
        assertEquals("dono", http.get(path, "X-Chave-Sala", room.key()).json().get("papel").asText());
        assertEquals("dono", http.get(path, "Authorization", "Bearer " + room.key()).json().get("papel").asText());
        assertEquals("moderador", http.get(path, "X-Chave-Sala", modKey).json().get("papel").asText());
        assertEquals("membro", http.get(path).json().get("papel").asText());
        assertRefused(401, "chave_invalida", http.get(path, "X-Chave-Sala", "chute"));
        assertRefused(404, "sala_inexistente", http.get("/api/salas/nenhuma/papel", "X-Chave-Sala", room.key()));
    }

    @Test
    void theOwnerOrAModeratorDownloadsTheTranscript() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room.id(), "ana");
            ana.say(room.id(), "primeira");
        }
        String path = "/api/salas/" + room.id() + "/exportar?formato=texto";
        Http.Answer text = http.get(path, "X-Chave-Sala", room.key());
        assertEquals(200, text.status(), text.body());
        assertTrue(text.body().contains("ana: primeira"), text.body());
        assertTrue(text.header("Content-Disposition").startsWith("attachment"));
        Http.Answer json = http.get("/api/salas/" + room.id() + "/exportar", "Authorization", "Bearer " + moderatorKey(room));
        assertEquals(200, json.status(), json.body());
        assertRefused(403, "nao_e_dono", http.get(path));
        assertRefused(401, "chave_invalida", http.get(path, "X-Chave-Sala", "chute"));
        assertRefused(400, "dados_invalidos", http.get("/api/salas/" + room.id() + "/exportar?formato=pdf", "X-Chave-Sala", room.key()));
    }

    @Test
    void theOwnerClosesAndReopensTheRoom() {
        Owned room = createOwnedRoom("Clube");
        assertRefused(403, "nao_e_dono", http.post("/api/salas/" + room.id() + "/encerrar", "{}"));
        assertEquals(200, http.post("/api/salas/" + room.id() + "/encerrar", "{}", "X-Chave-Sala", room.key()).status());
        assertFalse(http.get("/api/salas/" + room.id()).json().get("esta_ativa").asBoolean());
        assertRefused(401, "chave_invalida", http.post("/api/salas/" + room.id() + "/reabrir", "{}", "X-Chave-Sala", "chute"));
        assertEquals(200, http.post("/api/salas/" + room.id() + "/reabrir", "{}", "X-Chave-Sala", room.key()).status());
        assertTrue(http.get("/api/salas/" + room.id()).json().get("esta_ativa").asBoolean());
        assertRefused(409, "sala_ja_ativa", http.post("/api/salas/" + room.id() + "/reabrir", "{}", "X-Chave-Sala", room.key()));
    }

    @Test
    void onlyTheOwnerRotatesKeysAndTheOldOnesStopWorking() {
        Owned room = createOwnedRoom("Clube");
        String modKey = moderatorKey(room);
        assertRefused(403, "apenas_dono", http.post("/api/salas/" + room.id() + "/chave_dono", "{}", "X-Chave-Sala", modKey));
        assertRefused(403, "apenas_dono", http.post("/api/salas/" + room.id() + "/chave_moderacao", "{}", "X-Chave-Sala", modKey));
        Http.Answer rotated = http.post("/api/salas/" + room.id() + "/chave_dono", "{}", "X-Chave-Sala", room.key());
        assertEquals(200, rotated.status(), rotated.body());
        String newKey = rotated.json().get("chave_dono").asText();
        assertNotEquals(room.key(), newKey);
        assertEquals("/chat/" + room.id() + "#dono=" + newKey, rotated.json().get("link_dono").asText());
        String papel = "/api/salas/" + room.id() + "/papel";
        assertRefused(401, "chave_invalida", http.get(papel, "X-Chave-Sala", room.key()));
        assertEquals("dono", http.get(papel, "X-Chave-Sala", newKey).json().get("papel").asText());
        assertEquals("moderador", http.get(papel, "X-Chave-Sala", modKey).json().get("papel").asText(), "moderators stay");
        String newModKey = http.post("/api/salas/" + room.id() + "/chave_moderacao", "{}", "X-Chave-Sala", newKey)
                .json().get("chave_moderacao").asText();
        assertRefused(401, "chave_invalida", http.get(papel, "X-Chave-Sala", modKey));
        assertEquals("moderador", http.get(papel, "X-Chave-Sala", newModKey).json().get("papel").asText());
    }

    @Test
    void theSamePowersOverRestTopicPinsAndSlowMode() {
        Owned room = createOwnedRoom("Clube");
        long id;
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room.id(), "ana");
            id = ana.say(room.id(), "fixe-me").getLong("id");
            String base = "/api/salas/" + room.id();
            Http.Answer edited = http.post(base + "/editar", Map.of("descricao", "Novo tópico"), "X-Chave-Sala", room.key());
            assertEquals(200, edited.status(), edited.body());
            assertEquals("Novo tópico", ana.next("sala_atualizada").getString("descricao"));
            assertEquals(200, http.post(base + "/fixadas/" + id, "{}", "X-Chave-Sala", room.key()).status());
            assertTrue(ana.next("mensagem_fixada").getBoolean("fixada"));
            assertEquals(200, http.post(base + "/modo_lento", Map.of("segundos", 15), "X-Chave-Sala", room.key()).status());
            assertEquals(15, ana.next("modo_lento_alterado").getInt("segundos"));
            JsonNode shown = http.get(base).json();
            assertEquals("Novo tópico", shown.get("descricao").asText());
            assertEquals("fixe-me", shown.get("fixadas").get(0).get("mensagem").asText());
            assertEquals(15, shown.get("modo_lento_segundos").asInt());
            assertEquals(200, http.delete(base + "/fixadas/" + id, "X-Chave-Sala", room.key()).status());
            assertRefused(404, "mensagem_inexistente", http.delete(base + "/fixadas/" + id, "X-Chave-Sala", room.key()));
            assertRefused(404, "mensagem_inexistente", http.post(base + "/fixadas/abc", "{}", "X-Chave-Sala", room.key()));
            assertRefused(400, "dados_incompletos", http.post(base + "/modo_lento", "{}", "X-Chave-Sala", room.key()));
        }
    }

    @Test
    void aProtectedRoomShowsOnlyItsPinsIdsWithoutAToken() {
        Http.Answer created = http.post("/api/salas", Map.of("nome", "Secreta", "criador", "dona", "senha", "s3nha"));
        String roomId = created.json().get("id_sala").asText();
        String key = created.json().get("chave_dono").asText();
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.request("entrar", new JSONObject().put("id_sala", roomId).put("nome_usuario", "ana")
                    .put("token", http.token(roomId, "s3nha")));
            long id = ana.say(roomId, "segredo").getLong("id");
            assertEquals(200, http.post("/api/salas/" + roomId + "/fixadas/" + id, "{}", "X-Chave-Sala", key).status());
            JsonNode pins = http.get("/api/salas/" + roomId).json().get("fixadas");
            assertEquals(id, pins.get(0).get("id").asLong());
            assertFalse(pins.toString().contains("segredo"), pins.toString());
        }
    }

    @Test
    void theAdminKeepsEveryPowerWithoutAKey() {
        Owned room = createOwnedRoom("Clube");
        String base = "/api/admin/salas/" + room.id();
        assertRefused(401, "nao_autorizado", http.post(base + "/modo_lento", Map.of("segundos", 5)));
        assertEquals(200, http.post(base + "/modo_lento", Map.of("segundos", 5), "Authorization", ADMIN).status());
        assertEquals(200, http.post(base + "/editar", Map.of("nome", "Clube Oficial"), "Authorization", ADMIN).status());
        Http.Answer rotated = http.post(base + "/chave_dono", "{}", "Authorization", ADMIN);
        assertEquals(200, rotated.status(), rotated.body());
        assertNotEquals(room.key(), rotated.json().get("chave_dono").asText(), "an owner who lost the key gets a new one from the admin");
        JsonNode shown = http.get("/api/salas/" + room.id()).json();
        assertEquals("Clube Oficial", shown.get("nome").asText());
        assertEquals(5, shown.get("modo_lento_segundos").asInt());
        JsonNode log = http.get("/api/admin/auditoria", "Authorization", ADMIN).json();
        assertTrue(log.toString().contains("\"acao\":\"modo_lento_alterado\""), log.toString());
        assertTrue(log.toString().contains("\"detalhe\":\"admin, 5 s\""), log.toString());
    }
}
