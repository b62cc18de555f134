package webtalk.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webtalk.hostile.Expect.httpError;

import java.util.List;
import webtalk.support.RawHttp;
import webtalk.support.TestServer;

/** The admin API attacked: no or forged credentials, CSRF, brute force, races, a stolen cookie. */
final class AdminAttacks {

    private static final String STATS = "/api/admin/estatisticas";
    private static final String SETTINGS = "/api/admin/configuracoes";
    private static final String NEW_PASSWORD = "senha-nova-do-admin-42";

    private AdminAttacks() {
    }

    /** A logged-in panel session: its cookie header line and CSRF token. */
    record Session(String cookie, String csrf) {
        String[] headers(String... more) {
            String[] all = new String[more.length + 2];
            all[0] = "Cookie: " + cookie;
            all[1] = "X-CSRF-Token: " + csrf;
            System.arraycopy(more, 0, all, 2, more.length);
            return all;
        }
    }

    static List<Attack> all() {
        return List.of(
                Attack.of("admin: statistics without a cookie → 401 nao_autorizado", "main",
                        a -> httpError(a.raw().request("GET", STATS, null), 401, "nao_autorizado")),
                Attack.of("admin: forged session cookie → 401 nao_autorizado", "main",
                        a -> httpError(a.raw().request("GET", STATS, null, "Cookie: webtalk_admin=" + "A".repeat(43)), 401, "nao_autorizado")),
                Attack.of("admin: valid cookie without X-CSRF-Token → 403 csrf_invalido", "main", a -> {
                    Session session = login(a.raw(), TestServer.ADMIN_PASSWORD);
                    httpError(a.raw().postJson(SETTINGS, "{\"maximo_salas\":1}", "Cookie: " + session.cookie()), 403, "csrf_invalido");
                }),
                Attack.of("admin: valid cookie with a wrong X-CSRF-Token → 403 csrf_invalido", "main", a -> {
                    Session session = login(a.raw(), TestServer.ADMIN_PASSWORD);
                    httpError(a.raw().postJson(SETTINGS, "{\"maximo_salas\":1}", "Cookie: " + session.cookie(), "X-CSRF-Token: " + session.csrf() + "x"),
                            403, "csrf_invalido");
                }),
                Attack.of("admin: cookie reused after logout → 401", "main", a -> {
                    Session session = login(a.raw(), TestServer.ADMIN_PASSWORD);
                    assertEquals(200, a.raw().postJson("/api/admin/logout", "{}", session.headers()).status());
                    httpError(a.raw().request("GET", STATS, null, "Cookie: " + session.cookie()), 401, "nao_autorizado");
                }),
                Attack.of("admin: settings change from another origin, with a valid cookie and CSRF → 403 origem_invalida", "main", a -> {
                    Session session = login(a.raw(), TestServer.ADMIN_PASSWORD);
                    httpError(a.raw().postJson(SETTINGS, "{\"maximo_salas\":1}", session.headers("Origin: https://evil.example")),
                            403, "origem_invalida");
                }),
                Attack.of("admin: path variants of an admin route never get past the guard", "main", a -> {
                    for (String path : new String[]{STATS + "/", "//api/admin/estatisticas", "/api/admin/./estatisticas",
                            "/api/%61dmin/estatisticas", "/api/admin/estatisticas;x=1", "/API/admin/estatisticas", "/api/admin/x/../estatisticas"}) {
                        RawHttp.Response answer = a.raw().request("GET", path, null);
                        assertNotEquals(200, answer.status(), path + " answered " + answer.body());
                        assertTrue(answer.body().indexOf("total_mensagens") < 0, path);
                    }
                }),
                Attack.of("admin: 20 concurrent wrong Bearer passwords: at most 5 checked, then even the right one 429", "main", a -> {
                    long checked = RestAttacks.guessUntilThrottled(20, 401,
                            i -> a.raw().request("GET", STATS, null, "Authorization: Bearer chute-" + i));
                    assertTrue(checked <= 5, checked + " bearer guesses were checked");
                    httpError(a.raw().request("GET", STATS, null, "Authorization: Bearer " + TestServer.ADMIN_PASSWORD), 429, "muitas_tentativas");
                }),
                Attack.of("admin: 30 concurrent wrong logins: at most 5 checked, the rest 429 muitas_tentativas", "main", a -> {
                    long checked = RestAttacks.guessUntilThrottled(30, 401,
                            i -> a.raw().postJson("/api/admin/login", "{\"senha\":\"chute-" + i + "\"}"));
                    assertTrue(checked <= 5, checked + " logins were checked");
                }),
                Attack.of("admin: password change without senha_atual → 403 senha_atual_incorreta", "h-web", a -> {
                    Session session = login(a.raw(), TestServer.ADMIN_PASSWORD);
                    try {
                        httpError(a.raw().postJson(SETTINGS, "{\"senha_admin\":\"" + NEW_PASSWORD + "\"}", session.headers()),
                                403, "senha_atual_incorreta");
                    } finally {
                        restorePassword(a);
                    }
                }),
                Attack.of("admin: password change with a wrong senha_atual → 403 senha_atual_incorreta", "h-web", a -> {
                    Session session = login(a.raw(), TestServer.ADMIN_PASSWORD);
                    try {
                        httpError(a.raw().postJson(SETTINGS, "{\"senha_admin\":\"" + NEW_PASSWORD + "\",\"senha_atual\":\"palpite\"}",
                                session.headers()), 403, "senha_atual_incorreta");
                    } finally {
                        restorePassword(a);
                    }
                }),
                Attack.of("admin: a stolen cookie stops working once the password is changed → 401", "h-web", a -> {
                    Session stolen = login(a.raw(), TestServer.ADMIN_PASSWORD);
                    Session owner = login(a.raw(), TestServer.ADMIN_PASSWORD);
                    try {
                        assertEquals(200, a.raw().postJson(SETTINGS, "{\"senha_admin\":\"" + NEW_PASSWORD + "\",\"senha_atual\":\""
                                + TestServer.ADMIN_PASSWORD + "\"}", owner.headers()).status());
                        httpError(a.raw().request("GET", STATS, null, "Cookie: " + stolen.cookie()), 401, "nao_autorizado");
                        httpError(a.raw().postJson(SETTINGS, "{\"senha_admin\":\"senha-do-ladrao-1\"}", stolen.headers()), 401, "nao_autorizado");
                    } finally {
                        restorePassword(a);
                    }
                }));
    }

    static Session login(RawHttp http, String password) {
        RawHttp.Response answer = http.postJson("/api/admin/login", "{\"senha\":\"" + password + "\"}");
        assertEquals(200, answer.status(), "login: " + answer.body());
        String setCookie = answer.header("Set-Cookie");
        return new Session(setCookie.substring(0, setCookie.indexOf(';')), answer.json().get("csrf").asText());
    }

    /**
     * Puts the suite's admin password back if an attack changed it (on a branch without the
     * defence the change goes through). Probes from this attack's own address, so a failed
     * probe never counts against the address the rest of the suite uses.
     */
    private static void restorePassword(Arena a) {
        RawHttp probe = a.rawFrom(a.target.freshAddress());
        if (probe.request("GET", SETTINGS, null, "Authorization: Bearer " + TestServer.ADMIN_PASSWORD).status() == 200) {
            return;
        }
        RawHttp.Response restored = probe.postJson(SETTINGS, "{\"senha_admin\":\"" + TestServer.ADMIN_PASSWORD + "\",\"senha_atual\":\""
                + NEW_PASSWORD + "\"}", "Authorization: Bearer " + NEW_PASSWORD);
        assertEquals(200, restored.status(), "admin password restored: " + restored.body());
    }
}
