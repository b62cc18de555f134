package webtalk.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A join storm against a running WebTalk, for profiling the {@code entrar} path (bench/analysis.md,
 * issue #16); not a test. N raw WebSocket clients connect, then all send {@code entrar} at once into
 * rooms of {@code room-size}: time until every ack, ack latency, and the server's CPU per join (with
 * the server's pid). Then, with {@code catch-up} > 0, a reconnect storm: every client drops, each room
 * gets that many messages meanwhile, and all come back at once with {@code ultimo_id} and
 * {@code chave_sessao}: time until every client has its ack and every missed message.
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) webtalk.realtime.JoinStorm \
 *   http://127.0.0.1:PORT ADMIN_PASSWORD [clients=1000] [room-size=100] [catch-up=20] [server-pid]
 * </pre>
 * The server needs {@code JOINS_PER_ADDRESS=0 MAX_CONNECTIONS_PER_ADDRESS=0 ROOMS_PER_ADDRESS=0}: every
 * client comes from 127.0.0.1. Bounded: every wait has a 60 s timeout.
 */
public final class JoinStorm {

    private static final Pattern ROOM_ID = Pattern.compile("\"id_sala\":\"([^\"]+)\"");
    private static final Pattern LAST_ID = Pattern.compile("\"ultimo_id\":(\\d+)");
    private static final Pattern RECLAIM_KEY = Pattern.compile("\"chave_sessao\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final long serverPid;

    private JoinStorm(String url, long serverPid) {
        this.url = url;
        this.serverPid = serverPid;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String adminPassword = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int roomSize = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int catchUp = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        long pid = args.length > 5 ? Long.parseLong(args[5]) : -1;
        new JoinStorm(url, pid).run(adminPassword, clients, roomSize, catchUp);
        System.exit(0);
    }

    private void run(String adminPassword, int clients, int roomSize, int catchUp) throws Exception {
        post("/api/admin/configuracoes", "{\"limite_mensagens_por_minuto\":6000,\"maximo_salas\":1000,"
                + "\"maximo_usuarios_por_sala\":10000}", adminPassword);
        List<String> rooms = new ArrayList<>();
        long run = System.currentTimeMillis() % 1_000_000;
        for (int r = 0; r < (clients + roomSize - 1) / roomSize; r++) {
            Matcher id = ROOM_ID.matcher(post("/api/salas", "{\"nome\":\"storm-" + run + "-" + r + "\",\"criador\":\"bench\"}", null));
            if (!id.find()) {
                throw new IllegalStateException("room not created");
            }
            rooms.add(id.group(1));
        }
        Client[] all = new Client[clients];
        for (int i = 0; i < clients; i++) {
            all[i] = new Client(rooms.get(i / roomSize), "u" + run + "-" + i);
        }
        storm("join", all);
        if (catchUp > 0) {
            for (Client client : all) {
                client.socket.abort();
            }
            Thread.sleep(2_000);  // the server sees every connection gone
            for (String room : rooms) {
                Client sender = new Client(room, "sender-" + run);
                connect(new Client[] {sender});
                sender.join(0, null);
                await(sender.acked, "sender join");
                sender.expectAcks(catchUp);
                for (int m = 0; m < catchUp; m++) {
                    sender.send("42" + (m + 1) + "[\"mensagem_chat\",{\"id_sala\":\"" + room + "\",\"mensagem\":\"m" + m + "\"}]");
                }
                await(sender.acked, "sender messages");
                sender.socket.abort();
            }
            for (Client client : all) {
                client.reset(catchUp);
            }
            storm("reconnect", all);
        }
    }

    /** Connects every client, then all send entrar at once; prints when all are acked (and caught up). */
    private void storm(String label, Client[] all) throws Exception {
        long connectStart = System.nanoTime();
        connect(all);
        System.out.printf("%s: %d connected in %.2f s%n", label, all.length, (System.nanoTime() - connectStart) / 1e9);
        double cpuBefore = serverCpuSeconds();
        double sysBefore = serverSystemSeconds();
        long start = System.nanoTime();
        for (Client client : all) {
            client.join(client.lastId, client.reclaimKey);
        }
        for (Client client : all) {
            await(client.acked, label + " ack");
        }
        long acked = System.nanoTime();
        for (Client client : all) {
            await(client.caughtUp, label + " catch-up");
        }
        long done = System.nanoTime();
        double cpu = serverCpuSeconds() - cpuBefore;
        double sys = serverSystemSeconds() - sysBefore;
        long[] latencies = Arrays.stream(all).mapToLong(c -> c.ackedAt - c.sentAt).sorted().toArray();
        System.out.printf("RESULT %s clients=%d all_acked_s=%.3f all_caught_up_s=%.3f joins_per_s=%.0f"
                        + " ack_p50_ms=%.1f ack_p99_ms=%.1f ack_max_ms=%.1f server_cpu_s=%.3f server_sys_s=%.3f server_cpu_ms_per_join=%.3f%n",
                label, all.length, (acked - start) / 1e9, (done - start) / 1e9, all.length / ((acked - start) / 1e9),
                latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
                latencies[latencies.length - 1] / 1e6, cpu, sys, cpu * 1000 / all.length);
    }

    private void connect(Client[] clients) throws Exception {
        Semaphore inFlight = new Semaphore(200);
        URI uri = URI.create(url.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        for (Client client : clients) {
            inFlight.acquire();
            client.connected.whenComplete((c, e) -> inFlight.release());
            http.newWebSocketBuilder().buildAsync(uri, client).exceptionally(e -> {
                client.connected.completeExceptionally(e);
                return null;
            });
        }
        for (Client client : clients) {
            client.connected.get(60, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(what + " timed out");
        }
    }

    private double serverCpuSeconds() throws Exception {
        return serverTicks(11) + serverTicks(12);
    }

    private double serverSystemSeconds() throws Exception {
        return serverTicks(12);
    }

    /** A field of /proc/PID/stat in seconds: 11 utime, 12 stime (counted after the command's closing parenthesis). */
    private double serverTicks(int field) throws Exception {
        if (serverPid < 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field]) / 100.0;
    }

    private String post(String path, String json, String adminPassword) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (adminPassword != null) {
            request.header("Authorization", "Bearer " + adminPassword);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** One raw Socket.IO client: answers pings, counts acks and {@code mensagem_chat} events. */
    private static final class Client implements WebSocket.Listener {
        final String room;
        final String name;
        final StringBuilder partial = new StringBuilder();
        final ConcurrentLinkedQueue<String> outbox = new ConcurrentLinkedQueue<>();
        CompletableFuture<Client> connected = new CompletableFuture<>();
        CountDownLatch acked = new CountDownLatch(1);
        CountDownLatch caughtUp = new CountDownLatch(0);
        WebSocket socket;
        boolean sending;
        long lastId;
        String reclaimKey;
        volatile long sentAt;
        volatile long ackedAt;

        Client(String room, String name) {
            this.room = room;
            this.name = name;
        }

        void reset(int missed) {
            connected = new CompletableFuture<>();
            acked = new CountDownLatch(1);
            caughtUp = new CountDownLatch(missed);
            synchronized (this) {
                sending = false;
                outbox.clear();
            }
        }

        void expectAcks(int count) {
            acked = new CountDownLatch(count);
        }

        void join(long lastSeenId, String key) {
            sentAt = System.nanoTime();
            send("420[\"entrar\",{\"id_sala\":\"" + room + "\",\"nome_usuario\":\"" + name + "\""
                    + (lastSeenId > 0 || key != null ? ",\"ultimo_id\":" + lastSeenId : "")
                    + (key != null ? ",\"chave_sessao\":\"" + key + "\"" : "") + "}]");
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String packet) {
            if (packet.startsWith("0")) {
                send("40");
            } else if (packet.startsWith("2")) {
                send("3");
            } else if (packet.startsWith("40")) {
                connected.complete(this);
            } else if (packet.startsWith("430[")) {
                Matcher id = LAST_ID.matcher(packet);
                Matcher key = RECLAIM_KEY.matcher(packet);
                if (!packet.contains("\"ok\":true")) {
                    System.out.println("refused: " + packet);
                }
                lastId = id.find() ? Long.parseLong(id.group(1)) : lastId;
                reclaimKey = key.find() ? key.group(1) : reclaimKey;
                ackedAt = System.nanoTime();
                acked.countDown();
            } else if (packet.startsWith("43")) {
                acked.countDown();
            } else if (packet.startsWith("42[\"mensagem_chat\"")) {
                caughtUp.countDown();
            }
        }

        /** java.net.http allows one send in flight per WebSocket: the rest wait their turn. */
        void send(String packet) {
            synchronized (this) {
                if (sending) {
                    outbox.add(packet);
                    return;
                }
                sending = true;
            }
            write(packet);
        }

        private void write(String packet) {
            socket.sendText(packet, true).whenComplete((ws, error) -> {
                String next;
                synchronized (this) {
                    next = error == null ? outbox.poll() : null;
                    if (next == null) {
                        sending = false;
                    }
                }
                if (next != null) {
                    write(next);
                }
            });
        }
    }
}
