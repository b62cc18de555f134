package webtalk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Ack;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.redis.CuttableProxy;
import webtalk.support.ChatClient;
import webtalk.support.RoomView;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.ServerProcess;

/**
 * Joins and leaves told while a node's Redis subscription was down are lost to that node (pub/sub
 * keeps nothing), and unlike messages they are not in PostgreSQL: when its subscription comes back,
 * the node reads who is in each of its rooms and tells its members the difference. Node A reaches
 * Redis through a TCP proxy the test cuts for about a second (below the 4 s presence lease) while
 * members leave and join on node B.
 */
@Timeout(180)
@RunsAlone
class ClusterPresenceResyncIT {

    @Test
    void membersOfANodeWhoseSubscriptionDroppedAreToldTheJoinsAndLeavesTheyMissed() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create(); CuttableProxy redisOfA = new CuttableProxy(6379)) {
            ServerProcess a = cluster.redisUrl("redis://127.0.0.1:" + redisOfA.port() + "/0").startNode();
            ServerProcess b = cluster.redisUrl("redis://127.0.0.1:6379/0").startNode();
            String room = new Http(a.url()).createRoom("Ressincronia", null);
            List<Member> members = new ArrayList<>();
            try {
                Member ana = Member.join(a, room, "ana", members);
                Member dora = Member.join(a, room, "dora", members);
                Member bia = Member.join(b, room, "bia", members);
                Member eva = Member.join(b, room, "eva", members);
                for (Member member : members) {
                    member.awaitView(Set.of("ana", "dora", "bia", "eva"), cluster);
                }

                redisOfA.cut();
                // On node B, while A hears nothing: one leaves, one comes.
                assertTrue(bia.client.request("sair", new JSONObject().put("id_sala", room)).getBoolean("ok"));
                Member carla = Member.join(b, room, "carla", members);
                Thread.sleep(300);  // B's publishes went out to Redis (asynchronous) while A was cut
                redisOfA.restore();

                Set<String> online = Set.of("ana", "dora", "eva", "carla");
                long restoredAt = System.nanoTime();
                for (Member member : List.of(ana, dora, eva, carla)) {
                    member.awaitView(online, cluster);
                }
                System.out.printf("presence resync: node A's members' views right %d ms after Redis came back%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt));
                // Nothing more: a later member on A starts from the same room as everyone.
                Member fiona = Member.join(a, room, "fiona", members);
                Set<String> withFiona = Set.of("ana", "dora", "eva", "carla", "fiona");
                for (Member member : List.of(ana, dora, eva, carla, fiona)) {
                    member.awaitView(withFiona, cluster);
                }
            } finally {
                members.forEach(member -> member.client.close());
            }
        }
    }

    /**
     * A member's view as a page keeps it: the join's {@code usuarios} replace it, then each
     * {@code usuario_entrou} / {@code usuario_saiu} applies in arrival order (the client runs every
     * handler and ack on one event thread).
     */
    private static final class Member {
        final ChatClient client;
        final String name;
        private final RoomView view;

        private Member(ChatClient client, String name) {
            this.client = client;
            this.name = name;
            this.view = RoomView.of(client);
        }

        static Member join(ServerProcess node, String room, String name, List<Member> all) throws Exception {
            Member member = new Member(ChatClient.connect(node.url(), new String[]{"websocket"}), name);
            all.add(member);
            CompletableFuture<JSONObject> ack = new CompletableFuture<>();
            member.client.socket().emit("entrar", new Object[]{new JSONObject().put("id_sala", room).put("nome_usuario", name)},
                    (Ack) args -> {
                        JSONObject answer = (JSONObject) args[0];
                        member.view.joined(answer);
                        ack.complete(answer);
                    });
            JSONObject answer = ack.get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertTrue(answer.optBoolean("ok"), name + " joins: " + answer);
            return member;
        }

        Set<String> view() {
            return view.names();
        }

        void awaitView(Set<String> expected, ClusterNodes cluster) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!view().equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(expected, view(), name + "'s view of the room" + cluster.logs());
        }
    }
}
