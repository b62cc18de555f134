package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.Http;
import webtalk.support.TestServer;

/**
 * TRUSTED_PROXIES through the real server: behind a trusted proxy (here the test itself, on
 * 127.0.0.1) the per-address limits and the audit log see the forwarded client; from an untrusted
 * peer a forged X-Forwarded-For or Forwarded changes nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrustedProxiesIT {

    private static final String[] BEARER = {"Authorization", "Bearer " + TestServer.ADMIN_PASSWORD};

    @Test
    void behindATrustedProxyLimitsAndAuditSeeTheForwardedClient() {
        try (TestServer server = TestServer.start(s -> s.withTrustedProxies(List.of("127.0.0.1")))) {
            Http http = new Http(server.url());
            int status = 0;
            for (int i = 0; i < 6; i++) {
                status = http.post("/api/admin/login", Map.of("senha", "chute" + i),
                        "X-Forwarded-For", "6.6.6.6, 198.51.100.1").status();
            }
            assertEquals(429, status, "the forwarded client used up its attempts");
            assertEquals(200, http.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD),
                    "X-Forwarded-For", "198.51.100.2").status(), "another client behind the same proxy is not locked out");
            assertEquals(200, http.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD),
                    "Forwarded", "for=\"[2001:db8::5]:4711\";proto=https").status());

            List<String> refused = addresses(http, "login_recusado");
            assertEquals(5, refused.size(), refused.toString());
            assertTrue(refused.stream().allMatch("198.51.100.1"::equals), refused.toString());
            List<String> logins = addresses(http, "login");
            assertTrue(logins.contains("198.51.100.2"), logins.toString());
            assertTrue(logins.contains("2001:db8:0:0:0:0:0:5"), logins.toString());
            Bystander.assertStillChats(server);
        }
    }

    @Test
    void fromAnUntrustedPeerForgedHeadersChangeNothing() {
        try (TestServer server = TestServer.start(s -> s.withTrustedProxies(List.of("10.0.0.0/8", "::1")))) {
            Http http = new Http(server.url());
            // logged in before the attack: the address is about to be throttled, the session is not
            Http.Answer login = http.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD));
            assertFalse(login.header("Set-Cookie").contains("Secure"), "plain HTTP: not Secure");
            Http.Answer forged = http.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD), "X-Forwarded-Proto", "https");
            assertFalse(forged.header("Set-Cookie").contains("Secure"), "an untrusted peer's X-Forwarded-Proto is ignored");
            String cookie = login.header("Set-Cookie").split(";")[0];
            int status = 0;
            for (int i = 0; i < 6; i++) {
                // a new forged address each time: were it believed, the limit would never bite
                status = http.post("/api/admin/login", Map.of("senha", "chute" + i),
                        "X-Forwarded-For", "198.51.100." + i, "Forwarded", "for=203.0.113." + i).status();
            }
            assertEquals(429, status);
            List<String> refused = addresses(http, "login_recusado", "Cookie", cookie);
            assertEquals(5, refused.size(), refused.toString());
            assertTrue(refused.stream().allMatch("127.0.0.1"::equals), refused.toString());
            Bystander.assertStillChats(server);
        }
    }

    @Test
    void garbageFromATrustedProxyFallsBackToThePeer() {
        try (TestServer server = TestServer.start(s -> s.withTrustedProxies(List.of("127.0.0.1")))) {
            Http http = new Http(server.url());
            http.post("/api/admin/login", Map.of("senha", "errada"), "X-Forwarded-For", "example.com");
            http.post("/api/admin/login", Map.of("senha", "errada"), "X-Forwarded-For", "1.2.3.4, <script>");
            assertEquals(List.of("127.0.0.1", "127.0.0.1"), addresses(http, "login_recusado"));
        }
    }

    private static List<String> addresses(Http http, String action, String... auth) {
        JsonNode log = http.get("/api/admin/auditoria", auth.length > 0 ? auth : BEARER).json();
        List<String> found = new ArrayList<>();
        for (JsonNode entry : log) {
            if (entry.get("acao").asText().equals(action)) {
                found.add(entry.get("endereco").asText());
            }
        }
        return found;
    }
}
