package webtalk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.store.sqlite.SqliteMigrationsTest;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.ServerProcess;
import webtalk.support.TestServer;

/**
 * Every way a start can fail tells the operator, in exactly one ERROR line and no stack trace, what
 * is wrong and what to do, and exits non-zero; and one DATA_DIR serves one WebTalk at a time.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@RunsAlone
class StartupIT {

    private static final Duration EXIT_WITHIN = Duration.ofSeconds(60);

    /** Exactly one ERROR line, containing every one of {@code expected}; no stack frames at all. */
    private static String oneClearLine(ServerProcess.Exit exit, String... expected) {
        assertNotEquals(0, exit.code(), exit.output());
        List<String> errors = exit.output().lines().filter(line -> line.contains(" ERROR ")).toList();
        assertEquals(1, errors.size(), "one ERROR line:\n" + exit.output());
        assertTrue(exit.output().lines().noneMatch(line -> line.strip().startsWith("at ") || line.contains("Exception:")),
                "no stack trace:\n" + exit.output());
        for (String part : expected) {
            assertTrue(errors.get(0).contains(part), "'" + part + "' in: " + errors.get(0));
        }
        return errors.get(0);
    }

    @Test
    void aDataDirThatIsAFileIsNamedAsSuch() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            Path file = Files.writeString(server.dataDir().resolve("not-a-dir"), "x");
            oneClearLine(server.runToExit(Map.of("DATA_DIR", file.toString()), EXIT_WITHIN),
                    "DATA_DIR " + file.toRealPath(), "is a file, not a directory", "set DATA_DIR to a directory");
        }
    }

    @Test
    void aDataDirWhoseParentIsMissingIsNotCreatedBlindly() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            Path dir = server.dataDir().resolve("typo/data");
            oneClearLine(server.runToExit(Map.of("DATA_DIR", dir.toString()), EXIT_WITHIN),
                    "its parent " + server.dataDir().toRealPath().resolve("typo") + " does not exist", "create it, or fix DATA_DIR");
            assertTrue(Files.notExists(dir.getParent()));
        }
    }

    @Test
    void aReadOnlyDataDirIsNamedNotWritable() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            Path dir = Files.createDirectory(server.dataDir().resolve("read-only"));
            ReadOnly readOnly = ReadOnly.make(dir);
            assumeTrue(readOnly != null, "neither a read-only mount (needs root) nor permissions (needs non-root) can make a directory read-only here");
            try {
                oneClearLine(server.runToExit(Map.of("DATA_DIR", dir.toString()), EXIT_WITHIN),
                        "DATA_DIR " + dir, "is not writable", "or choose another DATA_DIR");
            } finally {
                readOnly.undo();
            }
        }
    }

    @Test
    void aPortInUseIsNamedWithWhatToDo() throws Exception {
        try (ServerProcess server = new ServerProcess();
             ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String line = oneClearLine(server.runToExit(Map.of("PORT", String.valueOf(taken.getLocalPort())), EXIT_WITHIN),
                    "port " + taken.getLocalPort() + " on 127.0.0.1 is in use", "PORT=");
            assertTrue(line.contains("choose another port"), line);
        }
    }

    @Test
    void anUnusableSecretKeyFileIsRefusedNotReplaced() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            Path key = server.dataDir().resolve("secret.key");
            byte[] garbage = {(byte) 0xff, (byte) 0xfe, (byte) 0x80, 0x01, 0x02};
            Files.write(key, garbage);
            oneClearLine(server.runToExit(Map.of(), EXIT_WITHIN),
                    "SECRET_KEY file", "secret.key is unusable (not UTF-8 text)", "delete it", "or set SECRET_KEY");
            assertTrue(java.util.Arrays.equals(garbage, Files.readAllBytes(key)), "left as it was");
        }
    }

    @Test
    void sigtermWithDrainSecondsIsNotReadyButServingFirstThenStops() throws Exception {
        try (ServerProcess server = ServerProcess.withEnvironment(Map.of("DRAIN_SECONDS", "3"))) {
            server.start();
            Http http = new Http(server.url());
            assertEquals(200, http.get("/health/ready").status());
            long signalled = System.nanoTime();
            server.signalTerminate();
            Http.Answer ready = http.get("/health/ready");
            for (int i = 0; i < 50 && ready.status() == 200; i++) {
                Thread.sleep(20);
                ready = http.get("/health/ready");
            }
            assertEquals(503, ready.status(), ready.body());
            assertTrue(ready.body().contains("encerrando"), ready.body());
            assertEquals(200, http.get("/api/salas").status(), "still serving while draining");
            assertEquals(143, server.terminate(Duration.ofSeconds(15)), server.log());
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            assertTrue(tookMs >= 2_900, "stopped after " + tookMs + " ms, before its 3 s of draining");
            assertTrue(server.log().contains("WebTalk draining: not ready for 3 s"), server.log());
        }
    }

    @Test
    void clusterModeWithoutSecretKeyOrRedisWithoutDatabaseIsRefusedInOneLine() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            oneClearLine(server.runToExit(Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test",
                    "REDIS_URL", "redis://127.0.0.1:6379/0"), EXIT_WITHIN), "cluster mode", "needs SECRET_KEY");
            oneClearLine(server.runToExit(Map.of("REDIS_URL", "redis://127.0.0.1:6379/0"), EXIT_WITHIN),
                    "REDIS_URL is set without DATABASE_URL", "set DATABASE_URL too");
            oneClearLine(server.runToExit(Map.of("DATABASE_URL", "mysql://db/chat"), EXIT_WITHIN),
                    "DATABASE_URL must look like postgresql://");
        }
    }

    @Test
    void aCorruptDatabaseIsNamedWithWhatToDo() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            Files.writeString(server.dataDir().resolve("webtalk.db"), "this is not a database, just text. ".repeat(200));
            oneClearLine(server.runToExit(Map.of(), EXIT_WITHIN),
                    "webtalk.db is corrupt or not a WebTalk database", "restore it from a backup");
        }
    }

    @Test
    void aDatabaseFromANewerWebTalkIsRefused() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            server.start();
            new Http(server.url()).createRoom("Antiga", null);
            assertEquals(143, server.terminate(Duration.ofSeconds(15)), server.log());
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("webtalk.db"));
                 Statement sql = db.createStatement()) {
                sql.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                        + " installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'x', 1, 1)");
            }
            oneClearLine(server.runToExit(Map.of(), EXIT_WITHIN),
                    "written by a newer WebTalk (schema version 99, this one knows up to "
                            + SqliteMigrationsTest.newestMigration(Path.of("src/main/resources/db/migration/sqlite"),
                                    Path.of("src/main/java/db/migration/sqlite")) + ")",
                    "run that version");
        }
    }

    @Test
    void aSettingsErrorIsOneLineToo() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            assertEquals(2, oneExitCode(server.runToExit(Map.of("PORT", "cinco mil"), EXIT_WITHIN), "PORT"));
        }
    }

    private static int oneExitCode(ServerProcess.Exit exit, String expected) {
        oneClearLine(exit, expected);
        return exit.code();
    }

    @Test
    void aSecondServerOnTheSameDataDirIsRefusedWhileTheFirstServes() throws Exception {
        try (ServerProcess server = new ServerProcess(); ServerSocket probe = new ServerSocket(0)) {
            server.start();
            int otherPort = probe.getLocalPort();
            probe.close();
            long pid = Long.parseLong(Files.readString(server.dataDir().resolve("webtalk.lock")).strip());
            oneClearLine(server.runToExit(Map.of("PORT", String.valueOf(otherPort)), EXIT_WITHIN),
                    "DATA_DIR " + server.dataDir().toRealPath(), "is in use by another WebTalk (pid " + pid + "?)",
                    "stop it or choose another DATA_DIR");
            assertTrue(server.alive());
            try (ChatClient ana = ChatClient.connect(server.url())) {
                String room = new Http(server.url()).createRoom("Ainda aqui", null);
                ana.join(room, "ana");
                assertTrue(ana.say(room, "o primeiro continua servindo").getBoolean("ok"));
            }
            // SIGKILL leaves no stale lock: the OS released it with the process.
            server.kill();
            server.start();
            assertTrue(server.alive());
        }
    }

    @Test
    void twoStartsInOneProcessOnOneDataDirTheSecondIsRefusedUntilTheFirstCloses() {
        Path dir;
        try (TestServer first = TestServer.start()) {
            dir = first.dataDir();
            StartupException refused = assertThrows(StartupException.class, () -> TestServer.startIn(dir));
            assertTrue(refused.getMessage().contains("is in use by another WebTalk"), refused.getMessage());
            try (ChatClient ana = ChatClient.connect(first.url())) {
                String room = new Http(first.url()).createRoom("Primeira", null);
                ana.join(room, "ana");
                assertTrue(ana.say(room, "sigo aqui").getBoolean("ok"), "the refused start left the first one alone");
            }
            first.restart();  // close releases the lock: the same directory starts again
        }
    }

    /** Makes a directory read-only for the server: a read-only tmpfs over it as root, permissions otherwise. */
    private record ReadOnly(Path dir, boolean mounted) {
        static ReadOnly make(Path dir) throws Exception {
            if ("root".equals(System.getProperty("user.name"))) {
                Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir.toString())
                        .redirectErrorStream(true).start();
                return mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0 ? new ReadOnly(dir, true) : null;
            }
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
            return new ReadOnly(dir, false);
        }

        void undo() throws Exception {
            if (mounted) {
                new ProcessBuilder("umount", dir.toString()).start().waitFor(10, TimeUnit.SECONDS);
            } else {
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
        }
    }
}
