package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import webtalk.support.Http;
import webtalk.support.TestServer;

/** CORS on the public REST API for ALLOWED_ORIGINS only; the admin API stays same-origin. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsIT {

    private static final String ALLOWED = "https://escola.example";
    private static final String EVIL = "https://evil.example";
    private TestServer server;
    private Http http;

    @BeforeAll
    void start() {
        server = TestServer.start(s -> s.withAllowedOrigins(List.of(ALLOWED)));
        http = new Http(server.url());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Http.Answer preflight(String path, String origin) {
        return http.send("OPTIONS", path, null, "Origin", origin, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");
    }

    @Test
    void anAllowedOriginsPreflightIsAnswered() {
        String room = http.createRoom("Cors", "segredo");
        for (String path : new String[]{"/api/salas", "/api/salas/" + room + "/entrar", "/api/salas/" + room + "/mensagens", "/api/limites"}) {
            Http.Answer answer = preflight(path, ALLOWED);
            assertEquals(204, answer.status(), path);
            assertEquals(ALLOWED, answer.header("Access-Control-Allow-Origin"), path);
            assertEquals("GET, POST, OPTIONS", answer.header("Access-Control-Allow-Methods"));
            assertEquals("Content-Type, Authorization, X-CSRF-Token", answer.header("Access-Control-Allow-Headers"));
            assertEquals("600", answer.header("Access-Control-Max-Age"));
            assertTrue(answer.header("Vary").contains("Origin"));
            assertNull(answer.header("Access-Control-Allow-Credentials"), "no credentials, so never * with them");
        }
    }

    @Test
    void anAllowedOriginReadsAndCreates() {
        Http.Answer list = http.get("/api/salas", "Origin", ALLOWED);
        assertEquals(ALLOWED, list.header("Access-Control-Allow-Origin"));
        assertTrue(list.header("Vary").contains("Origin"));
        Http.Answer created = http.post("/api/salas", Map.of("nome", "De fora", "criador", "x"), "Origin", ALLOWED);
        assertEquals(200, created.status(), created.body());
        assertEquals(ALLOWED, created.header("Access-Control-Allow-Origin"));
        Http.Answer refused = http.post("/api/salas/" + created.json().get("id_sala").asText() + "/entrar",
                Map.of("senha", "x"), "Origin", ALLOWED);
        assertEquals(ALLOWED, refused.header("Access-Control-Allow-Origin"), "errors carry it too, so the page can read the code");
    }

    @Test
    void aDisallowedOriginGetsNoCorsHeaders() {
        Http.Answer pre = preflight("/api/salas", EVIL);
        assertEquals(403, pre.status());
        assertEquals("origem_invalida", pre.json().get("codigo").asText());
        assertNull(pre.header("Access-Control-Allow-Origin"));
        assertNull(pre.header("Access-Control-Allow-Methods"));
        Http.Answer list = http.get("/api/salas", "Origin", EVIL);
        assertEquals(200, list.status());
        assertNull(list.header("Access-Control-Allow-Origin"));
        Http.Answer post = http.post("/api/salas", Map.of("nome", "Do mal", "criador", "x"), "Origin", EVIL);
        assertEquals(403, post.status());
        assertEquals("origem_invalida", post.json().get("codigo").asText());
        assertNull(post.header("Access-Control-Allow-Origin"));
    }

    @Test
    void theAdminApiIsNotCorsEnabled() {
        Http.Answer pre = preflight("/api/admin/login", ALLOWED);
        assertNull(pre.header("Access-Control-Allow-Origin"));
        assertTrue(pre.status() >= 400, "no preflight for admin: " + pre.status());
        Http.Answer stats = http.get("/api/admin/estatisticas", "Origin", ALLOWED, "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD);
        assertNull(stats.header("Access-Control-Allow-Origin"));
    }
}
