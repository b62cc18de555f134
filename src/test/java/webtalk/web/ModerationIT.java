package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/** Moderation through the admin API: members see its effect live, and every action is audited. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModerationIT extends ServerTest {

    private static final String[] ADMIN = {"Authorization", "Bearer " + TestServer.ADMIN_PASSWORD};
    private String room;

    @BeforeEach
    void createRoom() {
        room = http.createRoom("Moderada", null);
    }

    @Test
    void deletedMessageIsRemovedLiveAndLeftInHistoryAsATombstone() {
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            long id = ana.say(room, "ofensa").getLong("id");
            ana.say(room, "normal");
            assertEquals(200, http.delete("/api/admin/salas/" + room + "/mensagens/" + id, ADMIN).status());
            JSONObject removed = bia.next("mensagem_excluida");
            assertEquals(id, removed.getLong("id"));
            assertEquals(room, removed.getString("id_sala"));
            assertEquals(404, http.delete("/api/admin/salas/" + room + "/mensagens/" + id, ADMIN).status());
        }
        JsonNode history = http.get("/api/salas/" + room + "/mensagens").json().get("mensagens");
        assertEquals(2, history.size(), "ids stay gap-free: the deleted message is a tombstone (issue #14)");
        assertTrue(history.get(0).get("excluida").asBoolean());
        assertEquals("", history.get(0).get("mensagem").asText(), "its text is never kept");
        assertEquals("normal", history.get(1).get("mensagem").asText());
        assertEquals(2, http.get("/api/salas/" + room).json().get("contador_mensagens").asInt(), "tombstones count as stored rows");
    }

    @Test
    void kickedMemberIsToldAndRemovedButMayReturn() {
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient troll = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            troll.join(room, "troll");
            assertEquals(200, http.post("/api/admin/salas/" + room + "/expulsar", Map.of("nome_usuario", "troll"), ADMIN).status());
            assertEquals("expulso", troll.next("expulso").getString("codigo"));
            assertEquals("troll", ana.next("usuario_saiu").getString("nome_usuario"));
            assertEquals("fora_da_sala", troll.say(room, "ainda aqui").getString("codigo"));
            assertTrue(troll.join(room, "troll").getBoolean("ok"), "a kick is not a ban");
            assertEquals(404, http.post("/api/admin/salas/" + room + "/expulsar", Map.of("nome_usuario", "ninguem"), ADMIN).status());
        }
    }

    @Test
    void bannedNicknameAndAddressCannotRejoinUntilTheBanEnds() {
        try (ChatClient troll = ChatClient.connect(server.url())) {
            troll.join(room, "troll");
            Http.Answer banned = http.post("/api/admin/salas/" + room + "/banir",
                    Map.of("nome_usuario", "troll", "minutos", 30, "banir_endereco", true), ADMIN);
            assertEquals(200, banned.status(), banned.body());
            assertEquals("banido", troll.next("expulso").getString("codigo"));
            assertEquals("banido", troll.join(room, "TROLL").getString("codigo"), "nickname ban ignores case");
            assertEquals("banido", troll.join(room, "outro-nome").getString("codigo"), "address ban");
        }
        assertEquals(400, http.post("/api/admin/salas/" + room + "/banir", Map.of("nome_usuario", "x", "minutos", 0), ADMIN).status());
    }

    @Test
    void closedRoomTellsMembersAndLeavesTheLobby() {
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            assertEquals(200, http.post("/api/admin/salas/" + room + "/encerrar", "{}", ADMIN).status());
            assertEquals("sala_encerrada", ana.next("sala_excluida").getString("codigo"));
            assertEquals("sala_inativa", ana.join(room, "ana").getString("codigo"));
        }
        assertFalse(http.get("/api/salas").body().contains(room));
        assertEquals(403, http.post("/api/salas/" + room + "/entrar", "{}").status());
    }

    @Test
    void everyAdminActionIsAuditedWithoutSecrets() {
        try (ChatClient troll = ChatClient.connect(server.url())) {
            troll.join(room, "troll");
            http.post("/api/admin/salas/" + room + "/expulsar", Map.of("nome_usuario", "troll"), ADMIN);
        }
        // issue #10: a password change needs the current password in senha_atual
        http.post("/api/admin/configuracoes", Map.of("maximo_salas", 50, "senha_admin", "uma-senha-nova-123",
                "senha_atual", TestServer.ADMIN_PASSWORD), ADMIN);
        http.post("/api/admin/login", Map.of("senha", "errada"));
        JsonNode log = http.get("/api/admin/auditoria", "Authorization", "Bearer uma-senha-nova-123").json();
        String actions = log.findValuesAsText("acao").toString();
        for (String action : new String[]{"usuario_expulso", "configuracoes_alteradas", "senha_admin_alterada", "login_recusado"}) {
            assertTrue(actions.contains(action), actions);
        }
        assertFalse(log.toString().contains("uma-senha-nova-123"), "no password in the audit log");
        assertEquals(401, http.get("/api/admin/auditoria").status());
    }
}
