package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.Http;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/** Changing the admin password needs the current one and ends every other session (a stolen cookie with it). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminPasswordChangeIT extends ServerTest {

    private static final String NEW_PASSWORD = "uma-senha-nova-e-longa";

    private record Session(String cookie, String csrf) {
        String[] headers() {
            return new String[]{"Cookie", cookie, "X-CSRF-Token", csrf};
        }
    }

    private Session login(String password) {
        Http.Answer login = http.post("/api/admin/login", Map.of("senha", password));
        assertEquals(200, login.status(), login.body());
        return new Session(login.header("Set-Cookie").split(";")[0], login.json().get("csrf").asText());
    }

    @Test
    void aStolenCookieCannotChangeThePasswordWithoutTheCurrentOne() {
        Session thief = login(TestServer.ADMIN_PASSWORD);
        Http.Answer missing = http.post("/api/admin/configuracoes", Map.of("senha_admin", NEW_PASSWORD), thief.headers());
        assertEquals(403, missing.status());
        assertEquals("senha_atual_incorreta", missing.json().get("codigo").asText());
        Http.Answer wrong = http.post("/api/admin/configuracoes",
                Map.of("senha_admin", NEW_PASSWORD, "senha_atual", "palpite-errado", "maximo_salas", 1), thief.headers());
        assertEquals(403, wrong.status());
        assertEquals("senha_atual_incorreta", wrong.json().get("codigo").asText());
        assertEquals(200, http.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD)).status(), "password unchanged");
        assertFalse(http.get("/api/admin/configuracoes", thief.headers()).json().get("maximo_salas").asInt() == 1,
                "nothing of a refused request was applied");
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionAndTheOldBearer() {
        Session admin = login(TestServer.ADMIN_PASSWORD);
        Session stolen = login(TestServer.ADMIN_PASSWORD);
        Http.Answer changed = http.post("/api/admin/configuracoes",
                Map.of("senha_admin", NEW_PASSWORD, "senha_atual", TestServer.ADMIN_PASSWORD), admin.headers());
        assertEquals(200, changed.status(), changed.body());

        Http.Answer refused = http.get("/api/admin/estatisticas", stolen.headers());
        assertEquals(401, refused.status(), "the other session ended");
        assertEquals(401, http.post("/api/admin/configuracoes", Map.of("maximo_salas", 3), stolen.headers()).status());
        assertEquals(200, http.get("/api/admin/estatisticas", admin.headers()).status(), "the admin who changed it stays in");
        assertEquals(200, http.post("/api/admin/configuracoes", Map.of("maximo_salas", 3), admin.headers()).status());
        assertEquals(401, http.get("/api/admin/estatisticas", "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD).status());
        assertEquals(200, http.get("/api/admin/estatisticas", "Authorization", "Bearer " + NEW_PASSWORD).status());
    }

    @Test
    void aChangeByBearerEndsEverySession() {
        Session panel = login(TestServer.ADMIN_PASSWORD);
        assertEquals(200, http.post("/api/admin/configuracoes",
                Map.of("senha_admin", NEW_PASSWORD, "senha_atual", TestServer.ADMIN_PASSWORD),
                "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD).status());
        assertEquals(401, http.get("/api/admin/estatisticas", panel.headers()).status());
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeALogin() {
        Session thief = login(TestServer.ADMIN_PASSWORD);
        int status = 0;
        for (int i = 0; i < 6; i++) {
            status = http.post("/api/admin/configuracoes",
                    Map.of("senha_admin", NEW_PASSWORD, "senha_atual", "palpite" + i), thief.headers()).status();
        }
        assertEquals(429, status);
        assertEquals(429, http.post("/api/admin/configuracoes",
                Map.of("senha_admin", NEW_PASSWORD, "senha_atual", TestServer.ADMIN_PASSWORD), thief.headers()).status(),
                "even the right guess is refused until the window passes");
        assertEquals(429, http.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD)).status(), "one budget with login");
        Bystander.assertStillChats(server);
    }
}
