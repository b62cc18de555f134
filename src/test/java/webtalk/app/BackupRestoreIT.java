package webtalk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.store.sqlite.SqliteBackup;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;
import webtalk.support.TestServer;

/**
 * Backups taken while the server runs and writes, and a restore that brings a server back with
 * them: from the admin API, from {@code Main backup} beside a running server process, and
 * {@code Main restore}, which refuses while a server holds DATA_DIR.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackupRestoreIT {

    private static final String[] BEARER = {"Authorization", "Bearer " + TestServer.ADMIN_PASSWORD};
    private static final int SENDERS = 3;

    @TempDir
    Path scratch;

    @Test
    void aBackupUnderWriteLoadIsIntactAndHoldsEveryMessageAcknowledgedBeforeItBeganAndRestores() throws Exception {
        Path backup = scratch.resolve("download.db");
        Set<Long> ackedBeforeBackup;
        String room;
        try (TestServer server = TestServer.start()) {
            Http http = new Http(server.url());
            http.configure(Map.of("limite_mensagens_por_minuto", 6000));
            room = http.createRoom("Carga", null);
            Set<Long> acked = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch loaded = new CountDownLatch(300);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<Future<Integer>> sent = new ArrayList<>();
            try {
                for (int s = 0; s < SENDERS; s++) {
                    String nickname = "autor" + s;
                    sent.add(senders.submit(() -> {
                        try (ChatClient client = ChatClient.connect(server.url())) {
                            client.join(room, nickname);
                            int count = 0;
                            // Bounded: stops when told, or after 20,000 messages whatever happens.
                            while (!stop.get() && count < 20_000) {
                                JSONObject ack = client.say(room, nickname + " " + count++);
                                assertTrue(ack.getBoolean("ok"), ack.toString());
                                acked.add(ack.getLong("id"));
                                loaded.countDown();
                            }
                            return count;
                        }
                    }));
                }
                assertTrue(loaded.await(30, TimeUnit.SECONDS), "300 messages acknowledged under load");
                ackedBeforeBackup = new HashSet<>(acked);
                HttpResponse<Path> download = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/api/admin/backup")).header(BEARER[0], BEARER[1])
                                .timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofFile(backup));
                assertEquals(200, download.statusCode(), () -> readQuietly(backup));
                String disposition = download.headers().firstValue("Content-Disposition").orElse("");
                assertTrue(disposition.matches("attachment; filename=\"webtalk-\\d{8}-\\d{6}\\.db\""), disposition);
                assertTrue(acked.size() > ackedBeforeBackup.size() || !stop.get(), "senders kept writing");
            } finally {
                stop.set(true);
                senders.shutdown();
            }
            for (Future<Integer> each : sent) {
                assertTrue(each.get(30, TimeUnit.SECONDS) > 0);
            }
            assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(List.of(), listDir(server.dataDir().resolve(WebTalk.BACKUP_SPOOL)), "the spooled copy is deleted once sent");
            String audit = http.get("/api/admin/auditoria", BEARER).body();
            assertTrue(audit.contains("\"acao\":\"backup\""), audit);
        }

        SqliteBackup.check(backup);  // integrity_check = ok, or it throws
        Set<Long> inBackup = messageIds(backup);
        Set<Long> missing = new HashSet<>(ackedBeforeBackup);
        missing.removeAll(inBackup);
        assertEquals(Set.of(), missing, "every message acknowledged before the backup began is in it");

        // Restore: into a DATA_DIR with no server, then a server starts on it with the messages.
        Path restoredDir = scratch.resolve("restored");
        Files.createDirectories(restoredDir);
        Files.writeString(restoredDir.resolve("webtalk.db"), "a database that will be replaced");
        Files.writeString(restoredDir.resolve("webtalk.db-wal"), "a WAL that must not meet the restored file");
        Output out = new Output();
        assertEquals(0, out.commands(restoredDir).restore(backup), out.toString());
        assertTrue(out.stdout().startsWith("restored " + backup), out.toString());
        assertTrue(Files.notExists(restoredDir.resolve("webtalk.db-wal")), "the old WAL moved away with the old file");
        try (TestServer restored = TestServer.startIn(restoredDir)) {
            Http http = new Http(restored.url());
            long newest = ackedBeforeBackup.stream().mapToLong(Long::longValue).max().orElseThrow();
            Http.Answer page = http.get("/api/salas/" + room + "/mensagens?depois=" + (newest - 1) + "&limite=1");
            assertEquals(200, page.status(), page.body());
            assertEquals(newest, page.json().get("mensagens").get(0).get("id").asLong());
            assertTrue(restored.dataDir().resolve("webtalk.db").toFile().length() > 0);
            assertEquals(inBackup.size(), http.get("/api/admin/estatisticas", BEARER).json().get("total_mensagens").asLong());
        }
    }

    @Test
    void restoreIsRefusedWhileAServerHoldsTheDataDir() throws Exception {
        Path backup = scratch.resolve("b.db");
        try (TestServer server = TestServer.start()) {
            new Http(server.url()).createRoom("Guardada", null);
            Output out = new Output();
            assertEquals(0, out.commands(server.dataDir()).backup(backup), out.toString());
            Output refused = new Output();
            assertEquals(1, refused.commands(server.dataDir()).restore(backup));
            assertTrue(refused.stderr().startsWith("restore refused: DATA_DIR"), refused.toString());
            assertTrue(refused.stderr().contains("in use by another WebTalk"), refused.toString());
            assertEquals(200, new Http(server.url()).get("/api/salas").status(), "the server is untouched");
        }
    }

    @Test
    void aBackupRefusesToOverwriteAFileAndSaysSoInOneLine() throws Exception {
        Path existing = Files.writeString(scratch.resolve("existente.db"), "keep me");
        try (TestServer server = TestServer.start()) {
            Output out = new Output();
            assertEquals(1, out.commands(server.dataDir()).backup(existing));
            assertTrue(out.stderr().startsWith("backup failed: ") && out.stderr().contains("already exists"), out.toString());
            assertEquals(1, out.stderr().strip().lines().count(), out.toString());
            assertEquals("keep me", Files.readString(existing));
        }
    }

    @Test
    void theCommandLineBackupWorksWhileAServerProcessRunsOnTheSameDataDir() throws Exception {
        Path backup = scratch.resolve("cli.db");
        try (ServerProcess server = new ServerProcess()) {
            server.start();
            Http http = new Http(server.url());
            String room = http.createRoom("Linha de comando", null);
            long last;
            try (ChatClient ana = ChatClient.connect(server.url())) {
                ana.join(room, "ana");
                ana.say(room, "um");
                last = ana.say(room, "dois").getLong("id");
            }
            ServerProcess.Exit exit = server.runToExit(List.of("backup", backup.toString()), Map.of(), Duration.ofSeconds(60));
            assertEquals(0, exit.code(), exit.output());
            assertTrue(exit.output().strip().startsWith("backup written: " + backup), exit.output());
            assertTrue(exit.output().contains("2 messages, integrity ok"), exit.output());
            assertTrue(server.alive(), "the server kept running");
            assertEquals(200, http.get("/api/salas/" + room).status());
            assertTrue(messageIds(backup).contains(last));

            ServerProcess.Exit refused = server.runToExit(List.of("restore", backup.toString()), Map.of(), Duration.ofSeconds(60));
            assertEquals(1, refused.code(), refused.output());
            assertTrue(refused.output().contains("restore refused: DATA_DIR"), refused.output());

            ServerProcess.Exit usage = server.runToExit(List.of("backup"), Map.of(), Duration.ofSeconds(60));
            assertEquals(2, usage.code(), usage.output());
            assertTrue(usage.output().startsWith("usage: "), usage.output());
        }
    }

    private static Set<Long> messageIds(Path database) throws Exception {
        Set<Long> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
             Statement query = c.createStatement(); ResultSet rs = query.executeQuery("SELECT id FROM messages")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static List<Path> listDir(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "(unreadable)";
        }
    }

    /** What a command printed, on stdout and stderr. */
    private static final class Output {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        DataCommands commands(Path dataDir) {
            return new DataCommands(dataDir, Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "stdout: " + stdout() + " stderr: " + stderr();
        }
    }
}
