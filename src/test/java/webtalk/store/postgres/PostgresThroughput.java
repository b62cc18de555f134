package webtalk.store.postgres;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import webtalk.chat.Appended;
import webtalk.chat.Room;

/**
 * How fast one PostgreSQL store commits messages through group commit, no sockets in the way, on
 * a fresh schema of the test database (dropped after): {@code mvn -q -o exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=webtalk.store.postgres.PostgresThroughput
 * -Dexec.args="50000 1000"} (messages, in flight). Prints one RESULT line: the wall-clock rate,
 * the time of the first open (cold JVM, migrating) and of a second one (already migrated), and the mean batch size. Not a test: it asserts no time.
 */
public final class PostgresThroughput {

    private static final int ROOMS = 8;

    private PostgresThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        PostgresDatabase.requireRunning();
        try (PostgresDatabase.Schema schema = PostgresDatabase.freshSchema()) {
            long migrating = System.nanoTime();
            PostgresChatStore.open(schema.url(), schema.name(), Clock.systemUTC()).close();  // cold JVM, migrates
            double firstOpenMillis = (System.nanoTime() - migrating) / 1e6;
            long opening = System.nanoTime();
            try (PostgresChatStore store = PostgresChatStore.open(schema.url(), schema.name(), Clock.systemUTC())) {
                double openMillis = (System.nanoTime() - opening) / 1e6;
                AtomicLong batches = new AtomicLong();
                store.observeCommits(new webtalk.store.CommitObserver() {
                    @Override
                    public void committed(int batchSize, long nanos) {
                        batches.incrementAndGet();
                    }

                    @Override
                    public void failed(webtalk.store.StoreException.Kind kind) {
                    }
                });
                Instant now = Instant.now();
                for (int r = 0; r < ROOMS; r++) {
                    store.createRoom(new Room("r" + r, "sala " + r, "", "bench", now, false, true, now), null);
                }
                Semaphore window = new Semaphore(inFlight);
                AtomicLong failed = new AtomicLong();
                long start = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    window.acquire();
                    CompletableFuture<Appended> stored = store.appendAsync("r" + (i % ROOMS), "u" + (i % 1000),
                            "mensagem de teste número " + i, Instant.now(), i % 2 == 0 ? "c" + i : null, m -> { });
                    stored.whenComplete((a, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                        }
                        window.release();
                    });
                }
                window.acquire(inFlight);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("RESULT mode=postgres-store-only rooms=%d messages=%d in_flight=%d failed=%d seconds=%.2f"
                                + " committed_per_s=%.0f mean_batch=%.1f first_open_ms=%.0f open_ms=%.0f stored=%d%n",
                        ROOMS, messages, inFlight, failed.get(), seconds, messages / seconds,
                        (double) messages / Math.max(1, batches.get()), firstOpenMillis, openMillis, store.countMessages());
            }
        }
    }
}
