package webtalk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;

/**
 * Owners' powers across a cluster (issue #14): two real WebTalk processes on one PostgreSQL and one
 * Redis; the owner on one node, the member on the other.
 */
@Timeout(180)
class RoomOwnersClusterIT {

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

    private static JSONObject act(ChatClient client, String event, JSONObject payload) {
        return client.request(event, payload);
    }

    @Test
    void anOwnerOnOneNodeRulesMembersOnAnother() {
        JsonNode created = new Http(nodes.get(0).url()).post("/api/salas", Map.of("nome", "Clube em dois nós", "criador", "dona")).json();
        String room = created.get("id_sala").asText();
        String key = created.get("chave_dono").asText();
        try (ChatClient dona = ChatClient.connect(nodes.get(0).url(), new String[]{"websocket"});
             ChatClient bia = ChatClient.connect(nodes.get(1).url(), new String[]{"websocket"})) {
            assertEquals("dono", dona.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "dona")
                    .put("chave_dono", key)).getString("papel"), cluster.logs());
            assertEquals("membro", bia.join(room, "bia").getString("papel"));
            assertTrue(bia.say(room, "antes do modo lento").getBoolean("ok"), "node 1 has read the room's slow mode: off");

            JSONObject ack = act(dona, "modo_lento", new JSONObject().put("id_sala", room).put("segundos", 30));
            assertTrue(ack.getBoolean("ok"), ack.toString());
            assertEquals(30, bia.next("modo_lento_alterado").getInt("segundos"));
            assertTrue(bia.say(room, "uma por vez").getBoolean("ok"), "the first message under slow mode passes");
            JSONObject refused = bia.say(room, "depressa");
            assertFalse(refused.getBoolean("ok"));
            assertEquals("modo_lento", refused.getString("codigo"), "the other node applies the change at once");

            long id = bia.next("mensagem_chat").getLong("id");
            assertTrue(act(dona, "fixar_mensagem", new JSONObject().put("id_sala", room).put("id", id)).getBoolean("ok"));
            assertEquals(id, bia.next("mensagem_fixada").getLong("id"));
            assertTrue(act(dona, "editar_sala", new JSONObject().put("id_sala", room).put("descricao", "tópico")).getBoolean("ok"));
            assertEquals("tópico", bia.next("sala_atualizada").getString("descricao"));
            assertEquals(id, new Http(nodes.get(1).url()).get("/api/salas/" + room).json().get("fixadas").get(0).get("id").asLong());

            assertTrue(act(dona, "banir", new JSONObject().put("id_sala", room).put("nome_usuario", "bia").put("minutos", 5))
                    .getBoolean("ok"));
            assertEquals("banido", bia.next("expulso").getString("codigo"));
            assertEquals("banido", bia.join(room, "bia").getString("codigo"));
        }
    }

    @Test
    void thePollSettingOnOneNodeRefusesAMemberOnAnother() {
        JsonNode created = new Http(nodes.get(0).url()).post("/api/salas", Map.of("nome", "Enquetes em dois nós", "criador", "dona")).json();
        String room = created.get("id_sala").asText();
        try (ChatClient dona = ChatClient.connect(nodes.get(0).url(), new String[]{"websocket"});
             ChatClient bia = ChatClient.connect(nodes.get(1).url(), new String[]{"websocket"})) {
            dona.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "dona")
                    .put("chave_dono", created.get("chave_dono").asText()));
            bia.join(room, "bia");
            JSONObject ack = act(dona, "configurar_enquetes", new JSONObject().put("id_sala", room).put("somente_moderadores", true));
            assertTrue(ack.getBoolean("ok"), ack.toString());
            assertTrue(bia.next("enquetes_configuradas").getBoolean("somente_moderadores"), "the room event crosses nodes");
            assertTrue(new Http(nodes.get(1).url()).get("/api/salas/" + room).json().get("enquetes_somente_moderadores").asBoolean());
            JSONObject refused = act(bia, "criar_enquete", new JSONObject().put("id_sala", room).put("pergunta", "Posso?")
                    .put("opcoes", new org.json.JSONArray(List.of("Sim", "Não"))));
            assertEquals("enquete_nao_permitida", refused.getString("codigo"), refused.toString());
        }
    }
}
