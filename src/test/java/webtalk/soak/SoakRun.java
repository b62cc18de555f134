package webtalk.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import webtalk.support.Http;

/**
 * Runs N clients in R rooms for a while at a given rate, with random disconnects and reconnects,
 * optionally crashing the server once, then checks every client's received sequence against the
 * store. Prints one progress line every few seconds.
 */
final class SoakRun {

    record Plan(String url, String adminPassword, int clients, int rooms, Duration duration,
                double messagesPerSecondPerClient, double dropsPerMinutePerClient, Duration crashAt, Runnable crash) {
    }

    private final Plan plan;
    private final Consumer<String> progress;
    private final Random random = new Random(42);

    SoakRun(Plan plan, Consumer<String> progress) {
        this.plan = plan;
        this.progress = progress;
    }

    SoakReport run() throws InterruptedException {
        Http http = new Http(plan.url());
        if (plan.adminPassword() != null) {
            http.post("/api/admin/configuracoes", Map.of("limite_mensagens_por_minuto", 6000, "maximo_salas", 1000),
                    "Authorization", "Bearer " + plan.adminPassword());
        }
        List<String> rooms = new ArrayList<>();
        for (int r = 0; r < plan.rooms(); r++) {
            rooms.add(http.createRoom("soak-" + System.nanoTime() + "-" + r, null));
        }
        List<SoakClient> clients = new ArrayList<>();
        for (int c = 0; c < plan.clients(); c++) {
            SoakClient client = new SoakClient(plan.url(), "u" + c, rooms.get(c % rooms.size()));
            clients.add(client);
            client.start();
        }
        await("all clients joined", Duration.ofSeconds(30), () -> clients.stream().allMatch(SoakClient::joined));

        ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();
        long tickMs = 50;
        double sendChance = plan.messagesPerSecondPerClient() * tickMs / 1000.0;
        double dropChance = plan.dropsPerMinutePerClient() * tickMs / 60_000.0;
        long start = System.nanoTime();
        long end = start + plan.duration().toNanos();
        long nextProgress = start + TimeUnit.SECONDS.toNanos(5);
        boolean crashed = false;
        int crashes = 0;
        while (System.nanoTime() < end) {
            for (SoakClient client : clients) {
                if (random.nextDouble() < dropChance && client.joined()) {
                    client.dropConnection();
                    reconnects.schedule(client::reconnect, 100 + random.nextInt(900), TimeUnit.MILLISECONDS);
                } else if (random.nextDouble() < sendChance) {
                    client.sendNext();
                }
            }
            if (!crashed && plan.crash() != null && System.nanoTime() - start >= plan.crashAt().toNanos()) {
                crashed = true;
                progress.accept("soak: crashing the server (SIGKILL) and starting it again");
                plan.crash().run();
                crashes++;
            }
            if (System.nanoTime() >= nextProgress) {
                nextProgress += TimeUnit.SECONDS.toNanos(5);
                progress.accept(String.format("soak: %3ds acked=%d unacked=%d connected=%d/%d",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                        clients.stream().mapToLong(c -> c.acked().size()).sum(),
                        clients.stream().mapToLong(SoakClient::unackedCount).sum(),
                        clients.stream().filter(SoakClient::joined).count(), clients.size()));
            }
            Thread.sleep(tickMs);
        }
        reconnects.shutdown();
        reconnects.awaitTermination(5, TimeUnit.SECONDS);
        for (SoakClient client : clients) {
            if (!client.joined()) {
                client.reconnect();
            }
        }
        // Drain: everyone back, every message acknowledged (retried with its client id), then quiet.
        await("clients rejoined", Duration.ofSeconds(30), () -> clients.stream().allMatch(SoakClient::joined));
        await("retries acknowledged", Duration.ofSeconds(30), () -> {
            clients.forEach(SoakClient::retryUnacked);
            return clients.stream().allMatch(c -> c.unackedCount() == 0);
        });
        Map<String, List<JsonNode>> stored = new HashMap<>();
        for (String room : rooms) {
            stored.put(room, storedMessages(http, room));
        }
        await("deliveries settled", Duration.ofSeconds(15), () -> clients.stream().allMatch(c -> {
            List<JsonNode> roomMessages = stored.get(c.roomId());
            List<Long> got = c.received();
            return roomMessages.isEmpty() || (!got.isEmpty() && got.get(got.size() - 1) >= last(roomMessages));
        }));
        SoakReport report = verify(clients, stored, plan.duration(), crashes);
        clients.forEach(SoakClient::stop);
        return report;
    }

    private static long last(List<JsonNode> messages) {
        return messages.get(messages.size() - 1).get("id").asLong();
    }

    private SoakReport verify(List<SoakClient> clients, Map<String, List<JsonNode>> stored, Duration duration, int crashes) {
        long lost = 0;
        long duplicated = 0;
        long outOfOrder = 0;
        long ackedNotStored = 0;
        long deliveries = 0;
        long unacked = 0;
        Map<String, Long> storedByClientId = new HashMap<>();
        long storedTwice = 0;
        long total = 0;
        for (List<JsonNode> messages : stored.values()) {
            total += messages.size();
            for (JsonNode message : messages) {
                if (message.has("id_cliente") && storedByClientId.put(message.get("id_cliente").asText(), message.get("id").asLong()) != null) {
                    storedTwice++;
                }
            }
        }
        for (SoakClient client : clients) {
            List<Long> got = client.received();
            deliveries += got.size();
            Set<Long> distinct = new HashSet<>(got);
            duplicated += got.size() - distinct.size();
            for (int i = 1; i < got.size(); i++) {
                if (got.get(i) <= got.get(i - 1)) {
                    outOfOrder++;
                }
            }
            for (JsonNode message : stored.get(client.roomId())) {
                long id = message.get("id").asLong();
                if (id > client.baseline() && !distinct.contains(id)) {
                    lost++;
                }
            }
            for (Map.Entry<String, Long> ack : client.acked().entrySet()) {
                if (!ack.getValue().equals(storedByClientId.get(ack.getKey()))) {
                    ackedNotStored++;
                }
            }
            unacked += client.unackedCount();
            for (String error : client.errors()) {
                progress.accept("soak: " + client.name() + ": " + error);
            }
        }
        return new SoakReport(clients.size(), stored.size(), duration.toMillis() / 60_000.0, total, deliveries,
                lost, duplicated, outOfOrder, ackedNotStored, storedTwice, unacked, crashes);
    }

    /** Every stored message of the room, oldest first, paged through the REST API. */
    private static List<JsonNode> storedMessages(Http http, String room) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = http.get("/api/salas/" + room + "/mensagens?limite=100&depois=" + after).json();
            for (JsonNode message : page.get("mensagens")) {
                all.add(message);
                after = message.get("id").asLong();
            }
            if (!page.get("mais").asBoolean()) {
                return all;
            }
        }
    }

    private interface Condition {
        boolean holds();
    }

    private void await(String what, Duration timeout, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                progress.accept("soak: gave up waiting for " + what);
                return;
            }
            Thread.sleep(100);
        }
    }
}
