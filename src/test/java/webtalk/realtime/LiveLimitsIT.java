package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.TestServer;

/** Live-state limits against a real server: typing floods, history replay, password guessing. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiveLimitsIT {

    @Test
    void aTypingBurstReachesABystanderAsAHandfulAndALongPollerStaysOn() {
        try (TestServer server = TestServer.start();
             ChatClient typist = ChatClient.connect(server.url(), new String[]{"websocket"});
             ChatClient poller = ChatClient.connect(server.url(), new String[]{"polling"})) {
            String room = new Http(server.url()).createRoom("Teclado", null);
            poller.join(room, "poller");
            typist.join(room, "typist");
            for (int i = 0; i < 2_000; i++) {
                typist.send("digitando", new JSONObject().put("id_sala", room));
            }
            assertTrue(typist.say(room, "fim").getBoolean("ok"));
            poller.next("mensagem_chat", m -> m.getString("mensagem").equals("fim"));
            int seen = poller.pending("digitando").size();
            assertTrue(seen >= 1 && seen <= 5, "typing notices that reached the bystander: " + seen);
            assertTrue(poller.connected(), "the long-polling bystander was not dropped");
            assertTrue(poller.say(room, "ainda aqui").getBoolean("ok"));
        }
    }

    @Test
    void entrarFromZeroOverAndOverReplaysBoundedHistoryAndIsRefused() {
        try (TestServer server = TestServer.start();
             ChatClient bystander = ChatClient.connect(server.url());
             ChatClient abuser = ChatClient.connect(server.url(), new String[]{"websocket"})) {
            Http http = new Http(server.url());
            http.configure(Map.of("limite_mensagens_por_minuto", 6000));
            String room = http.createRoom("Arquivo longo", null);
            bystander.join(room, "bia");
            int stored = 400;
            for (int i = 0; i < stored; i++) {
                bystander.say(room, "m" + i);
            }
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < 100; i++) {
                JSONObject answer = abuser.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "abuser").put("ultimo_id", 0));
                if (answer.getBoolean("ok")) {
                    accepted++;
                } else {
                    assertEquals("limite_entradas", answer.getString("codigo"));
                    refused++;
                }
            }
            assertTrue(refused >= 80, "refused: " + refused);
            assertTrue(accepted <= 15, "accepted: " + accepted);
            bystander.pending("mensagem_chat");
            assertTrue(bystander.say(room, "fresca").getBoolean("ok"));
            bystander.next("mensagem_chat", m -> m.getString("mensagem").equals("fresca"));
            int replayed = abuser.pending("mensagem_chat").size();
            assertTrue(replayed <= 15 * stored, "replayed " + replayed + " (was 100 x " + stored + ")");
        }
    }

    @Test
    void replayedMessagesAreBudgetedPerAddressAcrossConnections() {
        try (TestServer server = TestServer.start(); ChatClient bystander = ChatClient.connect(server.url())) {
            Http http = new Http(server.url());
            http.configure(Map.of("limite_mensagens_por_minuto", 6000));
            String room = http.createRoom("Memória longa", null);
            bystander.join(room, "bia");
            int stored = 1000;
            for (int i = 0; i < stored; i++) {
                bystander.send("mensagem_chat", new JSONObject().put("id_sala", room).put("mensagem", "m" + i));
            }
            assertTrue(bystander.say(room, "último").getBoolean("ok"));
            int joined = 0;
            int refused = 0;
            List<ChatClient> clients = new ArrayList<>();
            try {
                for (int c = 0; c < 12; c++) {
                    ChatClient client = ChatClient.connect(server.url(), new String[]{"websocket"});
                    clients.add(client);
                    JSONObject answer = client.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "u" + c).put("ultimo_id", 0));
                    if (answer.getBoolean("ok")) {
                        joined++;
                    } else {
                        assertEquals("limite_entradas", answer.getString("codigo"));
                        refused++;
                    }
                }
            } finally {
                clients.forEach(ChatClient::close);
            }
            assertTrue(joined <= 6 && refused >= 6, "joined " + joined + ", refused " + refused);
            bystander.pending("mensagem_chat");
            assertTrue(bystander.say(room, "fresca").getBoolean("ok"));
        }
    }

    @Test
    void sixtyConcurrentGuessesGetAtMostTheLimitChecked() throws Exception {
        try (TestServer server = TestServer.start()) {
            Http http = new Http(server.url());
            String room = http.createRoom("Cofre", "senha-certa");
            ExecutorService threads = Executors.newFixedThreadPool(60);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    int n = i;
                    answers.add(threads.submit(() -> http.post("/api/salas/" + room + "/entrar",
                            Map.of("senha", "chute" + n, "dispositivo", "mesmo")).status()));
                }
                int checked = 0;
                for (Future<Integer> answer : answers) {
                    int status = answer.get(60, TimeUnit.SECONDS);
                    assertTrue(status == 401 || status == 429 || status == 503, "status " + status);
                    checked += status == 401 ? 1 : 0;
                }
                assertTrue(checked >= 1 && checked <= 5, "guesses checked: " + checked);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void oneStudentsTyposDoNotLockOutTheClassmateAtTheSameAddress() {
        try (TestServer server = TestServer.start()) {
            Http http = new Http(server.url());
            String room = http.createRoom("Turma 7B", "senha-da-turma");
            for (int i = 0; i < 5; i++) {
                assertEquals(401, http.post("/api/salas/" + room + "/entrar", Map.of("senha", "errada", "dispositivo", "aluno-1")).status());
            }
            Http.Answer locked = http.post("/api/salas/" + room + "/entrar", Map.of("senha", "senha-da-turma", "dispositivo", "aluno-1"));
            assertEquals(429, locked.status());
            assertEquals("muitas_tentativas", locked.json().get("codigo").asText());
            Http.Answer classmate = http.post("/api/salas/" + room + "/entrar", Map.of("senha", "senha-da-turma", "dispositivo", "aluno-2"));
            assertEquals(200, classmate.status(), classmate.body());
            Http.Answer bad = http.post("/api/salas/" + room + "/entrar", Map.of("senha", "senha-da-turma", "dispositivo", "x".repeat(65)));
            assertEquals(400, bad.status());
        }
    }
}
