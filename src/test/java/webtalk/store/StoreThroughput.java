package webtalk.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import webtalk.chat.Appended;
import webtalk.chat.Room;
import webtalk.store.sqlite.SqliteChatStore;

/**
 * How fast the SQLite store alone commits messages through group commit, with no sockets in the
 * way: {@code java -cp target/test-classes:target/classes:<deps> webtalk.store.StoreThroughput [messages] [in flight]}.
 * Prints progress every second and one RESULT line. Used for docs/benchmarks.md. Besides the
 * wall-clock rate, the line gives the process's CPU seconds over the run and the messages per CPU
 * second: on a machine shared with other work the wall-clock rate swings with their load, the rate
 * per CPU second much less.
 */
public final class StoreThroughput {

    private StoreThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Path dir = Files.createTempDirectory("webtalk-store-bench");
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant now = Instant.now();
            for (int r = 0; r < 100; r++) {
                store.createRoom(new Room("r" + r, "sala " + r, "", "bench", now, false, true, now), null);
            }
            Semaphore window = new Semaphore(inFlight);
            AtomicLong done = new AtomicLong();
            long startCpu = processCpuNanos();
            long start = System.nanoTime();
            long nextReport = start + 1_000_000_000L;
            for (int i = 0; i < messages; i++) {
                window.acquire();
                CompletableFuture<Appended> stored = store.appendAsync("r" + (i % 100), "u" + (i % 1000),
                        "mensagem de teste número " + i, Instant.now(), null, m -> { });
                stored.whenComplete((a, e) -> {
                    done.incrementAndGet();
                    window.release();
                });
                if (System.nanoTime() > nextReport) {
                    nextReport += 1_000_000_000L;
                    System.out.printf("store: %d committed%n", done.get());
                }
            }
            window.acquire(inFlight);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - startCpu) / 1e9;
            System.out.printf("RESULT mode=store-only messages=%d in_flight=%d seconds=%.2f committed_per_s=%.0f"
                            + " cpu_s=%.2f committed_per_cpu_s=%.0f%n",
                    messages, inFlight, seconds, messages / seconds, cpuSeconds, messages / cpuSeconds);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
