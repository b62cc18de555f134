package webtalk.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.app.WebTalk;
import webtalk.config.Settings;
import webtalk.store.sqlite.SqliteChatStore;
import webtalk.store.sqlite.StoreHooks;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.TestServer;

/** /health/live and /health/ready through a real server whose store is made to fail, and one that drains. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthIT {

    @TempDir
    Path tmp;

    private final AtomicReference<SqliteChatStore> store = new AtomicReference<>();

    private WebTalk start() {
        Settings settings = Settings.defaults().withHost("127.0.0.1").withPort(0).withDataDir(tmp.resolve("data"))
                .withAdminPassword(TestServer.ADMIN_PASSWORD).withSecretKey("test-secret-key");
        return WebTalk.start(settings, password -> { }, opening -> {
            SqliteChatStore opened = SqliteChatStore.open(opening.dataDir());
            store.set(opened);
            return opened;
        });
    }

    @Test
    void aHealthyServerIsLiveAndReady() {
        try (WebTalk app = start()) {
            Http http = new Http("http://127.0.0.1:" + app.port());
            Http.Answer live = http.get("/health/live");
            assertEquals(200, live.status());
            assertEquals("ok", live.json().get("status").asText());
            Http.Answer ready = http.get("/health/ready");
            assertEquals(200, ready.status(), ready.body());
            assertEquals("{\"status\":\"ok\"}", ready.body());
            assertEquals("no-store", ready.header("Cache-Control"));
        }
    }

    @Test
    void readyTurns503WhileTheMessagePathCannotStoreAndBackWhenItCanLiveStays200() {
        try (WebTalk app = start(); ChatClient ana = ChatClient.connect("http://127.0.0.1:" + app.port())) {
            Http http = new Http("http://127.0.0.1:" + app.port());
            String room = http.createRoom("Falhando", null);
            ana.join(room, "ana");
            StoreHooks.failBatchesWith(store.get(), new OutOfMemoryError("injected by HealthIT"));
            List<String> codes = new ArrayList<>();
            // A few failed batches in a row make the store refuse (WriterHealth): send until it does.
            for (int i = 0; i < 20 && app.healthy(); i++) {
                codes.add(ana.say(room, "m" + i).optString("codigo"));
            }
            assertTrue(!app.healthy() && codes.contains("armazenamento_indisponivel"), "the sender is refused: " + codes);

            Http.Answer ready = http.get("/health/ready");
            assertEquals(503, ready.status(), ready.body());
            assertEquals("indisponivel", ready.json().get("status").asText());
            assertEquals(List.of("armazenamento_indisponivel"), codes(ready.json()));
            assertEquals(200, http.get("/health/live").status(), "a failing store is no reason to restart the process");

            StoreHooks.failBatchesWith(store.get(), null);
            // The store reopens by itself within a second; the first message that commits makes it healthy.
            StoreHooks.awaitAccepting(store.get());
            assertTrue(ana.say(room, "de volta").getBoolean("ok"));
            assertEquals(200, http.get("/health/ready").status());
        }
    }

    @Test
    void drainingTurnsReady503BeforeTheSocketsCloseAndLiveStays200() {
        try (WebTalk app = start(); ChatClient ana = ChatClient.connect("http://127.0.0.1:" + app.port())) {
            Http http = new Http("http://127.0.0.1:" + app.port());
            assertEquals(200, http.get("/health/ready").status());
            app.drain();
            Http.Answer ready = http.get("/health/ready");
            assertEquals(503, ready.status());
            assertEquals(List.of("encerrando"), codes(ready.json()));
            assertEquals(200, http.get("/health/live").status());
            assertTrue(ana.connected(), "draining closes nothing: clients already here keep their connection");
        }
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.get("motivos").forEach(code -> codes.add(code.asText()));
        return codes;
    }
}
