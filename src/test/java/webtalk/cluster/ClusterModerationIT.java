package webtalk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;
import webtalk.support.TestServer;

/** The panel's moderation view on a cluster: any node's admin sees every node's members and lifts a ban for all. */
@Timeout(180)
class ClusterModerationIT {

    private static final String[] ADMIN = {"Authorization", "Bearer " + TestServer.ADMIN_PASSWORD};
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

    @Test
    void theMembersListShowsMembersOfEveryNodeAndALiftedBanHoldsOnNoNode() {
        Http first = new Http(nodes.get(0).url());
        String room = first.createRoom("Sala do cluster", null);
        try (ChatClient here = ChatClient.connect(nodes.get(0).url(), new String[]{"websocket"});
             ChatClient there = ChatClient.connect(nodes.get(1).url(), new String[]{"websocket"})) {
            assertTrue(here.join(room, "aqui").getBoolean("ok"), cluster.logs());
            assertTrue(there.join(room, "la").getBoolean("ok"), cluster.logs());
            JsonNode members = first.get("/api/admin/salas/" + room + "/membros", ADMIN).json().get("membros");
            List<String> names = new ArrayList<>();
            members.forEach(m -> names.add(m.get("nome_usuario").asText()));
            assertEquals(List.of("aqui", "la"), names, "the other node's member too");

            assertEquals(200, first.post("/api/admin/salas/" + room + "/banir", Map.of("nome_usuario", "la", "minutos", 60), ADMIN).status());
            there.next("expulso");
            assertEquals("banido", there.join(room, "la").getString("codigo"));
            Http second = new Http(nodes.get(1).url());
            JsonNode bans = second.get("/api/admin/salas/" + room + "/banimentos", ADMIN).json().get("banimentos");
            assertEquals(1, bans.size(), bans.toString());
            assertEquals(200, second.delete("/api/admin/salas/" + room + "/banimentos/" + bans.get(0).get("id").asLong(), ADMIN).status());
            assertTrue(there.join(room, "la").getBoolean("ok"), "lifted on node 2, in force nowhere");
        }
    }
}
