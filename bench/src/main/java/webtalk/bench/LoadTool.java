package webtalk.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives a server speaking the WebTalk events over Socket.IO v4 and prints one RESULT line.
 * Modes: {@code chat} (N clients in R rooms, S senders per room, open-loop rate of deliveries),
 * {@code idle} (N connections held open: memory per connection), {@code store} (closed-loop
 * senders, each alone in a room: acknowledged, i.e. stored, messages per second), {@code join}
 * ({@link JoinStorm}), {@code reconnect} ({@link ReconnectStorm}); {@code chat} with
 * {@code --cold-start-ms} measures a server's first minute (p99 per 5 s window).
 * See bench/README.md for the options.
 */
public final class LoadTool {

    /** The cold start curve: p99 per 5 s window over the first minute after the server's launch. */
    static final int COLD_WINDOW_SECONDS = 5;
    static final int COLD_WINDOWS = 12;

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Options options = new Options(args);
        String mode = options.text("mode", "chat");
        // REST only (rooms, settings): the Socket.IO connections run on WebSocketLoop.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String result = switch (mode) {
            case "chat" -> chat(http, options);
            case "idle" -> idle(http, options);
            case "store" -> store(http, options);
            case "join" -> JoinStorm.run(options, rooms(http, options, options.text("url", "http://127.0.0.1:5000"),
                    options.integer("rooms", 50)), server(options));
            case "reconnect" -> ReconnectStorm.run(options, rooms(http, options, options.text("url", "http://127.0.0.1:5000"),
                    options.integer("rooms", 50)), server(options));
            default -> throw new IllegalArgumentException("unknown --mode " + mode);
        };
        System.out.println(result);
        System.exit(0);
    }

    /** Rooms are made through the first server of {@code --url a,b,c} (a cluster's nodes share them). */
    private static List<String> rooms(HttpClient http, Options options, String url, int count) throws Exception {
        return options.flag("rooms-from-rest")
                ? Rooms.created(http, url.split(",")[0], options.text("admin-password", null), count)
                : Rooms.fixed(count);
    }

    private static ProcessStats server(Options options) {
        String pids = options.text("pid", null);
        return pids == null || pids.isBlank() ? null : ProcessStats.of(pids);
    }

    /** Joins every client to its room and waits for the acks. */
    private static void join(List<SioConnection> clients, List<String> rooms, CountDownLatch joined) throws InterruptedException {
        for (int i = 0; i < clients.size(); i++) {
            String room = rooms.get(i % rooms.size());
            clients.get(i).emitWithAck("entrar", "{\"id_sala\":\"" + room + "\",\"nome_usuario\":\"u" + i + "\"}", 1);
        }
        if (!joined.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (clients.size() - joined.getCount()) + " clients joined");
        }
    }

    private static String chat(HttpClient http, Options options) throws Exception {
        String url = options.text("url", "http://127.0.0.1:5000");
        int clients = options.integer("clients", 1000);
        int roomCount = options.integer("rooms", 10);
        int sendersPerRoom = options.integer("senders", 2);
        double deliveriesPerSecond = options.decimal("rate", 10_000);
        int seconds = options.integer("seconds", 20);
        int warmup = options.integer("warmup", 5);
        List<String> rooms = rooms(http, options, url, roomCount);
        int members = clients / roomCount;
        double messagesPerSecond = deliveriesPerSecond / members;

        // Cold start: the curve's windows count from the server's launch (epoch ms from the script),
        // and the measurement runs from the first message until a minute after that launch.
        String coldStart = options.text("cold-start-ms", null);
        long launched = coldStart == null ? 0
                : System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() - Long.parseLong(coldStart));
        Curve windows = coldStart == null ? null
                : new Curve(launched, TimeUnit.SECONDS.toNanos(COLD_WINDOW_SECONDS), COLD_WINDOWS, true);
        AtomicReference<Tally> measured = new AtomicReference<>();
        CountDownLatch joined = new CountDownLatch(clients);
        List<SioConnection> connections = Clients.open(url, clients, i -> packet -> {
            if (packet.startsWith("431[")) {
                joined.countDown();
            } else if (packet.startsWith("42[\"mensagem_chat\"")) {
                long sentAt = Timestamps.sentAt(packet);
                long now = System.nanoTime();
                Tally t = measured.get();
                if (t != null) {
                    t.delivered(sentAt, now);
                }
                if (windows != null && sentAt >= 0) {
                    windows.record(sentAt, (now - sentAt) / 1000);
                }
            }
        });
        join(connections, rooms, joined);
        long joinedAt = System.nanoTime();
        long start = joinedAt + TimeUnit.MILLISECONDS.toNanos(500);
        long windowStart = coldStart == null ? start + TimeUnit.SECONDS.toNanos(warmup) : start;
        long windowEnd = coldStart == null ? windowStart + TimeUnit.SECONDS.toNanos(seconds)
                : launched + TimeUnit.SECONDS.toNanos(COLD_WINDOW_SECONDS * COLD_WINDOWS);
        if (windowEnd <= windowStart) {
            throw new IllegalStateException("the clients joined only " + (joinedAt - launched) / 1_000_000 + " ms after the server's launch");
        }
        double windowSeconds = (windowEnd - windowStart) / 1e9;
        seconds = (int) Math.round(windowSeconds);
        Tally tally = new Tally(windowStart, windowEnd);
        measured.set(tally);

        List<SioConnection> senders = new ArrayList<>();
        List<String> senderRooms = new ArrayList<>();
        List<String> senderNames = new ArrayList<>();
        for (int r = 0; r < roomCount; r++) {
            for (int s = 0; s < sendersPerRoom; s++) {
                int index = r + s * roomCount;
                senders.add(connections.get(index));
                senderRooms.add(rooms.get(index % roomCount));
                senderNames.add("u" + index);
            }
        }
        ProcessStats server = server(options);
        System.out.printf("bench: chat %d clients, %d rooms (%d members), %d senders, %.0f msg/s = %.0f deliveries/s, %ds + %ds warm-up%n",
                clients, roomCount, members, senders.size(), messagesPerSecond, deliveriesPerSecond, seconds, warmup);

        // Open loop: message k leaves at start + k / rate, whatever the server's answers do.
        long intervalNanos = (long) (1e9 / messagesPerSecond);
        double cpuAtStart = Double.NaN;
        // The load tool's own CPU over the window: near 100 % of its core, it would be measuring itself.
        ProcessStats tool = new ProcessStats(ProcessHandle.current().pid());
        double toolCpuAtStart = Double.NaN;
        double[] splitAtStart = {0, 0};
        long deliveriesAtStart = 0;
        long nextReport = start + TimeUnit.SECONDS.toNanos(2);
        long rssPeak = -1;
        long seq = 0;
        for (long due = start; due < windowEnd; due += intervalNanos) {
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(Math.min(due - now, 200_000));
            }
            if (Double.isNaN(cpuAtStart) && now >= windowStart) {
                cpuAtStart = server == null ? 0 : server.cpuSeconds();
                toolCpuAtStart = tool.cpuSeconds();
                splitAtStart = server == null ? splitAtStart : server.cpuUserAndSystem();
                deliveriesAtStart = tally.allDeliveries();
            }
            int k = (int) (seq % senders.size());
            senders.get(k).emit("mensagem_chat", "{\"id_sala\":\"" + senderRooms.get(k) + "\",\"nome_usuario\":\""
                    + senderNames.get(k) + "\",\"mensagem\":\"" + Timestamps.text(due, seq) + "\"}");
            tally.sent(due, members);
            seq++;
            if (now >= nextReport) {
                nextReport += TimeUnit.SECONDS.toNanos(2);
                rssPeak = server == null ? -1 : Math.max(rssPeak, server.rssBytes());
                System.out.printf("bench: %4.1fs sent=%d delivered=%d%n", (now - start) / 1e9, seq, tally.allDeliveries());
            }
        }
        double cpu = server == null ? Double.NaN : server.cpuSeconds() - cpuAtStart;
        double toolCpu = tool.cpuSeconds() - toolCpuAtStart;
        double[] split = server == null ? new double[] {Double.NaN, Double.NaN} : server.cpuUserAndSystem();
        long windowDeliveries = tally.allDeliveries() - deliveriesAtStart;
        long rss = server == null ? -1 : server.rssBytes();
        rssPeak = Math.max(rssPeak, rss);
        Thread.sleep(3000);  // drain: late deliveries of window messages still count, as late
        Histogram latency = tally.latencyMicros();
        connections.forEach(SioConnection::close);
        double millions = windowDeliveries / 1e6;
        String curve = windows == null ? "" : String.format(" joined_after_launch_s=%.2f window_s=%d p99_ms_per_window=%s",
                (joinedAt - launched) / 1e9, COLD_WINDOW_SECONDS, windows.percentileText(99));
        return String.format("RESULT label=%s mode=%s clients=%d rooms=%d senders=%d target_deliveries_per_s=%.0f deliveries_per_s=%.0f "
                        + "p50_ms=%.2f p99_ms=%.2f max_ms=%.2f expected=%d delivered=%d lost=%d cpu_s_per_million=%.2f "
                        + "user_s_per_million=%.2f sys_s_per_million=%.2f rss_mb=%.1f rss_peak_mb=%.1f tool_cpu_pct=%.0f%s",
                options.text("label", "server"), windows == null ? "chat" : "cold", clients, roomCount, senders.size(), deliveriesPerSecond,
                tally.delivered() / windowSeconds,
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0,
                tally.expected(), tally.delivered(), tally.expected() - tally.delivered(),
                cpu / millions, (split[0] - splitAtStart[0]) / millions, (split[1] - splitAtStart[1]) / millions, rss / 1048576.0,
                rssPeak / 1048576.0, 100 * toolCpu / windowSeconds, curve);
    }

    private static String idle(HttpClient http, Options options) throws Exception {
        String url = options.text("url", "http://127.0.0.1:5000");
        int clients = options.integer("clients", 20_000);
        ProcessStats server = server(options);
        if (server == null) {
            throw new IllegalArgumentException("--pid is needed to measure memory");
        }
        long before = server.rssBytes();
        List<SioConnection> connections = Clients.open(url, clients, i -> packet -> { });
        for (int i = 0; i < 5; i++) {
            Thread.sleep(2000);
            System.out.printf("bench: %d idle connections, server RSS %.1f MiB%n", clients, server.rssBytes() / 1048576.0);
        }
        long after = server.rssBytes();
        long open = connections.stream().filter(SioConnection::isOpen).count();
        connections.forEach(SioConnection::close);
        return String.format("RESULT label=%s mode=idle connections=%d open_at_end=%d rss_before_mb=%.1f rss_after_mb=%.1f kb_per_connection=%.2f",
                options.text("label", "server"), clients, open, before / 1048576.0, after / 1048576.0,
                (after - before) / 1024.0 / clients);
    }

    private static String store(HttpClient http, Options options) throws Exception {
        String url = options.text("url", "http://127.0.0.1:5000");
        int clients = options.integer("clients", 500);
        int outstanding = options.integer("outstanding", 8);
        int seconds = options.integer("seconds", 15);
        List<String> rooms = rooms(http, options, url, clients);
        AtomicLong acked = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        CountDownLatch joined = new CountDownLatch(clients);
        List<SioConnection> connections = new ArrayList<>();
        long[] nextAck = new long[clients];
        connections.addAll(Clients.open(url, clients, i -> packet -> {
            if (packet.startsWith("431[")) {
                joined.countDown();
            } else if (packet.startsWith("43")) {
                if (packet.contains("\"ok\":true")) {
                    acked.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                }
                sendStore(connections.get(i), rooms.get(i), i, nextAck);
            }
        }));
        join(connections, rooms, joined);
        ProcessStats server = server(options);
        double cpuAtStart = server == null ? Double.NaN : server.cpuSeconds();
        long startAcks = acked.get();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            for (int k = 0; k < outstanding; k++) {
                sendStore(connections.get(i), rooms.get(i), i, nextAck);
            }
        }
        for (int s = 1; s <= seconds; s++) {
            Thread.sleep(1000);
            System.out.printf("bench: %ds stored=%d (%.0f/s) refused=%d%n", s, acked.get() - startAcks,
                    (acked.get() - startAcks) / ((System.nanoTime() - start) / 1e9), refused.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long stored = acked.get() - startAcks;
        double cpu = server == null ? Double.NaN : server.cpuSeconds() - cpuAtStart;
        connections.forEach(SioConnection::close);
        // Server CPU per stored message: the cost of one message end to end (read, parse, store, ack,
        // broadcast), which the load tool's own speed cannot hide.
        return String.format("RESULT label=%s mode=store clients=%d outstanding=%d stored=%d stored_per_s=%.0f refused=%d "
                        + "server_cpu_us_per_message=%.1f",
                options.text("label", "server"), clients, outstanding, stored, stored / elapsed, refused.get(), cpu / stored * 1e6);
    }

    private static void sendStore(SioConnection connection, String room, int client, long[] nextAck) {
        long ack;
        synchronized (nextAck) {
            ack = 2 + nextAck[client]++;
        }
        connection.emitWithAck("mensagem_chat", "{\"id_sala\":\"" + room + "\",\"mensagem\":\"s" + ack + "\"}", ack);
    }
}
