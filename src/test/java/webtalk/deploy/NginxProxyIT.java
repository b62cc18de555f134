package webtalk.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.TestServer;

/**
 * The shipped nginx site ({@code deploy/nginx/webtalk.conf}) in a real nginx, over TLS, in front of
 * a real WebTalk started with TRUSTED_PROXIES=127.0.0.1 as docs/deploy.md sets it up: Socket.IO
 * chats through it over long-polling, WebSocket and the default polling-then-upgrade, HTTP is sent
 * to HTTPS, and WebTalk sees the client's address (127.0.0.2 here), not the proxy's, nor what the
 * client wrote into X-Forwarded-For itself.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NginxProxyIT {

    /** The browser's address: any loopback address other than nginx's own 127.0.0.1 (the trusted proxy). */
    private static final String CLIENT_ADDRESS = "127.0.0.2";
    private static final MediaType JSON = MediaType.get("application/json");

    private static TestServer server;
    private static Nginx nginx;
    private static OkHttpClient browser;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(s -> s.withTrustedProxies(List.of("127.0.0.1")));
        nginx = Nginx.start(server.port());
        browser = BrowserSide.from(CLIENT_ADDRESS, nginx.certificate());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            BrowserSide.release(browser);
        }
        if (nginx != null) {
            nginx.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket", "polling,websocket"})
    void chatsThroughNginx(String transports) {
        String room = new Http(server.url()).createRoom("pelo nginx " + transports, null);
        try (ChatClient ana = ChatClient.connect(nginx.httpsUrl(), transports.split(","), browser);
             ChatClient bia = ChatClient.connect(nginx.httpsUrl(), transports.split(","), browser)) {
            assertTrue(ana.join(room, "ana").getBoolean("ok"));
            assertTrue(bia.join(room, "bia").getBoolean("ok"));
            for (int i = 1; i <= 5; i++) {
                JSONObject ack = ana.say(room, "olá " + i + " via " + transports);
                assertTrue(ack.getBoolean("ok"), ack.toString());
            }
            JSONObject reply = bia.say(room, "oi, ana");
            assertTrue(reply.getBoolean("ok"), reply.toString());
            for (int i = 1; i <= 5; i++) {
                assertEquals("olá " + i + " via " + transports,
                        bia.next("mensagem_chat", m -> m.getString("nome_usuario").equals("ana")).getString("mensagem"));
            }
            assertEquals("oi, ana", ana.next("mensagem_chat", m -> m.getString("nome_usuario").equals("bia")).getString("mensagem"));
        }
    }

    @Test
    void webTalkSeesTheClientNotTheProxyNorWhatTheClientForged() throws IOException {
        // A browser-like login: same-origin (Origin is nginx's https origin, which WebTalk compares
        // with the Host nginx forwards) and a forged X-Forwarded-For that nginx appends to.
        Request login = new Request.Builder().url(nginx.httpsUrl() + "/api/admin/login")
                .header("Origin", nginx.httpsUrl())
                .header("X-Forwarded-For", "6.6.6.6")
                .post(RequestBody.create(JSON, "{\"senha\":\"" + TestServer.ADMIN_PASSWORD + "\"}")).build();
        try (Response answer = browser.newCall(login).execute()) {
            assertEquals(200, answer.code(), answer.body().string());
            String cookie = answer.header("Set-Cookie");
            assertNotNull(cookie, "the admin session cookie passes through");
            assertTrue(cookie.contains("Secure"), "behind TLS the session cookie is Secure: " + cookie);
            assertEquals("max-age=63072000", answer.header("Strict-Transport-Security"));
        }
        List<String> logins = auditAddresses("login");
        assertEquals(List.of(CLIENT_ADDRESS), logins, "the right-most untrusted hop of '6.6.6.6, " + CLIENT_ADDRESS + "'");
    }

    @Test
    void plainHttpIsRedirectedToHttps() throws IOException {
        Request page = new Request.Builder().url("http://127.0.0.1:" + nginx.httpPort() + "/sala/abc?x=1").build();
        try (Response answer = browser.newCall(page).execute()) {
            assertEquals(301, answer.code());
            String location = answer.header("Location");
            assertTrue(location != null && location.startsWith("https://127.0.0.1") && location.endsWith("/sala/abc?x=1"), location);
        }
    }

    @Test
    void pagesComeOverHttpsWithWebTalksOwnHeaders() throws IOException {
        Request page = new Request.Builder().url(nginx.httpsUrl() + "/").build();
        try (Response answer = browser.newCall(page).execute()) {
            assertEquals(200, answer.code());
            assertEquals("max-age=63072000", answer.header("Strict-Transport-Security"));
            assertNotNull(answer.header("Content-Security-Policy"), "WebTalk's headers pass through nginx");
            assertFalse(answer.body().string().isEmpty());
        }
    }

    /** Straight to WebTalk (127.0.0.1, no forwarding header): the audit log's addresses for one action. */
    private static List<String> auditAddresses(String action) {
        JsonNode log = new Http(server.url()).get("/api/admin/auditoria", "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD).json();
        List<String> found = new ArrayList<>();
        for (JsonNode entry : log) {
            if (entry.get("acao").asText().equals(action)) {
                found.add(entry.get("endereco").asText());
            }
        }
        return found;
    }
}
