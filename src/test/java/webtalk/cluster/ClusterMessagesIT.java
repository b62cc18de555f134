package webtalk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;

/**
 * Issue #14 across two real nodes (one PostgreSQL, one Redis): a mention of a member on the other
 * node, a reply, an edit, reactions toggled at once from both nodes, and a delete all reach the
 * members of both nodes.
 */
@Timeout(180)
class ClusterMessagesIT {

    private static ClusterNodes cluster;
    private static List<ServerProcess> nodes;

    @BeforeAll
    static void start() {
        cluster = ClusterNodes.create();
        cluster.startNode();
        cluster.startNode();
        nodes = cluster.nodes();
        new Http(nodes.get(0).url()).configure(Map.of("limite_mensagens_por_minuto", 6000));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void editsDeletesRepliesMentionsAndReactionsCrossNodes() {
        String room = new Http(nodes.get(0).url()).createRoom("Mensagens em dois nós", null);
        try (ChatClient ana = ChatClient.connect(nodes.get(0).url(), new String[]{"websocket"});
             ChatClient bia = ChatClient.connect(nodes.get(1).url(), new String[]{"websocket"})) {
            assertTrue(ana.join(room, "ana").getBoolean("ok"), cluster.logs());
            assertTrue(bia.join(room, "bia").getBoolean("ok"), cluster.logs());
            long first = ana.say(room, "oi @bia").getLong("id");
            JSONObject atBia = bia.next("mensagem_chat", m -> m.getLong("id") == first);
            assertEquals(List.of("bia"), atBia.getJSONArray("mencoes").toList(), "a member on the other node is mentioned");

            bia.request("mensagem_chat", new JSONObject().put("id_sala", room).put("mensagem", "oi!").put("resposta_a", first));
            JSONObject reply = ana.next("mensagem_chat", m -> m.has("resposta_a"));
            assertEquals("oi @bia", reply.getJSONObject("citacao").getString("trecho"));

            assertTrue(ana.request("editar_mensagem", new JSONObject().put("id_sala", room).put("id", first)
                    .put("mensagem", "olá @bia")).getBoolean("ok"));
            assertEquals("olá @bia", bia.next("mensagem_editada").getString("mensagem"));

            CompletableFuture<JSONObject> fromAna = CompletableFuture.supplyAsync(() -> ana.request("reagir",
                    new JSONObject().put("id_sala", room).put("id", first).put("emoji", "👍")));
            CompletableFuture<JSONObject> fromBia = CompletableFuture.supplyAsync(() -> bia.request("reagir",
                    new JSONObject().put("id_sala", room).put("id", first).put("emoji", "👍")));
            assertTrue(fromAna.join().getBoolean("ok"));
            assertTrue(fromBia.join().getBoolean("ok"));
            bia.next("reacao_atualizada", e -> e.getJSONObject("reacoes").optInt("👍") == 2);
            ana.next("reacao_atualizada", e -> e.getJSONObject("reacoes").optInt("👍") == 2);

            assertTrue(ana.request("excluir_mensagem", new JSONObject().put("id_sala", room).put("id", first)).getBoolean("ok"));
            assertEquals(first, bia.next("mensagem_excluida").getLong("id"));
            var page = new Http(nodes.get(1).url()).get("/api/salas/" + room + "/mensagens").json().get("mensagens");
            assertTrue(page.get(0).get("excluida").asBoolean());
            assertTrue(page.get(1).get("citacao").get("excluida").asBoolean());
        }
    }
}
