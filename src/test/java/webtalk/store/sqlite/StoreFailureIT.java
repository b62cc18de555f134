package webtalk.store.sqlite;

import webtalk.store.WriterHealth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.app.WebTalk;
import webtalk.config.Settings;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.TestServer;

/**
 * The message path fails loudly, never silently, through a real server and clients: a full disk
 * and a writer hit by an Error each reach the sender as their own code, the log says so once, the
 * server refuses at once while it lasts, and it resumes by itself when the condition clears.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StoreFailureIT {

    @TempDir
    Path tmp;

    private final AtomicReference<SqliteChatStore> store = new AtomicReference<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureLog() {
        originalErr = System.err;
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                originalErr.write(b);
                synchronized (log) {
                    log.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                originalErr.write(b, off, len);
                synchronized (log) {
                    log.write(b, off, len);
                }
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreLog() {
        System.setErr(originalErr);
    }

    private long logLines(String containing) {
        synchronized (log) {
            return log.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(containing)).count();
        }
    }

    private WebTalk start(Path dataDir) {
        Settings settings = Settings.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dataDir)
                .withAdminPassword(TestServer.ADMIN_PASSWORD).withSecretKey("test-secret-key");
        return WebTalk.start(settings, password -> { }, opening -> {
            SqliteChatStore opened = SqliteChatStore.open(opening.dataDir());
            store.set(opened);
            return opened;
        });
    }

    @Test
    void aFullDiskTellsTheSenderDiscoCheioCorruptsNothingAndServiceResumesWhenSpaceReturns() throws Exception {
        try (DiskFull disk = DiskFull.prepare(tmp.resolve("data"))) {
            System.out.println("disk full made with: " + disk.how());
            List<String> stored = new ArrayList<>();
            try (WebTalk app = start(disk.dataDir());
                 ChatClient ana = ChatClient.connect("http://127.0.0.1:" + app.port());
                 ChatClient bia = ChatClient.connect("http://127.0.0.1:" + app.port())) {
                String room = new Http("http://127.0.0.1:" + app.port()).createRoom("Cheia", null);
                ana.join(room, "ana");
                bia.join(room, "bia");
                for (int i = 1; i <= 3; i++) {
                    assertTrue(ana.say(room, "antes " + i).getBoolean("ok"));
                    stored.add("antes " + i);
                }

                disk.fill(store.get());
                JSONObject refused = null;
                for (int i = 0; i < 40 && refused == null; i++) {
                    String text = "enchendo " + i + " " + "x".repeat(400);
                    JSONObject ack = ana.say(room, text);
                    if (ack.getBoolean("ok")) {
                        stored.add(text);  // room was left on a page or in the WAL
                    } else {
                        refused = ack;
                    }
                }
                assertTrue(refused != null, "the disk filled up within 40 messages");
                assertEquals("disco_cheio", refused.getString("codigo"), refused.toString());
                assertEquals("disco_cheio", ana.next("erro").getString("codigo"), "the original's clients hear it too");
                JSONObject again = ana.say(room, "ainda cheio?");
                assertEquals("disco_cheio", again.getString("codigo"), "refused at once while full: " + again);
                assertFalse(app.healthy());
                assertEquals(webtalk.chat.StoreHealth.Status.DISK_FULL, app.storeHealth().status());
                assertEquals(1, logLines("store disk_full"), "one line when it happened, none per message");

                disk.free(store.get());
                StoreFailureTest.awaitAccepting(store.get());
                assertTrue(ana.say(room, "de volta").getBoolean("ok"), "the same client's next message is stored");
                stored.add("de volta");
                assertEquals("de volta", bia.next("mensagem_chat", m -> m.getString("mensagem").equals("de volta")).getString("mensagem"),
                        "and delivered to the bystander");
                assertTrue(app.healthy());
                assertEquals(1, logLines("store recovered"), "one line when it cleared");
            }
            assertEquals(stored, storedTexts(disk.dataDir()), "earlier messages intact, nothing refused stored");
            assertEquals("ok", integrity(disk.dataDir()));
        }
    }

    @Test
    void anErrorInsideTheWriterFailsItsBatchLoudlyAndTheWriterCarriesOn() throws Exception {
        Path dataDir = Files.createDirectory(tmp.resolve("data"));
        try (WebTalk app = start(dataDir);
             ChatClient ana = ChatClient.connect("http://127.0.0.1:" + app.port());
             ChatClient bia = ChatClient.connect("http://127.0.0.1:" + app.port())) {
            String room = new Http("http://127.0.0.1:" + app.port()).createRoom("Sem memória", null);
            ana.join(room, "ana");
            bia.join(room, "bia");
            assertTrue(ana.say(room, "antes").getBoolean("ok"));

            // As an OutOfMemoryError would: thrown inside the batch's transaction, after its rows went in.
            store.get().failBatchesWith(new OutOfMemoryError("simulado"));
            for (int i = 1; i <= WriterHealth.FAILURES_BEFORE_REFUSING + 1; i++) {
                JSONObject ack = ana.say(room, "perdida " + i);
                assertFalse(ack.getBoolean("ok"));
                assertEquals("armazenamento_indisponivel", ack.getString("codigo"), ack.toString());
                assertEquals("armazenamento_indisponivel", ana.next("erro").getString("codigo"));
            }
            assertFalse(app.healthy());
            assertEquals(webtalk.chat.StoreHealth.Status.FAILING, app.storeHealth().status());
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("sqlite-group-commit") && t.isAlive()), "the writer thread lives on");
            assertEquals(1, logLines("store failing"), "one line when it started refusing");
            assertTrue(logLines("OutOfMemoryError: simulado") <= WriterHealth.FAILURES_BEFORE_REFUSING + 1, "one per batch at most");

            store.get().failBatchesWith(null);
            StoreFailureTest.awaitAccepting(store.get());
            assertTrue(ana.say(room, "de volta").getBoolean("ok"));
            assertEquals("de volta", bia.next("mensagem_chat", m -> m.getString("mensagem").equals("de volta")).getString("mensagem"));
            assertTrue(bia.pending("mensagem_chat").stream().noneMatch(m -> m.getString("mensagem").startsWith("perdida")));
            assertTrue(app.healthy());
            assertEquals(1, logLines("store recovered"));
            assertEquals(List.of("antes", "de volta"), store.get().latest(room, 10).stream().map(webtalk.chat.Message::text).toList(),
                    "the failed batches were rolled back although their rows had gone in");
        }
    }

    private static List<String> storedTexts(Path dataDir) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("webtalk.db"));
             Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT text FROM messages ORDER BY id")) {
            List<String> texts = new ArrayList<>();
            while (rs.next()) {
                texts.add(rs.getString(1));
            }
            return texts;
        }
    }

    private static String integrity(Path dataDir) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("webtalk.db"));
             Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * A disk that fills up: a small tmpfs filled by a file, when this process may mount one (root),
     * which is a real ENOSPC under SQLite; otherwise SQLite's own page limit on the writer
     * connection ({@code PRAGMA max_page_count}), which SQLite reports the same way (SQLITE_FULL).
     */
    private static final class DiskFull implements AutoCloseable {
        private final Path dataDir;
        private final boolean mounted;

        private DiskFull(Path dataDir, boolean mounted) {
            this.dataDir = dataDir;
            this.mounted = mounted;
        }

        static DiskFull prepare(Path dataDir) throws Exception {
            Files.createDirectories(dataDir);
            boolean mounted = false;
            if ("root".equals(System.getProperty("user.name"))) {
                Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dataDir.toString())
                        .redirectErrorStream(true).start();
                mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
            }
            return new DiskFull(dataDir, mounted);
        }

        String how() {
            return mounted ? "a 4 MiB tmpfs filled to the last byte" : "PRAGMA max_page_count on the writer connection";
        }

        Path dataDir() {
            return dataDir;
        }

        void fill(SqliteChatStore store) throws IOException {
            if (!mounted) {
                store.limitPages(0);
                return;
            }
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream filler = Files.newOutputStream(dataDir.resolve("filler"))) {
                while (true) {
                    filler.write(chunk);
                }
            } catch (IOException noSpaceLeft) {
                // ENOSPC: full. Top up the last partial chunk byte by byte.
                try (OutputStream more = Files.newOutputStream(dataDir.resolve("filler2"))) {
                    while (true) {
                        more.write(0);
                        more.flush();
                    }
                } catch (IOException full) {
                    // now truly nothing is left
                }
            }
        }

        void free(SqliteChatStore store) throws IOException {
            if (!mounted) {
                store.limitPages(-1);
                return;
            }
            Files.deleteIfExists(dataDir.resolve("filler"));
            Files.deleteIfExists(dataDir.resolve("filler2"));
        }

        @Override
        public void close() throws Exception {
            if (mounted) {
                new ProcessBuilder("umount", dataDir.toString()).start().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
