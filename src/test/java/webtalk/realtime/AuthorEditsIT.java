package webtalk.realtime;

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
import webtalk.support.ServerTest;

/** Authors edit and delete their own messages (issue #14), through a real server and the Java Socket.IO client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthorEditsIT extends ServerTest {

    private static JSONObject edit(ChatClient client, String room, long id, String text) {
        return client.request("editar_mensagem", new JSONObject().put("id_sala", room).put("id", id).put("mensagem", text));
    }

    private static JSONObject delete(ChatClient client, String room, long id) {
        return client.request("excluir_mensagem", new JSONObject().put("id_sala", room).put("id", id));
    }

    private static void refused(JSONObject ack, String code, ChatClient client) {
        assertFalse(ack.getBoolean("ok"), ack.toString());
        assertEquals(code, ack.getString("codigo"), ack.toString());
        assertFalse(ack.getString("mensagem").isBlank());
        assertEquals(code, client.next("erro").getString("codigo"), "the erro event says it too");
    }

    private JsonNode page(String room) {
        return http.get("/api/salas/" + room + "/mensagens").json().get("mensagens");
    }

    @Test
    void theAuthorEditsTheirMessageAndTheRoomHistoryAndPagesShowTheEditedMark() {
        String room = http.createRoom("Edições", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            long id = ana.say(room, "olá, mundo").getLong("id");
            JSONObject ack = edit(ana, room, id, "  olá, mundo!  ");
            assertTrue(ack.getBoolean("ok"), ack.toString());
            assertEquals(id, ack.getLong("id"));
            JSONObject edited = bia.next("mensagem_editada");
            assertEquals(room, edited.getString("id_sala"));
            assertEquals(id, edited.getLong("id"));
            assertEquals("olá, mundo!", edited.getString("mensagem"), "the same text rules as mensagem_chat");
            assertEquals(ack.getString("editada_em"), edited.getString("editada_em"));
            assertEquals(id, ana.next("mensagem_editada").getLong("id"), "the author sees it too");

            JsonNode stored = page(room).get(0);
            assertEquals("olá, mundo!", stored.get("mensagem").asText());
            assertTrue(stored.get("editada").asBoolean());
            assertEquals(ack.getString("editada_em"), stored.get("editada_em").asText());
        }
        try (ChatClient caio = ChatClient.connect(server.url())) {
            caio.join(room, "caio");
            JSONObject replayed = caio.next("mensagem_chat");
            assertTrue(replayed.getBoolean("historico"));
            assertTrue(replayed.getBoolean("editada"), "history replays carry the mark");
            assertEquals("olá, mundo!", replayed.getString("mensagem"));
        }
    }

    @Test
    void theAuthorDeletesTheirMessageWhichStaysAsATombstoneInPagesAndCatchUp() {
        String room = http.createRoom("Exclusões", null);
        long id;
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            ana.say(room, "antes");
            id = ana.say(room, "me arrependi").getLong("id");
            ana.say(room, "depois");
            assertTrue(delete(ana, room, id).getBoolean("ok"));
            JSONObject deleted = bia.next("mensagem_excluida");
            assertEquals(id, deleted.getLong("id"));
            assertEquals(room, deleted.getString("id_sala"));
            refused(delete(ana, room, id), "mensagem_ja_excluida", ana);
            refused(edit(ana, room, id, "de volta"), "mensagem_ja_excluida", ana);
        }
        JsonNode pages = page(room);
        assertEquals(3, pages.size(), "ids stay gap-free");
        assertTrue(pages.get(1).get("excluida").asBoolean());
        assertEquals("", pages.get(1).get("mensagem").asText(), "the text is never kept");
        try (ChatClient caio = ChatClient.connect(server.url())) {
            caio.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "caio").put("ultimo_id", id - 1));
            JSONObject caughtUp = caio.next("mensagem_chat");
            assertEquals(id, caughtUp.getLong("id"));
            assertTrue(caughtUp.getBoolean("excluida"));
            assertEquals("", caughtUp.getString("mensagem"));
        }
    }

    @Test
    void theSameAuthorAfterAReconnectWithTheirSessionKeyMayStillEdit() {
        String room = http.createRoom("Reconexão", null);
        ChatClient first = ChatClient.connect(server.url());
        JSONObject joined = first.join(room, "ana");
        String key = joined.getString("chave_sessao");
        long id = first.say(room, "antes de cair").getLong("id");
        first.close();
        try (ChatClient again = ChatClient.connect(server.url())) {
            JSONObject back = again.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "ana").put("chave_sessao", key));
            assertTrue(back.getBoolean("ok"), back.toString());
            JSONObject ack = again.request("editar_mensagem", new JSONObject().put("id_sala", room).put("id", id)
                    .put("mensagem", "depois de voltar").put("chave_sessao", key));
            assertTrue(ack.getBoolean("ok"), ack.toString());
        }
    }

    @Test
    void whoeverTakesANicknameAfterItsHolderLeftCannotEditOrDeleteTheHoldersMessages() {
        String room = http.createRoom("Apelido livre", null);
        long id;
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            id = ana.say(room, "minha mensagem").getLong("id");
            assertTrue(ana.request("sair", new JSONObject().put("id_sala", room)).getBoolean("ok"));
        }
        try (ChatClient other = ChatClient.connect(server.url())) {
            assertTrue(other.join(room, "ana").getBoolean("ok"), "the name is free again");
            refused(edit(other, room, id, "não é minha"), "mensagem_de_outro", other);
            refused(delete(other, room, id), "mensagem_de_outro", other);
            long own = other.say(room, "esta sim").getLong("id");
            assertTrue(edit(other, room, own, "esta sim, editada").getBoolean("ok"), "its own message it may edit");
        }
        assertEquals("minha mensagem", page(room).get(0).get("mensagem").asText(), "untouched");
    }

    @Test
    void everyBadEditOrDeleteIsRefusedWithItsCodeAndTheServerKeepsServing() {
        String room = http.createRoom("Recusas", null);
        String other = http.createRoom("Outra", null);
        http.configure(Map.of("tamanho_maximo_mensagem", 20));
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            bia.join(other, "bia");
            long id = ana.say(room, "minha").getLong("id");
            bia.request("mensagem_chat", new JSONObject().put("id_sala", other).put("mensagem", "lá"));

            refused(edit(bia, room, id, "tomei"), "mensagem_de_outro", bia);
            refused(delete(bia, room, id), "mensagem_de_outro", bia);
            refused(edit(ana, room, 999, "x"), "mensagem_inexistente", ana);
            refused(edit(ana, room, 2, "x"), "mensagem_inexistente", ana);
            refused(edit(ana, other, id, "x"), "fora_da_sala", ana);
            refused(edit(bia, other, 5, "x"), "mensagem_inexistente", bia);
            refused(edit(ana, room, id, "   "), "mensagem_vazia", ana);
            refused(edit(ana, room, id, "x".repeat(21)), "mensagem_longa", ana);
            refused(edit(ana, "naoexiste", id, "x"), "sala_inexistente", ana);
            refused(ana.request("editar_mensagem", new JSONObject().put("id_sala", room).put("mensagem", "x")), "dados_incompletos", ana);
            refused(ana.request("editar_mensagem", new JSONObject().put("id_sala", room).put("id", "um").put("mensagem", "x")),
                    "dados_invalidos", ana);
            refused(ana.request("excluir_mensagem", new JSONObject().put("id_sala", room).put("id", -3)), "dados_invalidos", ana);
            refused(ana.request("editar_mensagem", new JSONObject().put("id_sala", room).put("id", id)), "dados_incompletos", ana);

            http.configure(Map.of("janela_edicao_minutos", 0));
            refused(edit(ana, room, id, "tarde"), "prazo_edicao_encerrado", ana);
            refused(delete(ana, room, id), "prazo_edicao_encerrado", ana);
            http.configure(Map.of("janela_edicao_minutos", 15, "limite_mensagens_por_minuto", 1));
            assertEquals("minha", page(room).get(0).get("mensagem").asText(), "nothing refused was stored");
            JSONObject ack = null;
            for (int i = 0; i < 7; i++) {  // a burst of 5 first (RateLimiter), then refused
                ack = edit(ana, room, id, "rápido demais " + i);
                if (!ack.getBoolean("ok")) {
                    break;
                }
            }
            refused(ack, "limite_mensagens", ana);
            assertTrue(bia.say(other, "ainda funciona").getBoolean("ok"), "the server keeps serving");
        }
    }

    @Test
    void theEditWindowIsAnAdminSetting() {
        assertEquals(15, http.get("/api/admin/configuracoes", "Authorization", "Bearer " + webtalk.support.TestServer.ADMIN_PASSWORD)
                .json().get("janela_edicao_minutos").asInt());
        assertEquals(400, http.post("/api/admin/configuracoes", Map.of("janela_edicao_minutos", 1441),
                "Authorization", "Bearer " + webtalk.support.TestServer.ADMIN_PASSWORD).status());
    }
}
