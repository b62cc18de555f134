package webtalk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.socketio.RoundRobinNginx;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;

/**
 * Two cluster nodes behind a real nginx with no sticky sessions, arranged so that every other
 * request of a session and every WebSocket upgrade reach the node that does not hold it: a
 * default Socket.IO client (polling, then the upgrade) and a polling-only one chat through it as
 * through one server, because the stray requests are forwarded to the owner.
 */
@Timeout(180)
class ClusterPollingIT {

    /** The sum of a counter over the nodes' scrapes. */
    private static double forwarded(String scrapes, String counter) {
        return scrapes.lines().filter(line -> line.startsWith(counter + " ")).mapToDouble(line -> Double.parseDouble(line.split(" ")[1])).sum();
    }

    @Test
    void clientsChatThroughARoundRobinBalancerWithoutStickySessions() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create()) {
            ServerProcess a = cluster.startNode();
            ServerProcess b = cluster.startNode();
            String room = new Http(a.url()).createRoom("Sem afinidade", null);
            cluster.awaitSessionRouting();  // each node has read the other's directory entry
            try (RoundRobinNginx nginx = RoundRobinNginx.start(a.port(), b.port());
                 ChatClient upgraded = ChatClient.connect(nginx.url());
                 ChatClient polling = ChatClient.connect(nginx.url(), new String[]{"polling"});
                 ChatClient direct = ChatClient.connect(b.url(), new String[]{"websocket"})) {
                assertTrue(upgraded.join(room, "ana").getBoolean("ok"), cluster.logs());
                assertTrue(polling.join(room, "bia").getBoolean("ok"), cluster.logs());
                assertTrue(direct.join(room, "caio").getBoolean("ok"));
                for (int i = 0; i < 20; i++) {
                    ChatClient sender = i % 2 == 0 ? upgraded : polling;
                    JSONObject ack = sender.say(room, "ida e volta " + i);
                    assertTrue(ack.getBoolean("ok"), ack.toString());
                    for (ChatClient member : new ChatClient[]{upgraded, polling, direct}) {
                        assertEquals(ack.getLong("id"), member.next("mensagem_chat").getLong("id"), "message " + i);
                    }
                }
                assertTrue(upgraded.connected() && polling.connected(), "no session was lost on the way");
                String metrics = new Http(b.url()).get("/metrics").body() + new Http(a.url()).get("/metrics").body();
                assertTrue(forwarded(metrics, "webtalk_cluster_forwarded_requests_total") > 10, metrics);
                assertTrue(forwarded(metrics, "webtalk_cluster_relays_opened_total") >= 1, "the upgrade went through the other node");
            }
        }
    }
}
