package webtalk.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;
import webtalk.support.TestServer;

/**
 * Three WebTalk nodes on one PostgreSQL database and one Redis, each a real process on loopback,
 * and real Socket.IO clients spread over them: what one node does, every node's members see.
 */
@Timeout(240)
class ClusterIT {

    private static ClusterNodes cluster;
    private static List<ServerProcess> nodes;

    @BeforeAll
    static void start() {
        cluster = ClusterNodes.create();
        for (int i = 0; i < 3; i++) {
            cluster.startNode();
        }
        nodes = cluster.nodes();
        // Senders here send as fast as acks come back: above a person's rate (a setting every node applies).
        new Http(nodes.get(0).url()).configure(Map.of("limite_mensagens_por_minuto", 6000));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void membersOnThreeNodesGetEveryMessageOnceAndInIdOrder() throws Exception {
        String room = new Http(nodes.get(0).url()).createRoom("Três nós", null);
        List<ChatClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                ChatClient member = ChatClient.connect(nodes.get(i % 3).url(), new String[]{"websocket"});
                members.add(member);
                assertTrue(member.join(room, "membro" + i).getBoolean("ok"), cluster.logs());
            }
            int perMember = 25;
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                ChatClient sender = members.get(i);
                int who = i;
                senders.add(CompletableFuture.runAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int n = 0; n < perMember; n++) {
                        JSONObject ack = sender.say(room, "m" + who + "-" + n);
                        assertTrue(ack.getBoolean("ok"), ack.toString());
                    }
                }));
            }
            go.countDown();
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();
            int total = perMember * members.size();
            for (ChatClient member : members) {
                List<JSONObject> received = member.next("mensagem_chat", total);
                List<Long> ids = received.stream().map(m -> m.getLong("id")).toList();
                for (int i = 0; i < total; i++) {
                    assertEquals(i + 1, ids.get(i), "every id once, in order: " + ids);
                }
                Thread.sleep(200);
                assertEquals(List.of(), member.pending("mensagem_chat"), "nothing twice");
            }
        } finally {
            members.forEach(ChatClient::close);
        }
    }

    @Test
    void twoNodesRacingForOneNicknameLetExactlyOneIn() {
        String room = new Http(nodes.get(0).url()).createRoom("Disputa", null);
        for (int round = 0; round < 15; round++) {
            String name = "disputado" + round;
            try (ChatClient a = ChatClient.connect(nodes.get(0).url(), new String[]{"websocket"});
                 ChatClient b = ChatClient.connect(nodes.get(1).url(), new String[]{"websocket"})) {
                CompletableFuture<JSONObject> first = CompletableFuture.supplyAsync(() -> a.join(room, name));
                CompletableFuture<JSONObject> second = CompletableFuture.supplyAsync(() -> b.join(room, name));
                int admitted = (first.join().getBoolean("ok") ? 1 : 0) + (second.join().getBoolean("ok") ? 1 : 0);
                assertEquals(1, admitted, "round " + round + ": " + first.join() + " / " + second.join());
                JSONObject refused = first.join().getBoolean("ok") ? second.join() : first.join();
                assertEquals("nome_em_uso", refused.getString("codigo"), refused.toString());
            }
        }
    }

    @Test
    void aMemberOnAnotherNodeIsKickedAndBannedByTheAdminOfThisOne() {
        String room = new Http(nodes.get(0).url()).createRoom("Moderada", null);
        try (ChatClient watcher = ChatClient.connect(nodes.get(0).url(), new String[]{"websocket"});
             ChatClient troll = ChatClient.connect(nodes.get(2).url(), new String[]{"websocket"})) {
            watcher.join(room, "vigia");
            troll.join(room, "troll");
            Http.Answer banned = new Http(nodes.get(0).url()).post("/api/admin/salas/" + room + "/banir",
                    Map.of("nome_usuario", "troll", "minutos", 5), "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD);
            assertEquals(200, banned.status(), banned.body());
            JSONObject removed = troll.next("expulso");
            assertEquals(room, removed.getString("id_sala"), removed.toString());
            assertEquals("troll", watcher.next("usuario_saiu", left -> left.getString("nome_usuario").equals("troll"))
                    .getString("nome_usuario"));
            try (ChatClient again = ChatClient.connect(nodes.get(1).url(), new String[]{"websocket"})) {
                JSONObject refused = again.join(room, "troll");
                assertEquals("banido", refused.getString("codigo"), refused.toString());
            }
        }
    }

    @Test
    void aSettingChangedOnOneNodeIsInForceOnTheOthers() throws Exception {
        String room = new Http(nodes.get(0).url()).createRoom("Configurada", null);
        Http first = new Http(nodes.get(0).url());
        JSONObject before = new JSONObject(first.get("/api/admin/configuracoes", "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD).body());
        try {
            first.configure(Map.of("tamanho_maximo_mensagem", 20));
            try (ChatClient member = ChatClient.connect(nodes.get(2).url(), new String[]{"websocket"})) {
                member.join(room, "leitora");
                JSONObject refused = null;
                for (int i = 0; i < 50; i++) {  // the change travels over Redis: at most a moment
                    JSONObject ack = member.say(room, "uma mensagem bem mais longa que vinte");
                    if (!ack.getBoolean("ok")) {
                        refused = ack;
                        break;
                    }
                    Thread.sleep(50);
                }
                assertTrue(refused != null && refused.getString("codigo").equals("mensagem_longa"), String.valueOf(refused));
            }
        } finally {
            first.configure(Map.of("tamanho_maximo_mensagem", before.getInt("tamanho_maximo_mensagem")));
        }
    }

    @Test
    void wrongAdminPasswordsSpreadOverTheNodesAreCountedTogether() {
        // Five failures from one address in five minutes, wherever they land; then every node refuses it.
        for (int i = 0; i < 5; i++) {
            Http.Answer wrong = new Http(nodes.get(i % 3).url()).post("/api/admin/login", Map.of("senha", "errada-" + i),
                    "X-Forwarded-For", "203.0.113.9");
            assertEquals(401, wrong.status(), wrong.body());
        }
        Http.Answer sixth = new Http(nodes.get(2).url()).post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD),
                "X-Forwarded-For", "203.0.113.9");
        assertEquals(429, sixth.status(), "the sixth attempt, on a third node, is refused even with the right password: " + sixth.body());
        assertEquals("muitas_tentativas", sixth.json().get("codigo").asText());
    }

    @Test
    void anAdminLoggedInOnOneNodeIsLoggedInOnTheOthers() {
        Http.Answer login = new Http(nodes.get(0).url()).post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD));
        assertEquals(200, login.status(), login.body());
        String cookie = login.header("Set-Cookie").split(";", 2)[0];
        Http.Answer elsewhere = new Http(nodes.get(1).url()).get("/api/admin/estatisticas", "Cookie", cookie);
        assertEquals(200, elsewhere.status(), elsewhere.body());
    }
}
