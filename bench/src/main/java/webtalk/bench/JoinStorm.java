package webtalk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --mode join}: N clients connect at once and each sends {@code entrar} (rooms of N/R) the
 * moment its namespace is connected; with {@code --connect-first}, every connection is opened
 * first and then all joins are sent at once, which measures the joins alone. Measures the time
 * from the first connection attempt (or the first join sent) until every join is acknowledged, joins per second overall and per 100 ms bucket (the curve), and the
 * server's CPU per join. Handshakes in flight are bounded ({@code --in-flight}, default 200, as
 * {@link Clients} does): with 1,000 at once the load tool's own HTTP client (two threads) was what
 * queued them, every handshake finishing seconds late.
 */
final class JoinStorm {

    static final long BUCKET_MS = 100;
    private static final int TIMEOUT_SECONDS = 120;

    private JoinStorm() {
    }

    static String run(Options options, List<String> rooms, ProcessStats server) throws Exception {
        String url = options.text("url", "http://127.0.0.1:5000");
        int clients = options.integer("clients", 5000);
        boolean connectFirst = options.flag("connect-first");
        Semaphore inFlight = new Semaphore(options.integer("in-flight", 200));
        CountDownLatch done = new CountDownLatch(clients);
        CountDownLatch connected = new CountDownLatch(clients);
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastJoin = new AtomicLong();
        AtomicLong lastConnect = new AtomicLong();
        AtomicReference<Curve> joins = new AtomicReference<>();
        double[] cpuAtStart = {server == null ? Double.NaN : server.cpuSeconds()};
        long connectStart = System.nanoTime();
        long[] start = {connectStart};
        joins.set(new Curve(connectStart, TimeUnit.MILLISECONDS.toNanos(BUCKET_MS), TIMEOUT_SECONDS * 10, false));
        List<SioConnection> open = new ArrayList<>(clients);
        List<String> openJoins = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            if (!inFlight.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("handshakes did not finish");
            }
            String join = "{\"id_sala\":\"" + rooms.get(i % rooms.size()) + "\",\"nome_usuario\":\"u" + i + "\"}";
            SioConnection.open(url, packet -> {
                if (packet.startsWith("431[")) {
                    long now = System.nanoTime();
                    if (Packets.ok(packet)) {
                        joins.get().count(now);
                        lastJoin.accumulateAndGet(now, Math::max);
                    } else {
                        refused.incrementAndGet();
                    }
                    done.countDown();
                }
            }).whenComplete((c, error) -> {
                inFlight.release();
                if (error == null) {
                    lastConnect.accumulateAndGet(System.nanoTime(), Math::max);
                    synchronized (open) {
                        open.add(c);
                        openJoins.add(join);
                    }
                    if (!connectFirst) {
                        c.emitWithAck("entrar", join, 1);
                    }
                } else {
                    if (failed.incrementAndGet() == 1) {
                        System.out.println("bench: first failed connection: " + error);
                    }
                    done.countDown();
                }
                connected.countDown();
            });
        }
        if (connectFirst) {
            // Every connection open first; then the joins alone, all sent at once.
            if (!connected.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (clients - connected.getCount()) + " connections completed");
            }
            System.out.printf("bench: %d connections open in %.2f s, joining all at once%n", open.size(), (System.nanoTime() - connectStart) / 1e9);
            cpuAtStart[0] = server == null ? Double.NaN : server.cpuSeconds();
            start[0] = System.nanoTime();
            joins.set(new Curve(start[0], TimeUnit.MILLISECONDS.toNanos(BUCKET_MS), TIMEOUT_SECONDS * 10, false));
            synchronized (open) {
                for (int k = 0; k < open.size(); k++) {
                    open.get(k).emitWithAck("entrar", openJoins.get(k), 1);
                }
            }
        }
        boolean all = done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        double cpu = server == null ? Double.NaN : server.cpuSeconds() - cpuAtStart[0];
        long rss = server == null ? -1 : server.rssBytes();
        long joined = clients - done.getCount() - refused.get() - failed.get();
        double seconds = (lastJoin.get() - start[0]) / 1e9;
        synchronized (open) {
            open.forEach(SioConnection::close);
        }
        return String.format("RESULT label=%s mode=join connect_first=%s clients=%d rooms=%d members=%d joined=%d failed_connections=%d refused=%d "
                        + "complete=%s connected_s=%.2f all_joined_s=%.2f joins_per_s=%.0f peak_joins_per_s=%d server_cpu_ms_per_join=%.2f "
                        + "rss_mb=%.1f bucket_ms=%d joins_per_bucket=%s",
                options.text("label", "server"), connectFirst, clients, rooms.size(), clients / rooms.size(), joined, failed.get(),
                refused.get(), all, (lastConnect.get() - connectStart) / 1e9, seconds, joined / seconds, joins.get().peak() * (1000 / BUCKET_MS),
                cpu / joined * 1000, rss / 1048576.0, BUCKET_MS, joins.get().countsText());
    }
}
