package webtalk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * WebTalk as a separate OS process ({@code java webtalk.app.Main}), for what an in-process server
 * cannot show: SIGKILL in the middle of traffic, SIGTERM shutdown. Same port and data directory
 * across restarts, so clients reconnect to it by themselves.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Path log;
    /** What runs the server after the JVM options: the test classpath's Main, or {@code -jar} a packaged jar. */
    private final List<String> launch;
    private final java.util.Map<String, String> environment;
    private Process process;

    public ServerProcess() {
        this(List.of("-cp", System.getProperty("java.class.path"), "webtalk.app.Main"), java.util.Map.of());
    }

    /** The test classpath's Main with {@code environment} added to this server's settings (e.g. a cluster node's). */
    public static ServerProcess withEnvironment(java.util.Map<String, String> environment) {
        return new ServerProcess(List.of("-cp", System.getProperty("java.class.path"), "webtalk.app.Main"), environment);
    }

    /** {@code java -jar jar}, as an operator runs it, with {@code environment} added to this server's settings. */
    public static ServerProcess ofJar(Path jar, java.util.Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: it is built in the package phase (run `mvn verify`, not just the IT)");
        }
        return new ServerProcess(List.of("-jar", jar.toAbsolutePath().toString()), environment);
    }

    private ServerProcess(List<String> launch, java.util.Map<String, String> environment) {
        this.launch = List.copyOf(launch);
        this.environment = java.util.Map.copyOf(environment);
        try {
            this.dataDir = Files.createTempDirectory("webtalk-process");
            this.log = dataDir.resolve("server.log");
            try (ServerSocket probe = new ServerSocket(0)) {
                this.port = probe.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void start() {
        start(List.of());
    }

    /** With JVM options, e.g. {@code List.of("-Xmx256m")} for the memory attacks of a small container. */
    public void start(List<String> jvmOptions) {
        start(jvmOptions, java.util.Map.of());
    }

    /** With JVM options and, for this start only, settings changed by {@code environment} (e.g. a new ADMIN_PASSWORD). */
    public void start(List<String> jvmOptions, java.util.Map<String, String> environment) {
        ProcessBuilder builder = builder(jvmOptions, environment);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Generous: a node starts in 2-3 s, but a CI machine busy with other JVMs once took over 30 s.
        awaitServing(Duration.ofSeconds(90));
    }

    private ProcessBuilder builder(List<String> jvmOptions, java.util.Map<String, String> environment) {
        return builder(jvmOptions, environment, List.of());
    }

    private ProcessBuilder builder(List<String> jvmOptions, java.util.Map<String, String> environment, List<String> arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(launch);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("DATA_DIR", dataDir.toString());
        builder.environment().put("ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        builder.environment().putAll(this.environment);
        builder.environment().putAll(environment);
        return builder;
    }

    /** What a run of {@code Main} that ended printed, and its exit code. */
    public record Exit(int code, String output) {
    }

    /**
     * Runs another {@code Main} with this server's settings changed by {@code environment} (e.g. the
     * same DATA_DIR on another PORT) and waits for it to exit: for startups that must fail.
     */
    public Exit runToExit(java.util.Map<String, String> environment, Duration timeout) throws InterruptedException {
        return runToExit(List.of(), environment, timeout);
    }

    /** Like {@link #runToExit(java.util.Map, Duration)} with command-line arguments, e.g. {@code backup FILE}. */
    public Exit runToExit(List<String> arguments, java.util.Map<String, String> environment, Duration timeout)
            throws InterruptedException {
        Process run;
        try {
            run = builder(List.of(), environment, arguments).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        if (!run.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            run.destroyForcibly().waitFor();
            throw new AssertionError("Main did not exit within " + timeout + ": " + output.getNow("(running)"));
        }
        return new Exit(run.exitValue(), output.join());
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    /** The server process's id (for {@code ps}, or a signal of one's own). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * The server's live heap in MiB, measured the way an operator would: {@code jcmd GC.run} (a full
     * collection), then the "used" figure of {@code jcmd GC.heap_info}. What an attacker made the
     * server hold and never freed shows here; garbage does not.
     */
    public long heapUsedMiBAfterGc() {
        Jcmd.run(process.pid(), "GC.run");
        String info = Jcmd.run(process.pid(), "GC.heap_info");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new AssertionError("no heap figure in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(used.group(1)) / 1024;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed by the process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, without waiting for the exit. */
    public void signalTerminate() {
        process.destroy();
    }

    /** SIGTERM; returns the exit code, or -1 if it had not exited within the timeout. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return -1;
        }
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private void awaitServing(Duration timeout) {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server process exited: " + log());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url() + "/api/salas")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("server did not start within " + timeout + ": " + log());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
