package webtalk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;
import webtalk.support.TestServer;

/**
 * target/webtalk.jar, built in the package phase, run the way the README says: {@code java -jar}.
 * It serves pages, WebJars, REST and Socket.IO with nothing but itself (so shading kept the service
 * files, the migrations and the WebJars), stops on SIGTERM with "WebTalk stopped", and a bad setting
 * is one line.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PackagedJarIT {

    static final Path JAR = Path.of("target", "webtalk.jar");
    private static final Duration STOP_WITHIN = Duration.ofSeconds(20);
    private static final Pattern READY = Pattern.compile("ready (\\d+) ms after the JVM started");

    @Test
    void theJarAloneServesEverythingAndStopsOnSigterm() throws Exception {
        try (ServerProcess server = ServerProcess.ofJar(JAR, Map.of())) {
            server.start();
            Http http = new Http(server.url());
            assertEquals(200, http.get("/api/salas").status());
            assertEquals(200, http.get("/").status(), "the lobby page, from the jar");
            assertEquals(200, http.get("/webjars/bootstrap/5.3.8/css/bootstrap.min.css").status(), "a WebJar survived shading");
            String room = http.createRoom("Empacotada", null);
            try (ChatClient ana = ChatClient.connect(server.url())) {
                ana.join(room, "ana");
                ana.say(room, "olá");
                assertEquals("olá", ana.next("mensagem_chat").getString("mensagem"));
            }
            Matcher ready = READY.matcher(server.log());
            assertTrue(ready.find(), server.log());
            System.out.println("PackagedJarIT: java -jar target/webtalk.jar ready in " + ready.group(1) + " ms");

            int code = server.terminate(STOP_WITHIN);
            assertTrue(code == 143 || code == 0, "SIGTERM is a normal end (0 or 143), got " + code + ":\n" + server.log());
            assertTrue(server.log().lines().anyMatch(line -> line.endsWith("INFO Main - WebTalk stopped")), server.log());
        }
    }

    @Test
    void aBadSettingIsOneLineAndNoStackTrace() throws Exception {
        try (ServerProcess server = ServerProcess.ofJar(JAR, Map.of())) {
            ServerProcess.Exit exit = server.runToExit(Map.of("PORT", "cinco mil"), STOP_WITHIN);
            assertEquals(2, exit.code(), exit.output());
            List<String> lines = exit.output().lines().filter(line -> !line.isBlank()).toList();
            assertEquals(1, lines.size(), exit.output());
            assertTrue(lines.get(0).contains("ERROR Main - WebTalk cannot start: PORT must be a number"), lines.get(0));
        }
    }

    @Test
    void jsonLogsAreOneObjectPerLineWithoutSecrets() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (ServerProcess server = ServerProcess.ofJar(JAR, Map.of("LOG_FORMAT", "json", "DEBUG", "true"))) {
            server.start();
            Http http = new Http(server.url());
            String room = http.createRoom("Registrada", "senha-da-sala");
            try (ChatClient ana = ChatClient.connect(server.url())) {
                ana.request("entrar", new org.json.JSONObject().put("id_sala", room).put("nome_usuario", "ana")
                        .put("token", http.token(room, "senha-da-sala")));
            }
            // a wrong admin password is refused and logged (audit, throttle) without the password
            assertTrue(http.post("/api/admin/login", Map.of("senha", "errada-mas-secreta")).status() >= 400);
            int code = server.terminate(STOP_WITHIN);
            assertTrue(code == 143 || code == 0, "exit " + code);

            List<String> lines = server.log().lines().filter(line -> !line.isBlank()).toList();
            assertTrue(lines.size() >= 3, server.log());
            for (String line : lines) {
                JsonNode entry = json.readTree(line);
                for (String field : List.of("timestamp", "level", "logger", "thread", "message")) {
                    assertTrue(entry.hasNonNull(field), field + " in " + line);
                }
            }
            assertTrue(lines.stream().map(line -> field(json, line, "message")).anyMatch(m -> m.startsWith("WebTalk started: http://127.0.0.1:")),
                    server.log());
            assertTrue(lines.stream().anyMatch(line -> field(json, line, "level").equals("DEBUG")), "DEBUG=true reaches the JSON log:\n" + server.log());
            assertEquals("WebTalk stopped", field(json, lines.get(lines.size() - 1), "message"));
            for (String secret : List.of(TestServer.ADMIN_PASSWORD, "senha-da-sala", "errada-mas-secreta")) {
                assertFalse(server.log().contains(secret), "the log holds no secret");
            }
        }
    }

    private static String field(ObjectMapper json, String line, String name) {
        try {
            return json.readTree(line).path(name).asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(line, e);
        }
    }
}
