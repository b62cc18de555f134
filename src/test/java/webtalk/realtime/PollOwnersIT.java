package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/**
 * Poll permissions tied to room owners (issue #14) over Socket.IO, through a real server and the
 * real Java client: the room setting {@code enquetes_somente_moderadores}, who may open a poll while
 * it is on, and owners and moderators closing anyone's poll.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollOwnersIT extends ServerTest {

    private record Owned(String id, String key) {
    }

    private Owned createOwnedRoom(String name) {
        Http.Answer created = http.post("/api/salas", Map.of("nome", name, "criador", "dona"));
        assertEquals(200, created.status(), created.body());
        return new Owned(created.json().get("id_sala").asText(), created.json().get("chave_dono").asText());
    }

    private static JSONObject joinWith(ChatClient client, String roomId, String nickname, String field, String key) {
        return client.request("entrar", new JSONObject().put("id_sala", roomId).put("nome_usuario", nickname).put(field, key));
    }

    private static JSONObject openPoll(ChatClient client, String room, String question) {
        return client.request("criar_enquete", new JSONObject().put("id_sala", room).put("pergunta", question)
                .put("opcoes", new JSONArray(List.of("Sim", "Não"))));
    }

    private static JSONObject closePoll(ChatClient client, String room, long poll) {
        return client.request("encerrar_enquete", new JSONObject().put("id_sala", room).put("id_enquete", poll));
    }

    private static JSONObject configure(ChatClient client, String room, Object moderatorsOnly) {
        return client.request("configurar_enquetes", new JSONObject().put("id_sala", room).put("somente_moderadores", moderatorsOnly));
    }

    private static void assertRefused(String codigo, JSONObject ack) {
        assertFalse(ack.getBoolean("ok"), ack.toString());
        assertEquals(codigo, ack.getString("codigo"), ack.toString());
        assertFalse(ack.getString("mensagem").isBlank());
    }

    private boolean shownModeratorsOnly(String roomId) {
        return http.get("/api/salas/" + roomId).json().get("enquetes_somente_moderadores").asBoolean();
    }

    @Test
    void everyoneOpensPollsUntilTheOwnerSaysOtherwise() {
        Owned room = createOwnedRoom("Aula");
        try (ChatClient bia = ChatClient.connect(server.url())) {
            JSONObject joined = bia.join(room.id(), "bia");
            assertFalse(joined.getBoolean("enquetes_somente_moderadores"), joined.toString());
            assertFalse(shownModeratorsOnly(room.id()));
            assertTrue(openPoll(bia, room.id(), "Entenderam?").getBoolean("ok"));
        }
    }

    @Test
    void whenOnAMemberIsRefusedAndTheOwnerAndAModeratorOpenPolls() {
        Owned room = createOwnedRoom("Aula");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient mod = ChatClient.connect(server.url());
             ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            String modKey = dona.request("gerar_link_moderacao", new JSONObject().put("id_sala", room.id())).getString("chave_moderacao");
            assertEquals("moderador", joinWith(mod, room.id(), "mod", "chave_moderacao", modKey).getString("papel"));
            bia.join(room.id(), "bia");

            JSONObject set = configure(dona, room.id(), true);
            assertTrue(set.getBoolean("ok"), set.toString());
            assertTrue(set.getBoolean("somente_moderadores"));
            JSONObject told = bia.next("enquetes_configuradas");
            assertEquals(room.id(), told.getString("id_sala"));
            assertTrue(told.getBoolean("somente_moderadores"), "every member's page learns the setting");
            assertTrue(shownModeratorsOnly(room.id()));

            assertRefused("enquete_nao_permitida", openPoll(bia, room.id(), "Posso?"));
            assertEquals("enquete_nao_permitida", bia.next("erro").getString("codigo"));
            assertTrue(openPoll(mod, room.id(), "Do moderador?").getBoolean("ok"));
            assertTrue(openPoll(dona, room.id(), "Da dona?").getBoolean("ok"));
            assertTrue(bia.connected(), "a refusal never drops the connection");

            assertTrue(configure(mod, room.id(), false).getBoolean("ok"), "moderators change it too");
            assertFalse(bia.next("enquetes_configuradas", e -> !e.getBoolean("somente_moderadores")).getBoolean("somente_moderadores"));
            assertTrue(openPoll(bia, room.id(), "Agora posso?").getBoolean("ok"));
        }
    }

    @Test
    void theSettingReachesAMemberJoiningLaterInTheEntrarAck() {
        Owned room = createOwnedRoom("Aula");
        try (ChatClient dona = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            assertTrue(configure(dona, room.id(), true).getBoolean("ok"));
        }
        try (ChatClient bia = ChatClient.connect(server.url())) {
            JSONObject joined = bia.join(room.id(), "bia");
            assertEquals("membro", joined.getString("papel"));
            assertTrue(joined.getBoolean("enquetes_somente_moderadores"), joined.toString());
        }
    }

    @Test
    void theOwnerAndModeratorsCloseAMembersPollButAnotherMemberCannot() {
        Owned room = createOwnedRoom("Aula");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient mod = ChatClient.connect(server.url());
             ChatClient bia = ChatClient.connect(server.url()); ChatClient caio = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            String modKey = dona.request("gerar_link_moderacao", new JSONObject().put("id_sala", room.id())).getString("chave_moderacao");
            joinWith(mod, room.id(), "mod", "chave_moderacao", modKey);
            bia.join(room.id(), "bia");
            caio.join(room.id(), "caio");
            long first = openPoll(bia, room.id(), "Primeira?").getJSONObject("enquete").getLong("id_enquete");
            long second = openPoll(bia, room.id(), "Segunda?").getJSONObject("enquete").getLong("id_enquete");

            assertRefused("nao_autor_enquete", closePoll(caio, room.id(), first));
            JSONObject closed = closePoll(dona, room.id(), first);
            assertTrue(closed.getBoolean("ok"), closed.toString());
            assertFalse(closed.getJSONObject("enquete").getBoolean("aberta"));
            JSONObject seen = bia.next("enquete_atualizada", e -> e.getLong("id_enquete") == first);
            assertFalse(seen.getBoolean("aberta"), "the author sees their poll closed by the owner");
            assertTrue(closePoll(mod, room.id(), second).getBoolean("ok"), "a moderator closes it too");
        }
    }

    @Test
    void membersCannotChangeTheSettingAndGarbledValuesAreRefused() {
        Owned room = createOwnedRoom("Aula");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            bia.join(room.id(), "bia");
            assertRefused("nao_e_dono", configure(bia, room.id(), true));
            assertRefused("dados_invalidos", configure(dona, room.id(), "sim"));
            assertRefused("dados_incompletos", dona.request("configurar_enquetes", new JSONObject().put("id_sala", room.id())));
            assertFalse(shownModeratorsOnly(room.id()), "nothing changed");
            assertTrue(bia.say(room.id(), "ainda aqui").getBoolean("ok"));
        }
    }

    @Test
    void changingTheSettingIsAudited() {
        Owned room = createOwnedRoom("Aula");
        try (ChatClient dona = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            assertTrue(configure(dona, room.id(), true).getBoolean("ok"));
        }
        JsonNode log = http.get("/api/admin/auditoria", "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD).json();
        List<String> lines = new ArrayList<>();
        log.forEach(e -> lines.add(e.get("acao").asText() + "|" + e.get("id_sala").asText() + "|" + e.get("detalhe").asText()));
        assertTrue(lines.contains("enquetes_configuradas|" + room.id() + "|dono, somente moderadores"), lines.toString());
    }
}
