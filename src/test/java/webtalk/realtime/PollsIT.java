package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerTest;

/** Polls through a real server and the real Java Socket.IO client: open, vote live, close, and every refusal. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PollsIT extends ServerTest {

    private static JSONObject openPoll(ChatClient client, String room, String question, String... options) {
        return client.request("criar_enquete", new JSONObject().put("id_sala", room).put("pergunta", question)
                .put("opcoes", new JSONArray(List.of(options))));
    }

    private static JSONObject vote(ChatClient client, String room, long poll, Object option) {
        return client.request("votar", new JSONObject().put("id_sala", room).put("id_enquete", poll).put("opcao", option));
    }

    private static JSONObject close(ChatClient client, String room, long poll) {
        return client.request("encerrar_enquete", new JSONObject().put("id_sala", room).put("id_enquete", poll));
    }

    private static List<Object> counts(JSONObject poll) {
        return IntStream.range(0, poll.getJSONArray("opcoes").length())
                .mapToObj(i -> (Object) poll.getJSONArray("opcoes").getJSONObject(i).getInt("votos")).toList();
    }

    private static void assertRefused(String code, JSONObject ack) {
        assertFalse(ack.getBoolean("ok"), ack.toString());
        assertEquals(code, ack.getString("codigo"), ack.toString());
        assertFalse(ack.getString("mensagem").isBlank());
    }

    @Test
    void aPollIsOpenedVotedByTwoClientsWithLiveCountsAndClosedByItsAuthor() {
        String room = http.createRoom("Aula", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");

            JSONObject opened = openPoll(ana, room, "  Entenderam?  ", "Sim", "Não", "Mais ou menos");
            assertTrue(opened.getBoolean("ok"));
            JSONObject poll = opened.getJSONObject("enquete");
            long id = poll.getLong("id_enquete");
            assertEquals("Entenderam?", poll.getString("pergunta"), "trimmed");
            assertEquals("ana", poll.getString("autor"));
            assertTrue(poll.getBoolean("aberta"));
            assertEquals(List.of(0, 0, 0), counts(poll));
            assertTrue(poll.getString("criada_em").endsWith("Z"));
            for (ChatClient member : List.of(ana, bia)) {
                JSONObject seen = member.next("enquete");
                assertEquals(id, seen.getLong("id_enquete"));
                assertEquals(room, seen.getString("id_sala"));
                assertEquals("Mais ou menos", seen.getJSONArray("opcoes").getJSONObject(2).getString("texto"));
            }

            JSONObject biaVoted = vote(bia, room, id, 1);
            assertTrue(biaVoted.getBoolean("ok"));
            assertEquals(1, biaVoted.getInt("meu_voto"));
            assertEquals(List.of(0, 1, 0), counts(biaVoted.getJSONObject("enquete")));
            for (ChatClient member : List.of(ana, bia)) {
                JSONObject update = member.next("enquete_atualizada");
                assertEquals(List.of(0, 1, 0), counts(update));
                assertEquals(1, update.getInt("total_votos"));
            }

            assertTrue(vote(ana, room, id, 0).getBoolean("ok"));
            assertEquals(List.of(1, 1, 0), counts(bia.next("enquete_atualizada")));
            ana.next("enquete_atualizada");

            JSONObject closed = close(ana, room, id);
            assertTrue(closed.getBoolean("ok"));
            assertFalse(closed.getJSONObject("enquete").getBoolean("aberta"));
            JSONObject final_ = bia.next("enquete_atualizada");
            assertFalse(final_.getBoolean("aberta"));
            assertEquals(List.of(1, 1, 0), counts(final_));
        }
    }

    @Test
    void aJoinerSeesTheRoomsPollsWithItsOwnVoteAndSoDoesTheRestRoute() {
        String room = http.createRoom("Aula", null);
        long id;
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            id = openPoll(ana, room, "Entenderam?", "Sim", "Não").getJSONObject("enquete").getLong("id_enquete");
            vote(bia, room, id, 1);
        }
        try (ChatClient bia = ChatClient.connect(server.url()); ChatClient caio = ChatClient.connect(server.url())) {
            JSONArray seenByBia = bia.join(room, "BIA").getJSONArray("enquetes");
            assertEquals(1, seenByBia.length());
            assertEquals(1, seenByBia.getJSONObject(0).getInt("meu_voto"), "the same name (by its key) voted");
            assertEquals(List.of(0, 1), counts(seenByBia.getJSONObject(0)));
            assertRefused("voto_repetido", vote(bia, room, id, 0));
            JSONObject seenByCaio = caio.join(room, "caio").getJSONArray("enquetes").getJSONObject(0);
            assertTrue(seenByCaio.isNull("meu_voto"));
            assertTrue(seenByCaio.getBoolean("aberta"));
        }
        Http.Answer listed = http.get("/api/salas/" + room + "/enquetes");
        assertEquals(200, listed.status());
        assertEquals(id, listed.json().get("enquetes").get(0).get("id_enquete").asLong());
        assertEquals(1, listed.json().get("enquetes").get(0).get("total_votos").asInt());
        assertEquals(404, http.get("/api/salas/naoexiste/enquetes").status());
    }

    @Test
    void aProtectedRoomsPollsNeedItsTokenOverRest() {
        String room = http.createRoom("Secreta", "senha-forte-1");
        Http.Answer refused = http.get("/api/salas/" + room + "/enquetes");
        assertEquals(401, refused.status());
        assertEquals("token_invalido", refused.json().get("codigo").asText());
        String token = http.token(room, "senha-forte-1");
        assertEquals(200, http.get("/api/salas/" + room + "/enquetes", "Authorization", "Bearer " + token).status());
        assertEquals(200, http.get("/api/salas/" + room + "/enquetes?token=" + token).status());
    }

    @Test
    void badPollsAreRefusedEachWithItsCode() {
        String room = http.createRoom("Aula", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient outsider = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            assertRefused("fora_da_sala", openPoll(outsider, room, "Entenderam?", "Sim", "Não"));
            assertRefused("sala_inexistente", openPoll(ana, "naoexiste", "Entenderam?", "Sim", "Não"));
            assertRefused("dados_incompletos", ana.request("criar_enquete", new JSONObject().put("id_sala", room).put("pergunta", "P?")));
            assertRefused("dados_incompletos", ana.request("criar_enquete", new JSONObject().put("id_sala", room)
                    .put("opcoes", new JSONArray(List.of("a", "b")))));
            assertRefused("pergunta_invalida", openPoll(ana, room, "   ", "Sim", "Não"));
            assertRefused("pergunta_invalida", openPoll(ana, room, "x".repeat(201), "Sim", "Não"));
            assertRefused("opcoes_invalidas", openPoll(ana, room, "P?", "Só uma"));
            assertRefused("opcoes_invalidas", openPoll(ana, room, "P?", "1", "2", "3", "4", "5", "6", "7"));
            assertRefused("opcoes_invalidas", openPoll(ana, room, "P?", "Sim", "x".repeat(81)));
            assertRefused("opcoes_invalidas", openPoll(ana, room, "P?", "Sim", " "));
            assertRefused("opcoes_invalidas", openPoll(ana, room, "P?", "Sim", "SIM"));
            assertRefused("opcoes_invalidas", ana.request("criar_enquete", new JSONObject().put("id_sala", room).put("pergunta", "P?")
                    .put("opcoes", new JSONArray(List.of("a", 2)))));
            assertRefused("opcoes_invalidas", ana.request("criar_enquete", new JSONObject().put("id_sala", room).put("pergunta", "P?")
                    .put("opcoes", "a,b")));
            JSONObject error = ana.next("erro");
            assertEquals("fora_da_sala", outsider.next("erro").getString("codigo"), "an erro event besides the ack");
            assertEquals("sala_inexistente", error.getString("codigo"));
            assertTrue(openPoll(ana, room, "x".repeat(200), "a".repeat(80), "b").getBoolean("ok"), "the limits themselves pass");
            assertTrue(ana.say(room, "still serving").getBoolean("ok"));
        }
    }

    @Test
    void votesAndClosesAreRefusedEachWithItsCode() {
        String room = http.createRoom("Aula", null);
        String other = http.createRoom("Outra", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url());
             ChatClient outsider = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            bia.join(other, "bia");
            long id = openPoll(ana, room, "Entenderam?", "Sim", "Não").getJSONObject("enquete").getLong("id_enquete");

            assertRefused("fora_da_sala", vote(outsider, room, id, 0));
            assertRefused("enquete_inexistente", vote(bia, room, id + 1000, 0));
            assertRefused("enquete_inexistente", vote(bia, other, id, 0));
            assertRefused("enquete_inexistente", close(bia, other, id));
            assertRefused("opcao_invalida", vote(bia, room, id, 2));
            assertRefused("opcao_invalida", vote(bia, room, id, -1));
            assertRefused("opcao_invalida", vote(bia, room, id, "um"));
            assertRefused("dados_incompletos", bia.request("votar", new JSONObject().put("id_sala", room).put("id_enquete", id)));
            assertRefused("dados_incompletos", bia.request("votar", new JSONObject().put("id_sala", room).put("opcao", 0)));
            assertRefused("dados_invalidos", vote(bia, room, -5, 0));
            assertTrue(vote(bia, room, id, 0).getBoolean("ok"));
            assertRefused("voto_repetido", vote(bia, room, id, 1));
            assertRefused("nao_autor_enquete", close(bia, room, id));
            assertTrue(close(ana, room, id).getBoolean("ok"));
            assertRefused("enquete_encerrada", close(ana, room, id));
            assertRefused("enquete_encerrada", vote(ana, room, id, 1));
            assertTrue(ana.say(room, "still serving").getBoolean("ok"));
        }
    }

    @Test
    void aRoomHasAtMostFiveOpenPollsAndAMemberOpensAtMostThreeAMinute() {
        String room = http.createRoom("Aula", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            for (int i = 0; i < 3; i++) {
                assertTrue(openPoll(ana, room, "Ana " + i, "a", "b").getBoolean("ok"));
            }
            assertRefused("limite_criacao_enquetes", openPoll(ana, room, "Ana 4", "a", "b"));
            long first = 0;
            for (int i = 0; i < 2; i++) {
                JSONObject opened = openPoll(bia, room, "Bia " + i, "a", "b");
                assertTrue(opened.getBoolean("ok"));
                first = opened.getJSONObject("enquete").getLong("id_enquete");
            }
            JSONObject sixth = openPoll(bia, room, "Bia 3", "a", "b");
            assertRefused("limite_enquetes", sixth);
            assertTrue(sixth.getString("mensagem").contains("5"));
            assertTrue(close(bia, room, first).getBoolean("ok"));
            assertTrue(openPoll(bia, room, "Bia 3", "a", "b").getBoolean("ok"), "closing one makes room");
        }
    }

    @Test
    void aMemberFloodingVotesIsRefusedForAWhile() {
        String room = http.createRoom("Aula", null);
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            long id = openPoll(ana, room, "Entenderam?", "Sim", "Não").getJSONObject("enquete").getLong("id_enquete");
            assertTrue(vote(ana, room, id, 0).getBoolean("ok"));
            String last = null;
            for (int i = 0; i < 40 && !"limite_votos".equals(last); i++) {
                last = vote(ana, room, id, 0).getString("codigo");
            }
            assertEquals("limite_votos", last);
            assertTrue(ana.say(room, "still serving").getBoolean("ok"));
        }
    }

    @Test
    void garbledPollPayloadsAreRefusedAndTheServerKeepsServing() throws Exception {
        String room = http.createRoom("Aula", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            for (String event : List.of("criar_enquete", "votar", "encerrar_enquete")) {
                java.util.concurrent.CompletableFuture<JSONObject> answer = new java.util.concurrent.CompletableFuture<>();
                ana.socket().emit(event, new Object[]{"só uma string"}, (io.socket.client.Ack) args -> answer.complete((JSONObject) args[0]));
                assertRefused("dados_invalidos", answer.get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS));
                java.util.concurrent.CompletableFuture<JSONObject> empty = new java.util.concurrent.CompletableFuture<>();
                ana.socket().emit(event, new Object[]{}, (io.socket.client.Ack) args -> empty.complete((JSONObject) args[0]));
                assertRefused("dados_incompletos", empty.get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS));
                assertRefused("sala_inexistente", ana.request(event, new JSONObject().put("id_sala", 12345).put("pergunta", "P?")
                        .put("opcoes", new JSONArray(List.of("a", "b"))).put("id_enquete", 1).put("opcao", 0)));
            }
            JSONArray many = new JSONArray();
            for (int i = 0; i < 200; i++) {
                many.put("opção " + i);
            }
            assertRefused("opcoes_invalidas", ana.request("criar_enquete", new JSONObject().put("id_sala", room).put("pergunta", "P?")
                    .put("opcoes", many)));
            assertRefused("enquete_inexistente", vote(ana, room, Long.MAX_VALUE, 0));
            assertRefused("opcao_invalida", vote(ana, room, 1, 1.5));
            assertTrue(ana.connected());
            assertTrue(ana.say(room, "still serving").getBoolean("ok"));
            assertEquals("still serving", bia.next("mensagem_chat").getString("mensagem"));
            assertTrue(bia.pending("enquete").isEmpty(), "nothing reached the room");
        }
    }
}
