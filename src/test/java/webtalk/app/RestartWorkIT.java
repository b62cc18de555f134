package webtalk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;
import webtalk.support.TestServer;

/**
 * Work a start no longer does, shown by a real server process and the JVM's class loading log:
 * it never starts the platform MBean server (Jetty would, to learn the size of a reference;
 * JettyReferenceSize answers instead), and a restart leaves ADMIN_PASSWORD's Argon2 check to the
 * password's first use — which still makes ADMIN_PASSWORD win over what was stored.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RestartWorkIT {

    private static final String ARGON2 = "org.bouncycastle.crypto.generators.Argon2BytesGenerator ";

    @TempDir
    Path logs;

    @Test
    void servingAChatStartsNoPlatformMBeanServer() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            Path classes = logs.resolve("classes.txt");
            server.start(List.of("-Xlog:class+load:file=" + classes));
            Http http = new Http(server.url());
            String room = http.createRoom("Sem JMX", null);
            try (ChatClient ana = ChatClient.connect(server.url())) {
                ana.join(room, "Ana");
                assertTrue(ana.say(room, "olá").getBoolean("ok"));
            }
            assertEquals(200, http.get("/health/ready").status());
            Http.Answer metrics = http.get("/metrics");  // loopback may scrape
            assertEquals(200, metrics.status());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "the JVM's own meters are served");
            String loaded = Files.readString(classes);
            assertTrue(loaded.contains("org.eclipse.jetty.util.MemoryUtils "), "Jetty asked for the reference size");
            assertFalse(loaded.contains("com.sun.jmx.mbeanserver.JmxMBeanServer "), "the platform MBean server was not started");
        }
    }

    @Test
    void aRestartChecksAdminPasswordAtItsFirstUseAndItStillWins() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            Path first = logs.resolve("first.txt");
            server.start(List.of("-Xlog:class+load:file=" + first));
            assertTrue(Files.readString(first).contains(ARGON2), "a first start hashes ADMIN_PASSWORD");
            Http http = new Http(server.url());
            assertEquals(200, login(http, TestServer.ADMIN_PASSWORD));
            assertEquals(200, http.post("/api/admin/configuracoes", Map.of("senha_admin", "mudada-no-painel", "senha_atual", TestServer.ADMIN_PASSWORD),
                    "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD).status(), "changed on the panel");
            assertEquals(143, server.terminate(Duration.ofSeconds(20)), server.log());

            // Restarted with the same ADMIN_PASSWORD: nothing hashed while starting and serving chat.
            Path restart = logs.resolve("restart.txt");
            server.start(List.of("-Xlog:class+load:file=" + restart));
            String room = http.createRoom("Depois", null);
            try (ChatClient ana = ChatClient.connect(server.url())) {
                assertTrue(ana.join(room, "Ana").getBoolean("ok"));
            }
            assertFalse(Files.readString(restart).contains(ARGON2), "no Argon2 before the password's first use");
            // Its first use: ADMIN_PASSWORD wins over the panel's change made before this start.
            assertEquals(401, login(http, "mudada-no-painel"));
            assertTrue(Files.readString(restart).contains(ARGON2));
            assertEquals(200, login(http, TestServer.ADMIN_PASSWORD));
            assertEquals(143, server.terminate(Duration.ofSeconds(20)), server.log());

            // Restarted with a new ADMIN_PASSWORD: it replaces the stored one at the first use.
            server.start(List.of(), Map.of("ADMIN_PASSWORD", "outra-senha-do-ambiente"));
            assertEquals(401, login(http, TestServer.ADMIN_PASSWORD));
            assertEquals(200, login(http, "outra-senha-do-ambiente"));
        }
    }

    private static int login(Http http, String password) {
        return http.post("/api/admin/login", Map.of("senha", password)).status();
    }
}
