package webtalk.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.config.Settings;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.TestServer;

/** /metrics through a real server, real Socket.IO clients and a strict reader of the Prometheus text format. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsIT {

    private static final String TOKEN = "scrape-token-0123456789";

    private static PrometheusText scrape(Http http, String... headers) {
        Http.Answer answer = http.get("/metrics", headers);
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.header("Content-Type").startsWith("text/plain; version=0.0.4"), answer.header("Content-Type"));
        return PrometheusText.parse(answer.body());
    }

    @Test
    void countersMoveWithRealTrafficAndTheScrapeParses() {
        int n = 7;
        try (TestServer server = TestServer.start();
             ChatClient ana = ChatClient.connect(server.url(), new String[] {"websocket"});
             ChatClient bia = ChatClient.connect(server.url(), new String[] {"polling"})) {
            Http http = new Http(server.url());
            String room = http.createRoom("Métricas", null);
            PrometheusText before = scrape(http);
            assertEquals(1, before.value("webtalk_connections{transport=\"websocket\"}"));
            assertEquals(1, before.value("webtalk_connections{transport=\"polling\"}"));

            ana.join(room, "ana");
            bia.join(room, "bia");
            for (int i = 0; i < n; i++) {
                assertTrue(ana.say(room, "mensagem " + i).getBoolean("ok"));
            }
            assertFalse(ana.say(room, "   ").getBoolean("ok"), "an empty message is refused");
            PrometheusText after = scrape(http);

            assertEquals(n, delta(before, after, "webtalk_messages_stored_total"));
            assertEquals(2, delta(before, after, "webtalk_joins_total"));
            assertEquals(1, delta(before, after, "webtalk_messages_refused_total{codigo=\"mensagem_vazia\"}"));
            assertEquals(0, delta(before, after, "webtalk_messages_refused_total{codigo=\"disco_cheio\"}"));
            // each message reaches both members (the sender too), besides the join notices
            assertTrue(delta(before, after, "webtalk_deliveries_total") >= 2 * n, "deliveries " + after.value("webtalk_deliveries_total"));
            assertEquals(n, delta(before, after, "webtalk_publish_latency_seconds_count"));
            assertEquals(n, delta(before, after, "webtalk_store_batch_size_messages_sum"));
            assertTrue(delta(before, after, "webtalk_store_commit_latency_seconds_count") >= 1);
            assertEquals(1, after.value("webtalk_rooms_active"));
            assertEquals(2, after.value("webtalk_users_online"));
            assertEquals(0, after.value("webtalk_slow_consumers_dropped_total"));
            assertEquals(0, after.value("webtalk_store_errors_total{kind=\"unavailable\"}"));
            assertEquals("histogram", after.types().get("webtalk_publish_latency_seconds"));
            assertEquals("counter", after.types().get("webtalk_messages_stored_total"));
            for (String jvm : List.of("jvm_memory_used_bytes", "jvm_gc_pause_seconds_count", "jvm_threads_live_threads",
                    "process_cpu_usage", "process_uptime_seconds", "process_files_open_files")) {
                assertTrue(after.has(jvm) || jvm.startsWith("jvm_gc"), "JVM/process metric " + jvm);
            }
        }
    }

    @Test
    void metricSeriesComeOnlyFromEnumsNeverFromRoomIdsOrNames() {
        try (TestServer server = TestServer.start(); ChatClient ana = ChatClient.connect(server.url())) {
            Http http = new Http(server.url());
            String room = http.createRoom("Sala secreta", null);
            ana.join(room, "ana-apelido");
            assertTrue(ana.say(room, "texto-que-nao-vaza").getBoolean("ok"));
            String body = http.get("/metrics").body();
            for (String leak : List.of(room, "ana-apelido", "texto-que-nao-vaza", "Sala secreta")) {
                assertFalse(body.contains(leak), "the scrape holds " + leak);
            }
        }
    }

    @Test
    void aClientOutsideMetricsAllowedIsRefusedUnlessItBringsTheToken() {
        try (TestServer server = TestServer.start(s -> s.withMetrics(new Settings.Metrics(TOKEN, List.of("10.9.9.9/32"))))) {
            Http http = new Http(server.url());
            Http.Answer refused = http.get("/metrics");
            assertEquals(403, refused.status(), "loopback is not in METRICS_ALLOWED here");
            assertEquals("metricas_restritas", refused.json().get("codigo").asText());
            assertFalse(refused.body().contains("webtalk_"), refused.body());
            assertEquals(403, http.get("/metrics", "Authorization", "Bearer wrong-token-0123456789").status());
            assertTrue(scrape(http, "Authorization", "Bearer " + TOKEN).has("webtalk_messages_stored_total"));
        }
    }

    @Test
    void byDefaultOnlyLoopbackScrapesAndAProxiedRequestIsNotTakenForLoopback() {
        try (TestServer server = TestServer.start()) {
            Http http = new Http(server.url());
            assertTrue(scrape(http).has("webtalk_joins_total"), "loopback scrapes by default");
            // a reverse proxy on this machine relaying a stranger: its peer is loopback, but not the client
            assertEquals(403, http.get("/metrics", "X-Forwarded-For", "203.0.113.7").status());
        }
    }

    private static double delta(PrometheusText before, PrometheusText after, String series) {
        return after.value(series) - before.value(series);
    }
}
