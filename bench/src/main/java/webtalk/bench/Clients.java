package webtalk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Consumer;

/**
 * Opens many connections with bounded concurrency, printing progress. {@code url} may name several
 * servers, comma-separated (a cluster's nodes): connection i goes to the (i mod n)-th, so every
 * room has members on every node.
 */
final class Clients {

    private Clients() {
    }

    static List<SioConnection> open(String url, int count, IntFunction<Consumer<String>> handlers)
            throws InterruptedException {
        String[] servers = url.split(",");
        List<CompletableFuture<SioConnection>> pending = new ArrayList<>(count);
        Semaphore inFlight = new Semaphore(200);
        long lastReport = System.nanoTime();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            CompletableFuture<SioConnection> connection = SioConnection.open(servers[i % servers.length].trim(), handlers.apply(i));
            connection.whenComplete((c, e) -> inFlight.release());
            pending.add(connection);
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                lastReport = System.nanoTime();
                System.out.printf("bench: connecting %d/%d%n", i + 1, count);
            }
        }
        List<SioConnection> open = new ArrayList<>(count);
        for (CompletableFuture<SioConnection> connection : pending) {
            try {
                open.add(connection.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException("connection failed: " + e.getMessage(), e);
            }
        }
        System.out.printf("bench: %d connections open%n", open.size());
        return open;
    }
}
