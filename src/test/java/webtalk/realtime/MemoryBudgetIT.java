package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.ServerProcess;

/** Attacks on memory against WebTalk in its own JVM with a small heap (-Xmx256m), as in a small container. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@RunsAlone
class MemoryBudgetIT {

    @Test
    void newLongRoomIdsOnEveryEventLeaveNothingBehind() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            server.start(List.of("-Xmx256m"));
            Http http = new Http(server.url());
            String room = http.createRoom("Sala real", null);
            try (ChatClient ana = ChatClient.connect(server.url());
                 ChatClient bia = ChatClient.connect(server.url());
                 ChatClient attacker = ChatClient.connect(server.url(), new String[]{"websocket"})) {
                ana.join(room, "ana");
                bia.join(room, "bia");
                long before = server.heapUsedMiBAfterGc();
                String padding = "x".repeat(10_000);
                String[] events = {"sair", "sair", "sair", "entrar", "mensagem_chat", "digitando"};
                for (int i = 0; i < 1_500; i++) {
                    for (String event : events) {
                        attacker.send(event, new JSONObject().put("id_sala", padding + event + i)
                                .put("nome_usuario", "x").put("mensagem", "oi"));
                    }
                    if (i % 20 == 19) {
                        // Paced by acks (one per 120 events), so the attacker reads its refusals and is not
                        // dropped as a slow consumer before the server has handled every event.
                        attacker.request("sair", new JSONObject().put("id_sala", padding + "ack" + i));
                        attacker.pending("erro");
                    }
                }
                attacker.request("mensagem_chat", new JSONObject().put("id_sala", padding + "fim").put("mensagem", "oi"));
                assertTrue(attacker.connected());
                assertTrue(ana.say(room, "ainda guardo e entrego").getBoolean("ok"));
                bia.next("mensagem_chat", m -> m.getString("mensagem").equals("ainda guardo e entrego"));
                long after = server.heapUsedMiBAfterGc();
                System.out.printf("heap after GC: %d MiB before, %d MiB after 9,000 events with new 10 kB room ids%n", before, after);
                assertTrue(after - before < 8, "heap grew from " + before + " to " + after + " MiB");
            }
            assertTrue(server.alive());
        }
    }

    @Test
    void concurrentProtectedRoomCreationsAreRefusedCheaplyNeverWithA500() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            server.start(List.of("-Xmx256m"));
            Http http = new Http(server.url());
            http.configure(Map.of("maximo_salas", 1000));
            String room = http.createRoom("Sala real", null);
            long before = server.heapUsedMiBAfterGc();
            ExecutorService threads = Executors.newFixedThreadPool(120);
            List<Integer> statuses = new ArrayList<>();
            long start = System.nanoTime();
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    int n = i;
                    answers.add(threads.submit(() -> http.post("/api/salas",
                            Map.of("nome", "Sala " + (n % 100), "criador", "script", "senha", "senha-" + n)).status()));
                }
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(120, TimeUnit.SECONDS));
                }
            } finally {
                threads.shutdownNow();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(Set.of(200, 409, 429, 503).containsAll(statuses), "statuses: " + statuses);
            long created = statuses.stream().filter(s -> s == 200).count();
            assertTrue(created <= 10, "created from one address: " + created);
            try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
                ana.join(room, "ana");
                bia.join(room, "bia");
                assertTrue(ana.say(room, "depois da rajada").getBoolean("ok"));
                bia.next("mensagem_chat", m -> m.getString("mensagem").equals("depois da rajada"));
            }
            assertEquals(200, http.get("/api/salas").status());
            long after = server.heapUsedMiBAfterGc();
            System.out.printf("120 concurrent protected creations in %d ms: %d created, statuses %s; heap after GC %d -> %d MiB%n",
                    millis, created, count(statuses), before, after);
            assertTrue(after - before < 8, "heap grew from " + before + " to " + after + " MiB");
            assertTrue(server.alive());
        }
    }

    private static Map<Integer, Long> count(List<Integer> statuses) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        statuses.forEach(s -> counts.merge(s, 1L, Long::sum));
        return counts;
    }
}
