package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;

/** Replies, mentions and reactions (issue #14), through a real server and the Java Socket.IO client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RepliesMentionsReactionsIT extends ServerTest {

    private static JSONObject react(ChatClient client, String room, long id, String emoji) {
        return client.request("reagir", new JSONObject().put("id_sala", room).put("id", id).put("emoji", emoji));
    }

    private static void refused(JSONObject ack, String code, ChatClient client) {
        assertFalse(ack.getBoolean("ok"), ack.toString());
        assertEquals(code, ack.getString("codigo"), ack.toString());
        assertEquals(code, client.next("erro").getString("codigo"));
    }

    private JsonNode page(String room) {
        return http.get("/api/salas/" + room + "/mensagens").json().get("mensagens");
    }

    @Test
    void aReplyCarriesTheOriginalsIdAndAShortQuoteLiveAndInPages() {
        String room = http.createRoom("Respostas", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            long original = ana.say(room, "p".repeat(120)).getLong("id");
            JSONObject ack = bia.request("mensagem_chat", new JSONObject().put("id_sala", room).put("mensagem", "concordo")
                    .put("resposta_a", original));
            assertTrue(ack.getBoolean("ok"));
            JSONObject reply = ana.next("mensagem_chat", m -> m.getString("mensagem").equals("concordo"));
            assertEquals(original, reply.getLong("resposta_a"));
            JSONObject quote = reply.getJSONObject("citacao");
            assertEquals("ana", quote.getString("nome_usuario"));
            assertEquals("p".repeat(100), quote.getString("trecho"), "a short quote: 100 characters");

            ana.request("excluir_mensagem", new JSONObject().put("id_sala", room).put("id", original));
            JsonNode stored = page(room).get(1);
            assertEquals(original, stored.get("resposta_a").asLong());
            assertTrue(stored.get("citacao").get("excluida").asBoolean(), "a deleted original quotes as deleted");
            assertEquals("", stored.get("citacao").get("trecho").asText());

            refused(bia.request("mensagem_chat", new JSONObject().put("id_sala", room).put("mensagem", "?").put("resposta_a", 999)),
                    "resposta_inexistente", bia);
            refused(bia.request("mensagem_chat", new JSONObject().put("id_sala", room).put("mensagem", "?").put("resposta_a", "x")),
                    "dados_invalidos", bia);
            assertEquals(2, page(room).size(), "a refused reply stores nothing");
        }
    }

    @Test
    void mentionsOfMembersInTheRoomAreRecognisedAsTheyLook() {
        String room = http.createRoom("Menções", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url());
             ChatClient ze = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "Bia");
            ze.join(room, "zé maria");
            ana.say(room, "oi @BIA, @zé maria e @ninguem; @Bia de novo");
            JSONObject said = bia.next("mensagem_chat", m -> m.getString("nome_usuario").equals("ana"));
            assertEquals(List.of("Bia", "zé maria"), said.getJSONArray("mencoes").toList(), "names as shown, once each, in order");
            assertEquals(List.of("Bia", "zé maria"), List.of(page(room).get(0).get("mencoes").get(0).asText(),
                    page(room).get(0).get("mencoes").get(1).asText()));
            ana.say(room, "sem menção a ninguém @");
            JSONObject plain = bia.next("mensagem_chat", m -> m.getString("mensagem").startsWith("sem"));
            assertFalse(plain.has("mencoes"));
        }
    }

    @Test
    void aReactionTogglesAndTheRoomSeesTheCountsWhichHistoryCarries() {
        String room = http.createRoom("Reações", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            long id = ana.say(room, "festa!").getLong("id");
            JSONObject ack = react(bia, room, id, "🎉");
            assertTrue(ack.getBoolean("ok"), ack.toString());
            JSONObject changed = ana.next("reacao_atualizada");
            assertEquals(room, changed.getString("id_sala"));
            assertEquals(id, changed.getLong("id"));
            assertEquals(Map.of("🎉", 1), changed.getJSONObject("reacoes").toMap());
            react(ana, room, id, "🎉");
            assertEquals(Map.of("🎉", 2), ana.next("reacao_atualizada").getJSONObject("reacoes").toMap());
            react(ana, room, id, "👍🏽");
            ana.next("reacao_atualizada");
            react(bia, room, id, "🎉");
            assertEquals(Map.of("🎉", 1, "👍🏽", 1), ana.next("reacao_atualizada").getJSONObject("reacoes").toMap(), "a second click takes mine back");
            assertEquals(1, page(room).get(0).get("reacoes").get("🎉").asInt());
        }
        try (ChatClient caio = ChatClient.connect(server.url())) {
            caio.join(room, "caio");
            assertEquals(Map.of("🎉", 1, "👍🏽", 1), caio.next("mensagem_chat").getJSONObject("reacoes").toMap(), "history carries the counts");
        }
    }

    @Test
    void badReactionsAreRefusedWithTheirCodes() {
        String room = http.createRoom("Reações ruins", null);
        http.configure(Map.of("limite_mensagens_por_minuto", 6000));
        List<String> emoji = List.of("😀", "😁", "😂", "🤣", "😃", "😄", "😅", "😆", "😉", "😊",
                "😋", "😎", "😍", "😘", "🥰", "😗", "😙", "😚", "🙂", "🤗", "🤩");
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url());
             ChatClient caio = ChatClient.connect(server.url()); ChatClient outsider = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            caio.join(room, "caio");
            long id = ana.say(room, "reaja").getLong("id");
            for (String bad : List.of("a", "👍👍", "", "👍a", "\u200d", "🏽", "x".repeat(40))) {
                refused(react(ana, room, id, bad), bad.isEmpty() ? "dados_incompletos" : "emoji_invalido", ana);
            }
            refused(react(ana, room, 999, "👍"), "mensagem_inexistente", ana);
            refused(react(outsider, room, id, "👍"), "fora_da_sala", outsider);
            for (int i = 0; i < 10; i++) {
                assertTrue(react(ana, room, id, emoji.get(i)).getBoolean("ok"));
            }
            refused(react(ana, room, id, emoji.get(10)), "reacoes_demais", ana);
            for (int i = 10; i < 20; i++) {
                assertTrue(react(bia, room, id, emoji.get(i)).getBoolean("ok"));
            }
            refused(react(caio, room, id, emoji.get(20)), "reacoes_demais", caio);
            assertTrue(react(caio, room, id, emoji.get(0)).getBoolean("ok"), "an emoji already there is fine");
            assertTrue(ana.request("excluir_mensagem", new JSONObject().put("id_sala", room).put("id", id)).getBoolean("ok"));
            refused(react(caio, room, id, "👍"), "mensagem_ja_excluida", caio);
            assertTrue(ana.say(room, "ainda aqui").getBoolean("ok"), "the server keeps serving");
        }
    }
}
