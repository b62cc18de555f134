package webtalk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code --mode reconnect}: N clients in rooms of N/R, the first member of each room sending
 * {@code --room-rate} messages/s (default 2) whenever it is joined. After {@code --before} seconds
 * the tool stops the server ({@code --pid}, SIGTERM: a restart by a service manager); the script
 * that started it starts it again on the same data. Every client comes back as socket.io-client
 * does by default (first retry after 0.5–1.5 s, the delay doubling up to 5 s, ±50 % jitter), sends
 * {@code entrar} with {@code ultimo_id} (the last id up to which it saw every message) and catches
 * up (see {@link CatchUp}). Measured from the stop: until the first client is connected again
 * (the restart), until every client has caught up, and the curve of clients caught up per 100 ms.
 * Bounded: {@code --seconds} (default 60) after the stop.
 */
final class ReconnectStorm {

    private static final long BUCKET_MS = 100;

    private final String url;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-storm");
        t.setDaemon(true);
        return t;
    });
    private final long baseDelayMillis;
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong firstBack = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean running = true;
    private volatile long stoppedAt = Long.MAX_VALUE;
    private volatile Curve caughtUp;
    private volatile CountDownLatch allCaughtUp;

    /** One simulated user: its room, its name, its catch-up state and its current connection. */
    private final class Member {
        final String room;
        final String name;
        final CatchUp state = new CatchUp();
        final AtomicReference<SioConnection> connection = new AtomicReference<>();
        volatile CountDownLatch firstJoin;
        final AtomicBoolean counted = new AtomicBoolean();

        Member(String room, String name) {
            this.room = room;
            this.name = name;
        }

        void connect(int attempt) {
            if (!running) {
                return;
            }
            attempts.incrementAndGet();
            SioConnection.open(url, this::packet, this::lost).whenComplete((c, error) -> {
                if (error != null) {
                    retry(attempt + 1);
                    return;
                }
                long now = System.nanoTime();
                if (now > stoppedAt) {
                    firstBack.accumulateAndGet(now, Math::min);
                }
                connection.set(c);
                long upTo = state.upTo();
                c.emitWithAck("entrar", "{\"id_sala\":\"" + room + "\",\"nome_usuario\":\"" + name + "\""
                        + (upTo > 0 ? ",\"ultimo_id\":" + upTo : "") + "}", 1);
            });
        }

        void packet(String packet) {
            long now = System.nanoTime();
            boolean caughtUpNow = false;
            if (packet.startsWith("42[\"mensagem_chat\"")) {
                caughtUpNow = state.message(Packets.longField(packet, "id"), now);
            } else if (packet.startsWith("431[")) {
                if (Packets.ok(packet)) {
                    caughtUpNow = state.joined(Packets.longField(packet, "ultimo_id"), now);
                }
                CountDownLatch first = firstJoin;
                if (first != null) {
                    first.countDown();
                }
            }
            if (caughtUpNow && now > stoppedAt && counted.compareAndSet(false, true)) {
                caughtUp.count(now);
                allCaughtUp.countDown();
            }
        }

        void lost() {
            state.left();
            connection.set(null);
            retry(0);
        }

        /** socket.io-client's default backoff: 1 s doubling to 5 s, randomization 0.5. */
        void retry(int attempt) {
            long delay = Math.min(baseDelayMillis << Math.min(attempt, 10), 5000);
            long jittered = (long) (delay * (0.5 + ThreadLocalRandom.current().nextDouble()));
            if (running) {
                timer.schedule(() -> connect(attempt), jittered, TimeUnit.MILLISECONDS);
            }
        }

        void send(long seq) {
            SioConnection c = connection.get();
            if (c != null && state.joined()) {
                c.emit("mensagem_chat", "{\"id_sala\":\"" + room + "\",\"nome_usuario\":\"" + name + "\",\"mensagem\":\"m" + seq + "\"}");
            }
        }
    }

    private ReconnectStorm(String url, long baseDelayMillis) {
        this.url = url;
        this.baseDelayMillis = baseDelayMillis;
    }

    static String run(Options options, List<String> rooms, ProcessStats server) throws Exception {
        String pid = options.text("pid", null);
        if (pid == null || pid.contains(",")) {
            throw new IllegalArgumentException("--pid (one server) is needed: the storm stops it");
        }
        ReconnectStorm storm = new ReconnectStorm(options.text("url", "http://127.0.0.1:5000"),
                options.integer("reconnect-delay-ms", 1000));
        try {
            return storm.measure(options, rooms, ProcessHandle.of(Long.parseLong(pid.trim()))
                    .orElseThrow(() -> new IllegalStateException("no process " + pid)));
        } finally {
            storm.running = false;
            storm.timer.shutdownNow();
        }
    }

    /**
     * When the process exits, seen within 10 ms. {@code ProcessHandle.onExit()} watches a process
     * that is not this JVM's child by polling it after 300, 630, 990, 1,380 ms and so on, so
     * {@code stop_s} could only take those steps (every stop up to 2026-12-08 reads 0.31, 1.00,
     * 1.39 or 4.41 s).
     */
    static CompletableFuture<Long> exitOf(ProcessHandle process) {
        CompletableFuture<Long> exited = new CompletableFuture<>();
        Thread watcher = new Thread(() -> {
            while (process.isAlive()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            exited.complete(System.nanoTime());
        }, "bench-exit-watcher");
        watcher.setDaemon(true);
        watcher.start();
        return exited;
    }

    private String measure(Options options, List<String> rooms, ProcessHandle serverProcess) throws Exception {
        int clients = options.integer("clients", 5000);
        int seconds = options.integer("seconds", 60);
        int before = options.integer("before", 5);
        double roomRate = options.decimal("room-rate", 2);
        List<Member> members = new ArrayList<>(clients);
        CountDownLatch joined = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Member member = new Member(rooms.get(i % rooms.size()), "u" + i);
            member.firstJoin = joined;
            members.add(member);
        }
        // Connect in steps of 200 (as Clients does: at most about 200 joins pending), then wait for every first join.
        long joinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = 0; i < clients; i += 200) {
            for (int k = i; k < Math.min(clients, i + 200); k++) {
                members.get(k).connect(0);
            }
            while (joined.getCount() > clients - Math.min(clients, i + 200) + 100 && System.nanoTime() < joinDeadline) {
                Thread.sleep(5);
            }
        }
        if (!joined.await(Math.max(0, joinDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("only " + (clients - joined.getCount()) + " clients joined");
        }
        members.forEach(m -> m.firstJoin = null);
        System.out.printf("bench: reconnect storm, %d clients joined in %d rooms, %.1f messages/s per room%n", clients, rooms.size(), roomRate);

        AtomicLong seq = new AtomicLong();
        long period = (long) (1e9 / roomRate);
        for (int r = 0; r < rooms.size() && r < clients; r++) {
            Member sender = members.get(r);
            timer.scheduleAtFixedRate(() -> sender.send(seq.incrementAndGet()), r * period / rooms.size(), period, TimeUnit.NANOSECONDS);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(before));

        allCaughtUp = new CountDownLatch(clients);
        long stop = System.nanoTime();
        caughtUp = new Curve(stop, TimeUnit.MILLISECONDS.toNanos(BUCKET_MS), seconds * 10, false);
        stoppedAt = stop;
        CompletableFuture<Long> exited = exitOf(serverProcess);
        serverProcess.destroy();
        System.out.println("bench: server stopped (SIGTERM), clients reconnecting");
        long deadline = stop + TimeUnit.SECONDS.toNanos(seconds);
        while (allCaughtUp.getCount() > 0 && System.nanoTime() < deadline) {
            allCaughtUp.await(2, TimeUnit.SECONDS);
            System.out.printf("bench: %4.1fs after the stop, %d/%d caught up%n", (System.nanoTime() - stop) / 1e9,
                    clients - allCaughtUp.getCount(), clients);
        }
        running = false;
        long last = 0;
        long caught = 0;
        long withGaps = 0;
        for (Member m : members) {
            long at = m.state.caughtUpAt();
            if (m.counted.get() && at > stop) {
                caught++;
                last = Math.max(last, at);
            }
            if (m.state.pastGap() > 0) {
                withGaps++;
            }
            SioConnection c = m.connection.get();
            if (c != null) {
                c.close();
            }
        }
        long back = firstBack.get();
        return String.format("RESULT label=%s mode=reconnect clients=%d rooms=%d room_rate=%.1f caught_up=%d clients_with_gaps=%d "
                        + "attempts=%d stop_s=%s restart_s=%.2f all_caught_up_s=%s storm_s=%s bucket_ms=%d caught_up_per_bucket=%s",
                options.text("label", "server"), clients, rooms.size(), roomRate, caught, withGaps, attempts.get(),
                exited.isDone() ? String.format("%.2f", (exited.join() - stop) / 1e9) : "-",
                back == Long.MAX_VALUE ? Double.NaN : (back - stop) / 1e9,
                caught == clients ? String.format("%.2f", (last - stop) / 1e9) : "-",
                caught == clients && back != Long.MAX_VALUE ? String.format("%.2f", (last - back) / 1e9) : "-",
                BUCKET_MS, caughtUp.countsText());
    }
}
