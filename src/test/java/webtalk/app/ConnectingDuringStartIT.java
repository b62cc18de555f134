package webtalk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.config.Settings;
import webtalk.store.sqlite.SqliteChatStore;
import webtalk.support.RunsAlone;
import webtalk.support.TestServer;

/**
 * A restarted server's clients come back while it is still starting. Their connections wait in
 * the accept queue and are served once the server is ready; none is refused or dropped (issue #16,
 * {@link ListeningSocket}). The start is held before its store opens, as a slow disk or a long
 * migration would hold it.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunsAlone
class ConnectingDuringStartIT {

    /** More than the JVM's default accept queue of 50, which a storm of returning clients overflowed. */
    private static final int CLIENTS = 300;
    /** A SYN dropped by a full accept queue is sent again after 1 s, then 3 s: this fails such a connect. */
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    @TempDir
    Path tmp;

    @Test
    void clientsThatConnectWhileTheServerStartsWaitAndAreServedOnceItIsReady() throws Exception {
        int port = freePort();
        Settings settings = Settings.defaults().withHost("127.0.0.1").withPort(port).withDataDir(tmp.resolve("data"))
                .withAdminPassword(TestServer.ADMIN_PASSWORD).withSecretKey("test-secret-key");
        CountDownLatch storeMayOpen = new CountDownLatch(1);
        CompletableFuture<WebTalk> starting = CompletableFuture.supplyAsync(() -> WebTalk.start(settings, password -> { }, opening -> {
            awaitUninterruptibly(storeMayOpen);
            return SqliteChatStore.open(opening.dataDir());
        }));
        List<Socket> clients = new ArrayList<>();
        WebTalk app = null;
        try {
            clients.add(firstConnection(port, starting));
            while (clients.size() < CLIENTS) {
                Socket client = new Socket();
                clients.add(client);
                client.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
            }
            for (Socket client : clients) {
                client.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            assertFalse(starting.isDone(), "the start is still held while the clients wait");

            storeMayOpen.countDown();
            app = starting.get(60, TimeUnit.SECONDS);
            int served = 0;
            for (Socket client : clients) {
                client.setSoTimeout(30_000);
                String status = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                if (status != null && status.startsWith("HTTP/1.1 200")) {
                    served++;
                }
            }
            assertEquals(CLIENTS, served, "every client that connected during the start is served once it is ready");
        } finally {
            storeMayOpen.countDown();
            for (Socket client : clients) {
                client.close();
            }
            if (app == null) {
                app = starting.handle((started, failure) -> started).get(60, TimeUnit.SECONDS);
            }
            if (app != null) {
                app.close();
            }
        }
    }

    /** The port accepts connections while the start is held (before: refused until the HTTP stack started). */
    private static Socket firstConnection(int port, CompletableFuture<WebTalk> starting) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
                return socket;
            } catch (ConnectException refused) {
                socket.close();
                if (starting.isDone()) {
                    starting.join();  // a failed start says why
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + port + " refused connections for 20 s while the server was starting", refused);
                }
                Thread.sleep(20);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
