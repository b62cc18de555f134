package webtalk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.redis.CuttableProxy;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.ServerProcess;

/**
 * Redis cut for a few seconds between two nodes and Redis (a TCP proxy the test controls): the
 * nodes know it (not ready), messages are still stored before they are acknowledged and reach the
 * other node's members from PostgreSQL (the position check), joins that need presence are refused
 * with a clear erro, and everything is back by itself when Redis is.
 */
@Timeout(180)
@RunsAlone
class ClusterOutageIT {

    @Test
    void aRedisCutIsToldAndSurvivedAndServiceComesBackByItself() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create(); CuttableProxy redis = new CuttableProxy(6379)) {
            cluster.redisUrl("redis://127.0.0.1:" + redis.port() + "/0");
            ServerProcess a = cluster.startNode();
            ServerProcess b = cluster.startNode();
            String room = new Http(a.url()).createRoom("Sem Redis", null);
            try (ChatClient ana = ChatClient.connect(a.url(), new String[]{"websocket"});
                 ChatClient bia = ChatClient.connect(b.url(), new String[]{"websocket"})) {
                assertTrue(ana.join(room, "ana").getBoolean("ok"));
                assertTrue(bia.join(room, "bia").getBoolean("ok"));

                redis.cut();
                long cutAt = System.nanoTime();
                awaitTrue(() -> new Http(a.url()).get("/health/ready").status() == 503, 10_000, "node a not ready without Redis");
                long noticedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
                String reasons = new Http(a.url()).get("/health/ready").body();
                assertTrue(reasons.contains("redis_indisponivel"), reasons);

                JSONObject ack = ana.say(room, "enviada sem Redis");
                assertTrue(ack.getBoolean("ok"), "stored and acknowledged without Redis: " + ack);
                long sentAt = System.nanoTime();
                JSONObject heard = bia.next("mensagem_chat", m -> m.getString("mensagem").equals("enviada sem Redis"));
                long crossedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
                assertEquals(ack.getLong("id"), heard.getLong("id"));

                try (ChatClient carla = ChatClient.connect(b.url(), new String[]{"websocket"})) {
                    JSONObject refused = carla.join(room, "carla");
                    assertEquals("armazenamento_indisponivel", refused.optString("codigo"), "a join needs presence: " + refused);
                }

                Thread.sleep(2_000);
                redis.restore();
                long restoredAt = System.nanoTime();
                awaitTrue(() -> new Http(a.url()).get("/health/ready").status() == 200
                        && new Http(b.url()).get("/health/ready").status() == 200, 20_000, "ready again after Redis is back");
                long backMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt);
                try (ChatClient carla = ChatClient.connect(b.url(), new String[]{"websocket"})) {
                    assertTrue(carla.join(room, "carla").getBoolean("ok"), cluster.logs());
                }
                JSONObject after = ana.say(room, "de volta");
                assertEquals(after.getLong("id"), bia.next("mensagem_chat", m -> m.getString("mensagem").equals("de volta")).getLong("id"));
                System.out.printf("redis cut: not ready after %d ms; a message crossed nodes through PostgreSQL in %d ms;"
                        + " ready again %d ms after Redis came back%n", noticedMs, crossedMs, backMs);
            }
        }
    }

    /**
     * The publisher dies between its commit and its publish: node A is cut from Redis (so its
     * publishes go nowhere), acknowledges a message (stored in PostgreSQL), and is killed. A member
     * on node B gets that message anyway, from B's position check.
     */
    @Test
    void aMessageWhosePublisherDiedBeforeItsPublishReachedRedisStillReachesEveryone() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create(); CuttableProxy redisOfA = new CuttableProxy(6379)) {
            ServerProcess a = cluster.redisUrl("redis://127.0.0.1:" + redisOfA.port() + "/0").startNode();
            ServerProcess b = cluster.redisUrl("redis://127.0.0.1:6379/0").startNode();
            String room = new Http(a.url()).createRoom("Órfã", null);
            try (ChatClient ana = ChatClient.connect(a.url(), new String[]{"websocket"});
                 ChatClient bia = ChatClient.connect(b.url(), new String[]{"websocket"})) {
                assertTrue(ana.join(room, "ana").getBoolean("ok"));
                assertTrue(bia.join(room, "bia").getBoolean("ok"));
                redisOfA.cut();
                JSONObject ack = ana.say(room, "publicada por ninguém");
                assertTrue(ack.getBoolean("ok"), "stored and acknowledged by a: " + ack);
                long ackedAt = System.nanoTime();
                a.kill();
                JSONObject heard = bia.next("mensagem_chat", m -> m.getString("mensagem").equals("publicada por ninguém"));
                long reachedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ackedAt);
                assertEquals(ack.getLong("id"), heard.getLong("id"));
                System.out.printf("publisher died before its publish: the message reached the other node %d ms after its ack%n", reachedMs);
                assertTrue(reachedMs <= 1_500, "within the position check's bound: " + reachedMs + " ms");
            }
        }
    }

    /**
     * PostgreSQL unreachable for both nodes (a TCP proxy in front of it, cut): sends are refused
     * with armazenamento_indisponivel, nothing is acknowledged that is not stored, the nodes are not
     * ready; when PostgreSQL answers again, service comes back by itself.
     */
    @Test
    void postgresqlGoneRefusesSendsClearlyAndServiceComesBackByItself() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create(); CuttableProxy postgres = new CuttableProxy(5432)) {
            cluster.databasePort(postgres.port());
            ServerProcess a = cluster.startNode();
            ServerProcess b = cluster.startNode();
            String room = new Http(a.url()).createRoom("Sem banco", null);
            try (ChatClient ana = ChatClient.connect(a.url(), new String[]{"websocket"});
                 ChatClient bia = ChatClient.connect(b.url(), new String[]{"websocket"})) {
                assertTrue(ana.join(room, "ana").getBoolean("ok"));
                assertTrue(bia.join(room, "bia").getBoolean("ok"));
                long before = ana.say(room, "antes").getLong("id");

                postgres.cut();
                JSONObject refused = null;
                int acknowledged = 0;
                for (int i = 0; i < 20 && refused == null; i++) {
                    JSONObject ack = ana.say(room, "durante " + i);
                    if (ack.getBoolean("ok")) {
                        acknowledged++;  // stored before the cut reached the writer: it must be there later
                    } else {
                        refused = ack;
                    }
                }
                assertTrue(refused != null, "sends are refused while PostgreSQL is gone");
                assertEquals("armazenamento_indisponivel", refused.getString("codigo"), refused.toString());
                awaitTrue(() -> new Http(a.url()).get("/health/ready").status() == 503, 10_000, "not ready without PostgreSQL");

                postgres.restore();
                long restoredAt = System.nanoTime();
                JSONObject back = null;
                for (int i = 0; i < 100 && (back == null || !back.getBoolean("ok")); i++) {
                    back = ana.say(room, "depois");
                    if (!back.getBoolean("ok")) {
                        Thread.sleep(200);
                    }
                }
                long backMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt);
                assertTrue(back.getBoolean("ok"), "sends are stored again: " + back + cluster.logs());
                long id = back.getLong("id");
                assertEquals(id, bia.next("mensagem_chat", m -> m.getLong("id") == id).getLong("id"));
                assertEquals(before + acknowledged + 1, id, "every acknowledged message has its id, nothing refused took one");
                awaitTrue(() -> new Http(a.url()).get("/health/ready").status() == 200, 10_000, "ready again");
                System.out.printf("postgresql cut: %d sends acknowledged before the refusals began; stored again %d ms after it came back%n",
                        acknowledged, backMs);
            }
        }
    }

    private static void awaitTrue(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // a node may answer nothing for a moment
            }
            Thread.sleep(100);
        }
        throw new AssertionError(what + " within " + timeoutMs + " ms");
    }
}
