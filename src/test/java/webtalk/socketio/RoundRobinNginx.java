package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's nginx as a balancer without sticky sessions in front of two Socket.IO nodes A and B:
 * every request that names a sid goes round-robin to A and B, one after the other; handshakes go
 * to A (B only while A is down), so A owns the sessions; WebSocket upgrades go to B, so an upgrade
 * always reaches the node that does not own the session. That makes "lands on the wrong node" happen
 * on every other request and on every upgrade, not by chance.
 */
public final class RoundRobinNginx implements AutoCloseable {

    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Path prefix;
    private final Process process;
    private final int port;

    private RoundRobinNginx(Path prefix, Process process, int port) {
        this.prefix = prefix;
        this.process = process;
        this.port = port;
    }

    public static RoundRobinNginx start(int portA, int portB) throws IOException, InterruptedException {
        String binary = binary();
        Path prefix = Files.createTempDirectory("socketio-rr-nginx");
        Files.createDirectories(prefix.resolve("logs"));
        int port = freePort();
        Files.writeString(prefix.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
                    # no sid: a handshake; a sid and an Upgrade header: a WebSocket upgrade; else polling
                    map "$arg_sid|$http_upgrade" $pool { "~^\\|" handshake; "~\\|.+$" upgrade; default spread; }
                    upstream handshake { server 127.0.0.1:%2$d; server 127.0.0.1:%3$d backup; }
                    upstream upgrade { server 127.0.0.1:%3$d; }
                    upstream spread { server 127.0.0.1:%2$d; server 127.0.0.1:%3$d; }
                    server {
                        listen 127.0.0.1:%4$d;
                        location / {
                            proxy_pass http://$pool;
                            proxy_http_version 1.1;
                            # The browser's Host, as a real balancer passes it (a page's same-origin check compares it with Origin).
                            proxy_set_header Host $http_host;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_set_header Connection $connection_upgrade;
                            proxy_buffering off;
                            proxy_read_timeout 60s;
                        }
                    }
                }
                """.formatted(prefix, portA, portB, port));
        Process process = new ProcessBuilder(binary, "-e", prefix.resolve("logs/error.log").toString(),
                "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        RoundRobinNginx nginx = new RoundRobinNginx(prefix, process, port);
        nginx.awaitListening();
        return nginx;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private static String binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return fail("nginx is not installed: apt-get install nginx (the round-robin balancer of this test)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = log();
                close();
                fail("nginx did not start: " + log);
            }
            // nginx has no readiness signal in the foreground; a connection attempt is the check
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        StringBuilder log = new StringBuilder();
        for (String name : List.of("logs/stdout.log", "logs/error.log")) {
            try {
                log.append(Files.readString(prefix.resolve(name)));
            } catch (IOException absent) {
                // nginx wrote nothing there
            }
        }
        return log.toString().strip();
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(prefix)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
