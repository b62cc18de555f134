package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/** The admin's data routes on a real server: room export (JSON and text), a room's retention, reopening a closed room. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DataRoutesIT extends ServerTest {

    private static final String[] BEARER = {"Authorization", "Bearer " + TestServer.ADMIN_PASSWORD};

    private List<Long> chat(String room, List<String> texts) {
        List<Long> ids = new ArrayList<>();
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            for (String text : texts) {
                ids.add(ana.say(room, text).getLong("id"));
            }
        }
        return ids;
    }

    @Test
    void aRoomExportsAsJsonWithTheRoomAndItsMessagesInOrder() {
        http.configure(Map.of("limite_mensagens_por_minuto", 6000));
        String room = http.createRoom("Exportada", null);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 1_203; i++) {  // more than two pages of the export
            texts.add("mensagem " + i + (i == 7 ? " com acentuação e emoji 🎉" : ""));
        }
        List<Long> ids = chat(room, texts);

        Http.Answer export = http.get("/api/admin/salas/" + room + "/exportar?formato=json", BEARER);
        assertEquals(200, export.status(), export.body());
        assertTrue(export.header("Content-Type").startsWith("application/json"), export.header("Content-Type"));
        assertTrue(export.header("Content-Disposition").matches("attachment; filename=\"sala-" + room + "-\\d{8}-\\d{6}\\.json\""),
                export.header("Content-Disposition"));
        JsonNode json = export.json();
        assertEquals(room, json.get("sala").get("id").asText());
        assertEquals("Exportada", json.get("sala").get("nome").asText());
        assertEquals(1_203, json.get("sala").get("contador_mensagens").asLong());
        JsonNode messages = json.get("mensagens");
        assertEquals(1_203, messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            assertEquals(ids.get(i), m.get("id").asLong());
            assertEquals(texts.get(i), m.get("mensagem").asText());
            assertEquals("ana", m.get("nome_usuario").asText());
            assertEquals(room, m.get("id_sala").asText());
            assertTrue(m.has("horario") && m.has("timestamp"), m.toString());
        }
        String audit = http.get("/api/admin/auditoria", BEARER).body();
        assertTrue(audit.contains("\"acao\":\"sala_exportada\""), audit);
    }

    @Test
    void aRoomExportsAsPlainTextOneLinePerMessageInTheServersZone() {
        String room = http.createRoom("Em texto", null);
        chat(room, List.of("primeira", "segunda: com dois-pontos", "terceira ção"));
        Http.Answer export = http.get("/api/admin/salas/" + room + "/exportar?formato=texto", BEARER);
        assertEquals(200, export.status(), export.body());
        assertEquals("text/plain; charset=utf-8", export.header("Content-Type").toLowerCase().replace(" ", "").replace(";", "; "));
        assertTrue(export.header("Content-Disposition").endsWith(".txt\""), export.header("Content-Disposition"));
        List<String> lines = export.body().lines().toList();
        assertEquals(3, lines.size(), export.body());
        String pattern = "\\[\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}\\] ana: ";
        assertTrue(lines.get(0).matches(pattern + "primeira"), lines.get(0));
        assertTrue(lines.get(1).matches(pattern + "segunda: com dois-pontos"), lines.get(1));
        assertTrue(lines.get(2).matches(pattern + "terceira ção"), lines.get(2));
        LocalDateTime stamped = LocalDateTime.parse(lines.get(0).substring(1, 20), DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss"));
        long skew = Math.abs(java.time.Duration.between(stamped.atZone(ZoneId.systemDefault()).toInstant(), java.time.Instant.now()).toMinutes());
        assertTrue(skew < 5, "the time is the server's zone: " + lines.get(0));
    }

    @Test
    void exportRefusesUnknownRoomsFormatsAndAnonymousCallers() {
        String room = http.createRoom("Recusas", null);
        assertEquals(404, http.get("/api/admin/salas/nenhuma/exportar?formato=json", BEARER).status());
        assertEquals(400, http.get("/api/admin/salas/" + room + "/exportar?formato=xml", BEARER).status());
        assertEquals(401, http.get("/api/admin/salas/" + room + "/exportar?formato=json").status());
        assertEquals(401, http.get("/api/admin/backup").status());
    }

    @Test
    void aRoomsRetentionIsSetClearedListedAndValidated() {
        String room = http.createRoom("Retida", null);
        Http.Answer set = http.post("/api/admin/salas/" + room + "/retencao", Map.of("dias", 30), BEARER);
        assertEquals(200, set.status(), set.body());
        assertEquals(30, roomEntry("salas", room).get("retencao_dias").asInt());
        Map<String, Object> clear = new HashMap<>();
        clear.put("dias", null);
        assertEquals(200, http.post("/api/admin/salas/" + room + "/retencao", clear, BEARER).status());
        assertTrue(roomEntry("salas", room).get("retencao_dias").isNull());
        assertEquals(400, http.post("/api/admin/salas/" + room + "/retencao", Map.of("dias", 3651), BEARER).status());
        assertEquals(400, http.post("/api/admin/salas/" + room + "/retencao", Map.of(), BEARER).status());
        assertEquals(404, http.post("/api/admin/salas/nenhuma/retencao", Map.of("dias", 3), BEARER).status());
        String audit = http.get("/api/admin/auditoria", BEARER).body();
        assertTrue(audit.contains("\"acao\":\"retencao_sala_alterada\""), audit);
    }

    @Test
    void retentionAndTimeoutZeroAreSettingsOfTheAdminForm() {
        http.configure(Map.of("retencao_dias", 90, "timeout_sala", 0));
        JsonNode settings = http.get("/api/admin/configuracoes", BEARER).json();
        assertEquals(90, settings.get("retencao_dias").asInt());
        assertEquals(0, settings.get("timeout_sala").asInt());
        assertEquals(400, http.post("/api/admin/configuracoes", Map.of("retencao_dias", 3651), BEARER).status());
        assertEquals(400, http.post("/api/admin/configuracoes", Map.of("timeout_sala", -1), BEARER).status());
        server.restart();
        http = new Http(server.url());
        assertEquals(90, http.get("/api/admin/configuracoes", BEARER).json().get("retencao_dias").asInt(), "persisted");
    }

    @Test
    void aClosedRoomIsListedAndReopenedWithItsMessages() {
        String room = http.createRoom("Fechada", null);
        chat(room, List.of("guardada"));
        assertEquals(200, http.post("/api/admin/salas/" + room + "/encerrar", "{}", BEARER).status());
        assertFalse(http.get("/api/salas").body().contains(room), "closed: not in the lobby");
        JsonNode closed = roomEntry("salas_inativas", room);
        assertEquals(1, closed.get("total_mensagens").asLong());

        Http.Answer reopened = http.post("/api/admin/salas/" + room + "/reabrir", "{}", BEARER);
        assertEquals(200, reopened.status(), reopened.body());
        assertEquals(409, http.post("/api/admin/salas/" + room + "/reabrir", "{}", BEARER).status(), "already open");
        assertEquals("guardada", http.get("/api/salas/" + room + "/mensagens").json().get("mensagens").get(0).get("mensagem").asText());
        assertTrue(http.get("/api/salas").body().contains(room), "listed in the lobby again");
        String audit = http.get("/api/admin/auditoria", BEARER).body();
        assertTrue(audit.contains("\"acao\":\"sala_reaberta\""), audit);
    }

    private JsonNode roomEntry(String list, String room) {
        for (JsonNode entry : http.get("/api/admin/estatisticas", BEARER).json().get(list)) {
            if (entry.get("id").asText().equals(room)) {
                return entry;
            }
        }
        throw new AssertionError(room + " not in " + list);
    }
}
