package webtalk.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static webtalk.hostile.Expect.accepted;
import static webtalk.hostile.Expect.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.json.JSONArray;
import org.json.JSONObject;
import webtalk.support.ChatClient;

/** The chat events with hostile fields, sent by the real Java Socket.IO client. */
final class ChatAttacks {

    private ChatAttacks() {
    }

    static List<Attack> all() {
        return List.of(
                badJoin("entrar with no fields", "dados_incompletos", a -> new JSONObject()),
                badJoin("entrar with a 31-character nickname", "nome_invalido", a -> join(a.target.publicRoom, "x".repeat(31))),
                badJoin("entrar with a numeric nickname", "dados_invalidos", a -> join(a.target.publicRoom, 42)),
                badJoin("entrar with an array as nickname", "dados_invalidos", a -> join(a.target.publicRoom, new JSONArray().put("a"))),
                badJoin("entrar with a 60,000-character room id", "sala_inexistente", a -> join("r".repeat(60_000), "longo")),
                badJoin("entrar with SQL in the room id", "sala_inexistente", a -> join("x' OR '1'='1", "sql")),
                badJoin("entrar with a zero-width-space nickname", "nome_invalido", a -> join(a.target.publicRoom, "\u200B")),
                badJoin("entrar with a bidi-override nickname", "nome_invalido", a -> join(a.target.publicRoom, "adm\u202Enimda")),
                badJoin("entrar with a negative ultimo_id", "dados_invalidos", a -> join(a.target.publicRoom, Arena.unique("neg")).put("ultimo_id", -1)),
                badJoin("protected room without a token", "token_invalido", a -> join(a.target.protectedRoom, Arena.unique("intruso"))),
                badJoin("protected room with a forged token", "token_invalido",
                        a -> join(a.target.protectedRoom, Arena.unique("forja")).put("token", "eyJzYWxhIjoiY29mcmUifQ.AAAAAAAAAAAAAAAA")),
                badJoin("protected room with another room's token", "token_invalido",
                        a -> join(a.target.protectedRoom, Arena.unique("outro")).put("token", a.http().token(a.target.publicRoom, "x"))),
                badJoin("protected room with a real token, one character changed", "token_invalido",
                        a -> join(a.target.protectedRoom, Arena.unique("mexido")).put("token", tampered(a.http().token(a.target.protectedRoom, Target.ROOM_PASSWORD)))),
                badMessage("speaking as someone else", "nome_divergente", m -> m.put("nome_usuario", "testemunha1").put("mensagem", "sou outro")),
                badMessage("a message of 501 characters", "mensagem_longa", m -> m.put("mensagem", "x".repeat(501))),
                badMessage("a message that is an object", "dados_invalidos", m -> m.put("mensagem", new JSONObject().put("a", 1))),
                badMessage("id_cliente of 65 characters", "dados_invalidos", m -> m.put("mensagem", "oi").put("id_cliente", "c".repeat(65))),
                Attack.of("chat: mensagem_chat before entrar → fora_da_sala", "main", a -> {
                    ChatClient client = a.chat();
                    refused(client, client.say(a.target.publicRoom, "cheguei?"), "fora_da_sala");
                }),
                Attack.of("chat: XSS string is stored and sent back verbatim, as data", "main",
                        a -> storedVerbatim(a, "<img src=x onerror=alert(1)><script>alert(2)</script>")),
                Attack.of("chat: SQL-injection string is stored and sent back verbatim", "main",
                        a -> storedVerbatim(a, "'); DELETE FROM messages; SELECT ('")),
                Attack.of("chat: sair with 2,000 new 1,000-character room ids are all answered and the connection stays", "main", a -> {
                    ChatClient client = a.chat(new String[]{"websocket"});
                    for (int i = 0; i < 1999; i++) {
                        client.send("sair", new JSONObject().put("id_sala", i + "-" + "s".repeat(1000)));
                    }
                    JSONObject last = client.request("sair", new JSONObject().put("id_sala", "ultimo-" + "s".repeat(1000)));
                    assertTrue(last.getBoolean("ok") || Set.of("sala_inexistente", "fora_da_sala").contains(last.optString("codigo")), last.toString());
                    assertTrue(client.connected());
                }),
                Attack.of("chat: message flood past the rate limit → limite_mensagens, then the flooder is disconnected", "main", ChatAttacks::flood),
                Attack.of("chat: digitando flood (2,000 at once) reaches a polling member as a few events, not 2,000", "h-limits", ChatAttacks::typingFlood),
                Attack.of("chat: entrar with ultimo_id 0, 50 times, is cut off with limite_entradas", "h-limits", ChatAttacks::replayFlood),
                lookAlike("Cyrillic look-alike of an online nickname", "ana", "\u0430na", Set.of("nome_em_uso")),
                lookAlike("fullwidth copy of an online nickname", "bob", "\uFF42\uFF4F\uFF42", Set.of("nome_em_uso")),
                lookAlike("decomposed (NFD) copy of an online nickname", "jos\u00E9", "jose\u0301", Set.of("nome_em_uso")),
                lookAlike("online nickname plus U+034F", "rui", "rui\u034F", Set.of("nome_em_uso", "nome_invalido")),
                lookAlike("online nickname plus U+FE0F", "ivo", "ivo\uFE0F", Set.of("nome_em_uso", "nome_invalido")),
                badNickname("a nickname of U+3164 HANGUL FILLER", "\u3164\u3164"),
                badNickname("a nickname of U+2800 BRAILLE BLANK", "\u2800"),
                badNickname("a nickname of combining marks alone", "\u0301\u0302\u0303"),
                Attack.of("names: a banned 'troll' comes back as a look-alike → banido", "h-names", a -> {
                    String room = a.room(Arena.unique("Banimento"));
                    a.member(room, "troll");
                    assertEquals(200, a.http().post("/api/admin/salas/" + room + "/banir", Map.of("nome_usuario", "troll", "minutos", 5),
                            Arena.BEARER).status());
                    ChatClient back = a.chat();
                    refused(back, back.join(room, "tr\u043Ell"), "banido");
                }),
                invisibleMessage("a message of zero-width characters only", "\u200B\u200C\u2060"),
                invisibleMessage("a message that is only a BOM", "\uFEFF"));
    }

    interface Payload {
        JSONObject build(Arena arena);
    }

    private static JSONObject join(String room, Object nickname) {
        return new JSONObject().put("id_sala", room).put("nome_usuario", nickname);
    }

    /** One character of the signature changed; not the last one, whose low bits base64 may ignore. */
    private static String tampered(String token) {
        int at = token.length() - 2;
        return token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    private static Attack badJoin(String name, String code, Payload payload) {
        return Attack.of("chat: " + name + " → " + code, "main", a -> {
            ChatClient client = a.chat();
            refused(client, client.request("entrar", payload.build(a)), code);
            assertTrue(client.join(a.target.publicRoom, Arena.unique("depois")).getBoolean("ok"), "the same connection can still join");
        });
    }

    interface Message {
        JSONObject fill(JSONObject message);
    }

    private static Attack badMessage(String name, String code, Message message) {
        return Attack.of("chat: " + name + " → " + code, "main", a -> {
            ChatClient client = a.member(a.target.publicRoom, Arena.unique("autor"));
            refused(client, client.request("mensagem_chat", message.fill(new JSONObject().put("id_sala", a.target.publicRoom))), code);
            accepted(client.say(a.target.publicRoom, "ainda posso falar"));
        });
    }

    private static Attack lookAlike(String name, String original, String copy, Set<String> codes) {
        return Attack.of("names: " + name + " → " + String.join(" or ", codes), "h-names", a -> {
            String room = a.room(Arena.unique("Sosia"));
            a.member(room, original);
            ChatClient impostor = a.chat();
            JSONObject answer = impostor.join(room, copy);
            Expect.refusedWithOneOf(answer, codes);
        });
    }

    private static Attack badNickname(String name, String nickname) {
        return Attack.of("names: " + name + " → nome_invalido", "h-names", a -> {
            ChatClient client = a.chat();
            refused(client, client.join(a.target.publicRoom, nickname), "nome_invalido");
        });
    }

    private static Attack invisibleMessage(String name, String text) {
        return Attack.of("names: " + name + " → mensagem_vazia", "h-names", a -> {
            ChatClient client = a.member(a.target.publicRoom, Arena.unique("mudo"));
            refused(client, client.say(a.target.publicRoom, text), "mensagem_vazia");
        });
    }

    private static void storedVerbatim(Arena a, String text) {
        String room = a.room(Arena.unique("Verbatim"));
        ChatClient author = a.member(room, "hostil");
        ChatClient reader = a.member(room, "leitor");
        accepted(author.say(room, text));
        assertEquals(text, reader.next("mensagem_chat", m -> m.getString("nome_usuario").equals("hostil")).getString("mensagem"));
        JsonNode stored = a.http().get("/api/salas/" + room + "/mensagens").json().get("mensagens");
        assertEquals(1, stored.size());
        assertEquals(text, stored.get(0).get("mensagem").asText());
    }

    private static void flood(Arena a) {
        a.http().configure(Map.of("limite_mensagens_por_minuto", 60));
        try {
            String room = a.room(Arena.unique("Inundada"));
            ChatClient flooder = a.member(room, "flood");
            ChatClient ana = a.member(room, "ana");
            for (int i = 0; i < 80 && flooder.connected(); i++) {
                flooder.send("mensagem_chat", new JSONObject().put("id_sala", room).put("mensagem", "spam " + i));
            }
            flooder.next("erro", e -> e.getString("codigo").equals("limite_mensagens"));
            assertEquals("flood", ana.next("usuario_saiu", e -> e.getString("nome_usuario").equals("flood")).getString("nome_usuario"),
                    "the flooder was disconnected");
            List<JSONObject> spam = ana.pending("mensagem_chat");
            assertTrue(spam.size() <= 15 + 5, "at most a burst got through: " + spam.size());
            accepted(ana.say(room, "ainda posso falar"));
        } finally {
            a.http().configure(Map.of("limite_mensagens_por_minuto", 6000));
        }
    }

    private static void typingFlood(Arena a) {
        String room = a.room(Arena.unique("Digitando"));
        ChatClient watcher = a.chat(new String[]{"polling"});
        accepted(watcher.join(room, "vigia"));
        ChatClient typist = a.member(room, "digitador");
        long start = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            typist.send("digitando", new JSONObject().put("id_sala", room));
        }
        accepted(typist.say(room, "terminei"));
        assertEquals("terminei", watcher.next("mensagem_chat", m -> m.getString("mensagem").equals("terminei")).getString("mensagem"),
                "the polling member is still served");
        double seconds = (System.nanoTime() - start) / 1e9;
        int typing = watcher.pending("digitando").size();
        assertTrue(typing <= 5 + 5 * Math.ceil(seconds), typing + " digitando events fanned out in " + seconds + " s");
        assertTrue(watcher.connected());
    }

    private static void replayFlood(Arena a) {
        String room = a.room(Arena.unique("Historico"));
        ChatClient author = a.chat(new String[]{"websocket"});
        accepted(author.join(room, "autor"));
        for (int i = 0; i < 199; i++) {
            author.send("mensagem_chat", new JSONObject().put("id_sala", room).put("mensagem", "historia " + i));
        }
        accepted(author.say(room, "historia final"));
        ChatClient replayer = a.chat(new String[]{"websocket"});
        boolean cutOff = false;
        for (int i = 0; i < 50 && !cutOff; i++) {
            JSONObject answer = replayer.request("entrar", join(room, "releitor").put("ultimo_id", 0));
            cutOff = !answer.getBoolean("ok");
            if (cutOff) {
                assertEquals("limite_entradas", answer.getString("codigo"), answer.toString());
            }
        }
        assertTrue(cutOff, "50 full replays of 200 messages were all served");
        assertFalse(replayer.pending("mensagem_chat").size() >= 50 * 200);
    }
}
