package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.TestServer;

/**
 * Every bad socket input gets its {@code erro} (and refusing ack) with the exact code, while the
 * connection and a bystander in the same room keep working and nothing stored is harmed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RunsAlone
class BadSocketInputIT {

    private static final String ROOM = "ROOM";
    private TestServer server;
    private Http http;
    private String room;
    private ChatClient bystander;

    private String canaries;

    @BeforeAll
    void start() {
        server = TestServer.start();
        http = new Http(server.url());
        http.configure(Map.of("limite_mensagens_por_minuto", 6000));
        room = http.createRoom("Hostil", null);
        bystander = ChatClient.connect(server.url());
        bystander.join(room, "testemunha");
        for (String text : new String[]{"canário 1", "canário 2", "canário 3"}) {
            bystander.say(room, text);
        }
        bystander.pending("mensagem_chat");
        canaries = http.get("/api/salas/" + room + "/mensagens?limite=3").json().get("mensagens").toString();
    }

    @AfterAll
    void stop() {
        try {
            String after = http.get("/api/salas/" + room + "/mensagens?limite=3&depois=0").json().get("mensagens").toString();
            assertEquals(canaries, after, "messages stored before the hostile input are intact");
        } finally {
            bystander.close();
            server.close();
        }
    }

    static Stream<Arguments> badEntrar() {
        return Stream.of(
                Arguments.of("no fields", new JSONObject(), "dados_incompletos"),
                Arguments.of("no nickname", new JSONObject().put("id_sala", ROOM), "dados_incompletos"),
                Arguments.of("no room", new JSONObject().put("nome_usuario", "x"), "dados_incompletos"),
                Arguments.of("unknown room", new JSONObject().put("id_sala", "naoexiste").put("nome_usuario", "x"), "sala_inexistente"),
                Arguments.of("numeric room id", new JSONObject().put("id_sala", 12345).put("nome_usuario", "x"), "sala_inexistente"),
                Arguments.of("nickname is a number", new JSONObject().put("id_sala", ROOM).put("nome_usuario", 42), "dados_invalidos"),
                Arguments.of("nickname is an object", new JSONObject().put("id_sala", ROOM).put("nome_usuario", new JSONObject()), "dados_invalidos"),
                Arguments.of("blank nickname", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "   "), "dados_incompletos"),
                Arguments.of("nickname too long", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "x".repeat(31)), "nome_invalido"),
                Arguments.of("nickname with control chars", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "a\u0000b"), "nome_invalido"),
                Arguments.of("nickname taken (case-insensitive)", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "TESTEMUNHA"), "nome_em_uso"),
                Arguments.of("ultimo_id negative", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "y").put("ultimo_id", -5), "dados_invalidos"),
                Arguments.of("ultimo_id text", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "y").put("ultimo_id", "abc"), "dados_invalidos"),
                Arguments.of("SQL in room id", new JSONObject().put("id_sala", "x' OR '1'='1").put("nome_usuario", "y"), "sala_inexistente"),
                Arguments.of("room id of 10,000 characters", new JSONObject().put("id_sala", "r".repeat(10_000)).put("nome_usuario", "y"), "sala_inexistente"),
                Arguments.of("invisible nickname (zero-width space)", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "\u200B"), "nome_invalido"),
                Arguments.of("bidi override in nickname", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "adm\u202Enimda"), "nome_invalido"),
                Arguments.of("nickname of 31 emoji", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "😀".repeat(31)), "nome_invalido"),
                Arguments.of("HTML nickname, unknown room", new JSONObject().put("id_sala", "naoexiste").put("nome_usuario", "<b>x</b>"), "sala_inexistente"),
                Arguments.of("token of the wrong type", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "y").put("token", 123), "dados_invalidos"));
    }

    @ParameterizedTest(name = "entrar refused: {0}")
    @MethodSource("badEntrar")
    void badEntrarIsRefusedWithItsCode(String label, JSONObject payload, String code) {
        try (ChatClient client = ChatClient.connect(server.url())) {
            JSONObject answer = client.request("entrar", withRoom(payload));
            assertFalse(answer.getBoolean("ok"), label);
            assertEquals(code, answer.getString("codigo"), label);
            JSONObject error = client.next("erro");
            assertEquals(code, error.getString("codigo"));
            assertFalse(error.getString("mensagem").isBlank());
            assertStillServing(client);
        }
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                Arguments.of("no text", new JSONObject().put("id_sala", ROOM), "dados_incompletos"),
                Arguments.of("empty text", new JSONObject().put("id_sala", ROOM).put("mensagem", "   "), "mensagem_vazia"),
                Arguments.of("text of 501 characters", new JSONObject().put("id_sala", ROOM).put("mensagem", "x".repeat(501)), "mensagem_longa"),
                Arguments.of("text is a number", new JSONObject().put("id_sala", ROOM).put("mensagem", 7), "dados_invalidos"),
                Arguments.of("text is an array", new JSONObject().put("id_sala", ROOM).put("mensagem", new JSONArray().put("a")), "dados_invalidos"),
                Arguments.of("speaking as someone else", new JSONObject().put("id_sala", ROOM).put("nome_usuario", "testemunha").put("mensagem", "oi"), "nome_divergente"),
                Arguments.of("unknown room", new JSONObject().put("id_sala", "naoexiste").put("mensagem", "oi"), "sala_inexistente"),
                Arguments.of("client id too long", new JSONObject().put("id_sala", ROOM).put("mensagem", "oi").put("id_cliente", "c".repeat(65)), "dados_invalidos"));
    }

    @ParameterizedTest(name = "mensagem_chat refused: {0}")
    @MethodSource("badMessages")
    void badMessageIsRefusedWithItsCode(String label, JSONObject payload, String code) {
        try (ChatClient client = ChatClient.connect(server.url())) {
            client.join(room, "autor");
            JSONObject answer = client.request("mensagem_chat", withRoom(payload));
            assertFalse(answer.getBoolean("ok"), label);
            assertEquals(code, answer.getString("codigo"), label);
            assertEquals(code, client.next("erro").getString("codigo"));
            assertStillServing(client);
        }
    }

    @Test
    void messageBeforeEntrarIsRefused() {
        try (ChatClient client = ChatClient.connect(server.url())) {
            JSONObject answer = client.say(room, "cheguei?");
            assertEquals("fora_da_sala", answer.getString("codigo"));
            assertStillServing(client);
        }
    }

    @Test
    void tooLongMessageKeepsTheOriginalText() {
        try (ChatClient client = ChatClient.connect(server.url())) {
            client.join(room, "prolixo");
            client.request("mensagem_chat", new JSONObject().put("id_sala", room).put("mensagem", "x".repeat(600)));
            JSONObject error = client.next("erro");
            assertEquals("Mensagem muito longa (máximo 500 caracteres)", error.getString("mensagem"));
            assertEquals("mensagem_longa", error.getString("codigo"));
        }
    }

    @Test
    void payloadThatIsNotAnObjectIsRefused() {
        try (ChatClient client = ChatClient.connect(server.url())) {
            client.send("entrar", "só uma string");
            assertEquals("dados_invalidos", client.next("erro").getString("codigo"));
            client.socket().emit("entrar");
            assertEquals("dados_incompletos", client.next("erro").getString("codigo"));
            assertStillServing(client);
        }
    }

    @Test
    void hostileTextIsStoredAndEchoedVerbatimAsData() {
        try (ChatClient client = ChatClient.connect(server.url())) {
            client.join(room, "hostil");
            String[] texts = {"<img src=x onerror=alert(1)>", "'; DROP TABLE messages; --", "emoji 😀 e acentuação ção", "\u202Eevil"};
            for (String text : texts) {
                assertTrue(client.say(room, text).getBoolean("ok"));
                assertEquals(text, bystander.next("mensagem_chat", m -> m.getString("nome_usuario").equals("hostil")).getString("mensagem"));
            }
        }
        assertTrue(http.get("/api/salas").status() == 200, "store still readable after injection strings");
    }

    @Test
    void emojiNicknameWithJoinerIsAccepted() {
        try (ChatClient client = ChatClient.connect(server.url())) {
            assertTrue(client.join(room, "👩\u200D💻 dev").getBoolean("ok"));
        }
    }

    @Test
    void exactly500CharactersIsAccepted() {
        try (ChatClient client = ChatClient.connect(server.url())) {
            client.join(room, "limite");
            assertTrue(client.say(room, "é".repeat(500)).getBoolean("ok"));
        }
    }

    private JSONObject withRoom(JSONObject payload) {
        if (ROOM.equals(payload.opt("id_sala"))) {
            payload.put("id_sala", room);
        }
        return payload;
    }

    /** The offending client can still chat, and the bystander sees it. */
    private void assertStillServing(ChatClient client) {
        String nick = "ok" + System.nanoTime() % 100000;
        assertTrue(client.join(room, nick).getBoolean("ok"), "the connection still works");
        String text = "ainda funciona " + nick;
        assertTrue(client.say(room, text).getBoolean("ok"));
        assertEquals(text, bystander.next("mensagem_chat", m -> m.getString("mensagem").equals(text)).getString("mensagem"));
        client.request("sair", new JSONObject().put("id_sala", room));
    }
}
