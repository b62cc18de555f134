package webtalk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.Http;
import webtalk.support.TestServer;

/**
 * The archive of the package phase, unpacked, started with bin/webtalk from another directory: it
 * finds its jar and conf/, sizes the JVM, and {@code exec}s java, so SIGTERM to the script's process
 * stops the server itself.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DistributionIT {

    @Test
    void binWebtalkRunsFromAnyDirectoryAndIsTheJvm() throws Exception {
        Path archive = Path.of("target", "webtalk-" + System.getProperty("webtalk.version") + ".tar.gz");
        assertTrue(Files.isRegularFile(archive), archive + " is built in the package phase");
        Path unpacked = Files.createTempDirectory("webtalk-dist");
        Process tar = new ProcessBuilder("tar", "xzf", archive.toAbsolutePath().toString(), "-C", unpacked.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        Path home;
        try (var entries = Files.list(unpacked)) {
            home = entries.findFirst().orElseThrow();
        }
        for (String part : List.of("bin/webtalk", "conf/webtalk.properties", "lib/webtalk.jar", "THIRD-PARTY.txt")) {
            assertTrue(Files.exists(home.resolve(part)), part);
        }
        assertTrue(Files.readString(home.resolve("THIRD-PARTY.txt")).contains("io.javalin:javalin"));

        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path elsewhere = Files.createTempDirectory("webtalk-cwd");
        Path log = elsewhere.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/webtalk").toString()).directory(elsewhere.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("DATA_DIR", elsewhere.resolve("data").toString());
        builder.environment().put("ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process server = builder.start();
        try {
            Http http = new Http("http://127.0.0.1:" + port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("WebTalk started")) {
                assertTrue(server.isAlive(), Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "not started in 60 s: " + Files.readString(log));
                server.waitFor(100, TimeUnit.MILLISECONDS);
            }
            assertEquals(200, http.get("/api/salas").status());
            String command = server.info().commandLine().orElse("");
            assertTrue(command.contains("-Xmx256m") && command.contains("-XX:+UseSerialGC") && command.contains("lib/webtalk.jar"),
                    "the script's process is the JVM itself (exec): " + command);

            server.destroy();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "stopped on SIGTERM");
            assertTrue(Files.readString(log).contains("WebTalk stopped"), Files.readString(log));
        } finally {
            server.destroyForcibly();
        }
    }
}
