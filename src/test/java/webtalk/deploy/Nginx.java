package webtalk.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's nginx as a child process, serving the shipped site {@code deploy/nginx/webtalk.conf}
 * on random loopback ports in front of a WebTalk: only what a person edits when installing it (the
 * listen ports, the upstream's port, the certificate paths) is replaced, each exactly once, so a
 * change to the shipped file is a change to what is tested. TLS uses a self-signed certificate for
 * 127.0.0.1 made by openssl in the temporary prefix.
 */
final class Nginx implements AutoCloseable {

    static final Path SITE = Path.of("deploy/nginx/webtalk.conf");
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Path prefix;
    private final Process process;
    private final int httpPort;
    private final int httpsPort;

    private Nginx(Path prefix, Process process, int httpPort, int httpsPort) {
        this.prefix = prefix;
        this.process = process;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** Starts nginx proxying to WebTalk on 127.0.0.1:{@code upstreamPort}; fails the test in one line when nginx is missing. */
    static Nginx start(int upstreamPort) throws IOException, InterruptedException {
        String binary = binary();
        Path prefix = Files.createTempDirectory("webtalk-nginx");
        Files.createDirectories(prefix.resolve("logs"));
        selfSignedCertificate(prefix);
        int httpPort = freePort();
        int httpsPort = freePort();
        Files.writeString(prefix.resolve("site.conf"), render(Files.readString(SITE), prefix, upstreamPort, httpPort, httpsPort));
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
                    include %1$s/site.conf;
                }
                """.formatted(prefix));
        Process process = new ProcessBuilder(binary, "-e", prefix.resolve("logs/error.log").toString(),
                "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        Nginx nginx = new Nginx(prefix, process, httpPort, httpsPort);
        nginx.awaitListening();
        return nginx;
    }

    int httpPort() {
        return httpPort;
    }

    int httpsPort() {
        return httpsPort;
    }

    /** The https origin a browser would see, e.g. {@code https://127.0.0.1:43117}. */
    String httpsUrl() {
        return "https://127.0.0.1:" + httpsPort;
    }

    Path certificate() {
        return prefix.resolve("cert.pem");
    }

    /** The shipped site with the installation's placeholders replaced; fails when one is not there exactly once. */
    static String render(String site, Path prefix, int upstreamPort, int httpPort, int httpsPort) {
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("listen 80;", "listen 127.0.0.1:" + httpPort + ";");
        edits.put("listen [::]:80;", "");
        edits.put("listen 443 ssl;", "listen 127.0.0.1:" + httpsPort + " ssl;");
        edits.put("listen [::]:443 ssl;", "");
        edits.put("server 127.0.0.1:5000;", "server 127.0.0.1:" + upstreamPort + ";");
        edits.put("/etc/letsencrypt/live/chat.example.org/fullchain.pem", prefix.resolve("cert.pem").toString());
        edits.put("/etc/letsencrypt/live/chat.example.org/privkey.pem", prefix.resolve("key.pem").toString());
        String rendered = site;
        for (Map.Entry<String, String> edit : edits.entrySet()) {
            int first = rendered.indexOf(edit.getKey());
            if (first < 0 || rendered.indexOf(edit.getKey(), first + 1) >= 0) {
                fail(SITE + " should hold '" + edit.getKey() + "' exactly once (the test renders the shipped file)");
            }
            rendered = rendered.replace(edit.getKey(), edit.getValue());
        }
        return rendered;
    }

    private static String binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return fail("nginx is not installed: apt-get install nginx (NginxProxyIT runs the shipped site in a real nginx)");
    }

    private static void selfSignedCertificate(Path prefix) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", prefix.resolve("key.pem").toString(), "-out", prefix.resolve("cert.pem").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/openssl.log").toFile()).start();
        if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            openssl.destroyForcibly();
            fail("openssl could not make a test certificate: " + Files.readString(prefix.resolve("logs/openssl.log")).strip());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Until both ports accept connections, nginx exits (a bad config, a port taken) or the timeout passes. */
    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!(accepts(httpPort) && accepts(httpsPort))) {
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

    String log() {
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
