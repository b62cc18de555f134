package webtalk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;

/** Polls across two real nodes on one PostgreSQL and one Redis: seen live on both, one vote per person whichever node took it. */
@Timeout(180)
class PollClusterIT {

    private static ClusterNodes cluster;
    private static List<ServerProcess> nodes;

    @BeforeAll
    static void start() {
        cluster = ClusterNodes.create();
        cluster.startNode();
        cluster.startNode();
        nodes = cluster.nodes();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static JSONObject openPoll(ChatClient client, String room, String question) {
        return client.request("criar_enquete", new JSONObject().put("id_sala", room).put("pergunta", question)
                .put("opcoes", new JSONArray(List.of("Sim", "Não"))));
    }

    private static JSONObject vote(ChatClient client, String room, long poll, int option) {
        return client.request("votar", new JSONObject().put("id_sala", room).put("id_enquete", poll).put("opcao", option));
    }

    @Test
    void aPollOpenedOnOneNodeIsVotedLiveOnTheOtherAndAPersonVotesOnceAcrossNodes() {
        String room = new Http(nodes.get(0).url()).createRoom("Enquete em dois nós", null);
        try (ChatClient ana = ChatClient.connect(nodes.get(0).url(), new String[]{"websocket"});
             ChatClient bia = ChatClient.connect(nodes.get(1).url(), new String[]{"websocket"})) {
            assertTrue(ana.join(room, "ana").getBoolean("ok"), cluster.logs());
            assertTrue(bia.join(room, "bia").getBoolean("ok"), cluster.logs());
            long id = openPoll(ana, room, "Entenderam?").getJSONObject("enquete").getLong("id_enquete");
            assertEquals(id, bia.next("enquete").getLong("id_enquete"), "across Redis");

            assertTrue(vote(bia, room, id, 1).getBoolean("ok"));
            JSONObject seenByAna = ana.next("enquete_atualizada");
            assertEquals(1, seenByAna.getJSONArray("opcoes").getJSONObject(1).getInt("votos"));

            // bia leaves node 1 and comes back on node 0 under the same name: her vote is already counted.
            bia.request("sair", new JSONObject().put("id_sala", room));
            try (ChatClient again = ChatClient.connect(nodes.get(0).url(), new String[]{"websocket"})) {
                JSONObject joined = again.join(room, "Bia");
                assertEquals(1, joined.getJSONArray("enquetes").getJSONObject(0).getInt("meu_voto"));
                JSONObject twice = vote(again, room, id, 0);
                assertFalse(twice.getBoolean("ok"));
                assertEquals("voto_repetido", twice.getString("codigo"));
            }
            JSONObject closed = ana.request("encerrar_enquete", new JSONObject().put("id_sala", room).put("id_enquete", id));
            assertEquals(1, closed.getJSONObject("enquete").getInt("total_votos"));
        }
    }

    @Test
    void theOpenPollLimitHoldsAcrossNodes() {
        String room = new Http(nodes.get(1).url()).createRoom("Limite em dois nós", null);
        try (ChatClient ana = ChatClient.connect(nodes.get(0).url(), new String[]{"websocket"});
             ChatClient bia = ChatClient.connect(nodes.get(1).url(), new String[]{"websocket"})) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            for (int i = 0; i < 3; i++) {
                assertTrue(openPoll(ana, room, "Ana " + i).getBoolean("ok"));
            }
            for (int i = 0; i < 2; i++) {
                assertTrue(openPoll(bia, room, "Bia " + i).getBoolean("ok"));
            }
            JSONObject sixth = openPoll(bia, room, "Bia 2");
            assertEquals("limite_enquetes", sixth.getString("codigo"));
            assertEquals(5, new Http(nodes.get(0).url()).get("/api/salas/" + room + "/enquetes").json().get("enquetes").size());
        }
    }
}
