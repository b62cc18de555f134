package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.TestServer;

/**
 * Names that look like another are the other: a look-alike of an online nickname, of a banned
 * nickname or of an existing room name is refused, and so are names and messages that show
 * nothing. After each attempt a bystander in the room still chats.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookAlikeNamesIT {

    private static final String[] ADMIN = {"Authorization", "Bearer " + TestServer.ADMIN_PASSWORD};
    private final AtomicInteger said = new AtomicInteger();
    private TestServer server;
    private Http http;

    @BeforeAll
    void start() {
        server = TestServer.start();
        http = new Http(server.url());
        http.configure(Map.of("limite_mensagens_por_minuto", 6000));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void lookAlikeOfAnOnlineNicknameIsTakenUntilTheOriginalLeaves() {
        String room = http.createRoom("Sósias", null);
        try (ChatClient ana = ChatClient.connect(server.url());
             ChatClient jose = ChatClient.connect(server.url());
             ChatClient bystander = ChatClient.connect(server.url());
             ChatClient impostor = ChatClient.connect(server.url())) {
            assertTrue(ana.join(room, "ana").getBoolean("ok"));
            assertTrue(jose.join(room, "José").getBoolean("ok"));
            assertTrue(bystander.join(room, "testemunha").getBoolean("ok"));
            List<String> lookAlikes = List.of("\u0430na", "\u0430n\u0430", "\uff41\uff4e\uff41", "ANA", "\u0410NA", "ana\u00a0", "Jose\u0301", "JOSÉ");
            for (String lookAlike : lookAlikes) {
                JSONObject refused = impostor.join(room, lookAlike);
                assertFalse(refused.getBoolean("ok"), lookAlike);
                assertEquals("nome_em_uso", refused.getString("codigo"), lookAlike);
                assertEquals("nome_em_uso", impostor.next("erro").getString("codigo"));
                stillChats(room, bystander, ana);
            }
            assertTrue(ana.request("sair", new JSONObject().put("id_sala", room)).getBoolean("ok"));
            JSONObject joined = impostor.join(room, "\u0430na");
            assertTrue(joined.getBoolean("ok"), "the name is free once its holder left");
            assertEquals("\u0430na", joined.getString("nome_usuario"), "kept as typed");
            assertEquals("\u0430na", bystander.next("usuario_entrou", e -> e.getString("nome_usuario").equals("\u0430na")).getString("nome_usuario"));
            stillChats(room, bystander, impostor);
        }
    }

    @Test
    void bannedNicknameCannotReturnAsALookAlike() {
        String room = http.createRoom("Sem trolls", null);
        try (ChatClient troll = ChatClient.connect(server.url());
             ChatClient bystander = ChatClient.connect(server.url());
             ChatClient listener = ChatClient.connect(server.url())) {
            troll.join(room, "troll");
            bystander.join(room, "testemunha");
            listener.join(room, "ouvinte");
            Http.Answer banned = http.post("/api/admin/salas/" + room + "/banir", Map.of("nome_usuario", "troll", "minutos", 30), ADMIN);
            assertEquals(200, banned.status(), banned.body());
            assertEquals("banido", troll.next("expulso").getString("codigo"));
            for (String lookAlike : List.of("tr\u043ell", "\uff54\uff52\uff4f\uff4c\uff4c", "TROLL", "tr0ll", "Tr\u03bfll", "tro11", "tr\u043e\u04cf\u04cf")) {
                JSONObject refused = troll.join(room, lookAlike);
                assertEquals("banido", refused.optString("codigo"), lookAlike);
                stillChats(room, bystander, listener);
            }
            assertEquals("nome_invalido", troll.join(room, "troll\u034f").optString("codigo"), "invisible padding is no way round either");
            stillChats(room, bystander, listener);
            assertTrue(troll.join(room, "arrependido").getBoolean("ok"), "a nickname ban, not an address ban");
        }
    }

    @Test
    void lookAlikeRoomNamesAreTaken() {
        String original = http.createRoom("Matemática", null);
        try (ChatClient bystander = ChatClient.connect(server.url()); ChatClient listener = ChatClient.connect(server.url())) {
            bystander.join(original, "testemunha");
            listener.join(original, "ouvinte");
            List<String> lookAlikes = List.of(
                    "MATEMÁTICA",                                  // case
                    "Matema\u0301tica",                            // NFD
                    "M\u0430tem\u00e1tica",                        // Cyrillic а
                    "\uff2d\uff41\uff54\uff45\uff4d\u00e1\uff54\uff49\uff43\uff41", // fullwidth
                    "Mat\u0435m\u00e1tica",                        // Cyrillic е
                    "Matem\u00e1t\u0456\u0441a",                   // Cyrillic і and с
                    "Maternática");                                // rn posing as m
            for (String lookAlike : lookAlikes) {
                Http.Answer refused = http.post("/api/salas", Map.of("nome", lookAlike, "criador", "outro"));
                assertEquals(409, refused.status(), lookAlike + ": " + refused.body());
                assertEquals("nome_sala_em_uso", refused.json().get("codigo").asText(), lookAlike);
                stillChats(original, bystander, listener);
            }
            long named = 0;
            for (var room : http.get("/api/salas").json()) {
                named += room.get("nome").asText().toLowerCase().startsWith("mat") || room.get("nome").asText().startsWith("\uff2d") ? 1 : 0;
            }
            assertEquals(1, named, "no look-alike room was created");
            assertEquals(200, http.post("/api/salas", Map.of("nome", "Matemática II", "criador", "prof")).status(), "a different name is free");
        }
    }

    @Test
    void invisibleNamesAreRefused() {
        String room = http.createRoom("Visíveis", null);
        List<String> invisible = List.of("\u3164", "\u3164\u3164", "\u115f\u1160", "\uffa0", "\u2800", "\u0301\u0302", "\u200b",
                "\ufeff", "\u200d", "ana\u034f", "ana\ufe0f", "ana\u3164", "ana\u2800", "\u0301ana");
        try (ChatClient bystander = ChatClient.connect(server.url());
             ChatClient listener = ChatClient.connect(server.url());
             ChatClient ghost = ChatClient.connect(server.url())) {
            bystander.join(room, "testemunha");
            listener.join(room, "ouvinte");
            for (String name : invisible) {
                String shown = name.codePoints().mapToObj(cp -> String.format("U+%04X", cp)).toList().toString();
                JSONObject refused = ghost.join(room, name);
                assertEquals("nome_invalido", refused.optString("codigo"), shown);
                assertEquals("nome_invalido", ghost.next("erro").getString("codigo"), shown);

                Http.Answer badRoom = http.post("/api/salas", Map.of("nome", name, "criador", "ana"));
                assertEquals(400, badRoom.status(), shown);
                assertEquals("nome_sala_invalido", badRoom.json().get("codigo").asText(), shown);
                Http.Answer badCreator = http.post("/api/salas", Map.of("nome", "Sala " + said.get(), "criador", name));
                assertEquals("criador_invalido", badCreator.json().get("codigo").asText(), shown);
                stillChats(room, bystander, listener);
            }
            assertTrue(ghost.join(room, "👩\u200d💻 ana ❤️").getBoolean("ok"), "emoji sequences are still fine");
        }
    }

    @Test
    void messagesThatShowNothingAreRefusedAndNotStored() {
        String room = http.createRoom("Mensagens visíveis", null);
        try (ChatClient ghost = ChatClient.connect(server.url());
             ChatClient bystander = ChatClient.connect(server.url());
             ChatClient listener = ChatClient.connect(server.url())) {
            ghost.join(room, "fantasma");
            bystander.join(room, "testemunha");
            listener.join(room, "ouvinte");
            for (String text : List.of("\u200b\u200b\u200b", "\ufeff", "\u200d\u200c\u2060", "\u3164", "\u2800\u2800", "\u0301\u0308",
                    "\u00a0\u202f", "\ufe0f\u034f", "\u202e\u200e", " \u200b \ufeff ")) {
                String shown = text.codePoints().mapToObj(cp -> String.format("U+%04X", cp)).toList().toString();
                JSONObject refused = ghost.say(room, text);
                assertFalse(refused.getBoolean("ok"), shown);
                assertEquals("mensagem_vazia", refused.getString("codigo"), shown);
                assertEquals("mensagem_vazia", ghost.next("erro").getString("codigo"), shown);
                stillChats(room, bystander, listener);
            }
            assertTrue(ghost.say(room, "\u200bagora sim").getBoolean("ok"), "a visible character makes it a message");
            listener.next("mensagem_chat", m -> m.getString("nome_usuario").equals("fantasma"));
            for (var message : http.get("/api/salas/" + room + "/mensagens?limite=100").json().get("mensagens")) {
                String author = message.get("nome_usuario").asText();
                assertTrue(author.equals("testemunha") || message.get("mensagem").asText().equals("\u200bagora sim"),
                        "only visible messages stored: " + message);
            }
        }
    }

    /** The speaker's fresh message reaches the hearer: the room still works. */
    private void stillChats(String room, ChatClient speaker, ChatClient hearer) {
        String text = "ainda aqui " + said.incrementAndGet();
        assertTrue(speaker.say(room, text).getBoolean("ok"), text);
        assertEquals(text, hearer.next("mensagem_chat", m -> m.getString("mensagem").equals(text)).getString("mensagem"));
    }
}
