package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/**
 * Room owners and moderators over Socket.IO (issue #14), through a real server and the real Java
 * client: each power, each refusal, and what the other members see.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoomOwnersIT extends ServerTest {

    private record Owned(String id, String key, String link) {
    }

    private Owned createOwnedRoom(String name) {
        Http.Answer created = http.post("/api/salas", Map.of("nome", name, "criador", "dona"));
        assertEquals(200, created.status(), created.body());
        return new Owned(created.json().get("id_sala").asText(), created.json().get("chave_dono").asText(),
                created.json().get("link_dono").asText());
    }

    private static JSONObject joinWith(ChatClient client, String roomId, String nickname, String field, String key) {
        return client.request("entrar", new JSONObject().put("id_sala", roomId).put("nome_usuario", nickname).put(field, key));
    }

    private static JSONObject act(ChatClient client, String event, String roomId, Object... fields) {
        JSONObject payload = new JSONObject().put("id_sala", roomId);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            payload.put((String) fields[i], fields[i + 1]);
        }
        return client.request(event, payload);
    }

    private static void assertRefused(String codigo, JSONObject ack) {
        assertFalse(ack.getBoolean("ok"), ack.toString());
        assertEquals(codigo, ack.getString("codigo"), ack.toString());
    }

    @Test
    void creatingARoomGivesAnOwnerKeyAndLinkThatAreStoredOnlyAsAHash() throws Exception {
        Owned room = createOwnedRoom("Clube");
        assertTrue(room.key().matches("[A-Za-z0-9_-]{32}"), "192 random bits, URL-safe: " + room.key());
        assertEquals("/chat/" + room.id() + "#dono=" + room.key(), room.link(), "the key travels in the fragment");
        assertNotEquals(room.key(), createOwnedRoom("Outro").key());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("webtalk.db"));
             PreparedStatement query = db.prepareStatement("SELECT owner_key_hash FROM rooms WHERE id = ?")) {
            query.setString(1, room.id());
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next());
                String stored = rs.getString(1);
                assertFalse(stored.contains(room.key()), "never the key itself");
                assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(room.key().getBytes(java.nio.charset.StandardCharsets.UTF_8))), stored);
            }
        }
    }

    @Test
    void entrarWithTheOwnerKeyMakesTheMemberTheOwnerAndTellsPinsAndSlowMode() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            JSONObject owner = joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            assertTrue(owner.getBoolean("ok"), owner.toString());
            assertEquals("dono", owner.getString("papel"));
            assertEquals(0, owner.getJSONArray("fixadas").length());
            assertEquals(0, owner.getInt("modo_lento_segundos"));
            JSONObject member = bia.join(room.id(), "bia");
            assertEquals("membro", member.getString("papel"));
        }
    }

    @Test
    void aWrongKeyRefusesTheJoinWithChaveInvalidaWhicheverFieldItCameIn() {
        Owned room = createOwnedRoom("Clube");
        Owned other = createOwnedRoom("Outra");
        try (ChatClient eve = ChatClient.connect(server.url())) {
            assertRefused("chave_invalida", joinWith(eve, room.id(), "eve", "chave_dono", "chute"));
            assertRefused("chave_invalida", joinWith(eve, room.id(), "eve", "chave_moderacao", "chute"));
            assertRefused("chave_invalida", joinWith(eve, room.id(), "eve", "chave_dono", other.key()));
            assertRefused("chave_invalida", joinWith(eve, room.id(), "eve", "chave_moderacao", room.key().substring(1)));
            assertEquals("chave_invalida", eve.next("erro").getString("codigo"));
            JSONObject plain = eve.join(room.id(), "eve");
            assertTrue(plain.getBoolean("ok"), "nothing was held by the refused joins");
            assertEquals("membro", plain.getString("papel"));
        }
    }

    @Test
    void aMemberWithoutAKeyIsRefusedEveryPowerWithNaoEDono() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            bia.join(room.id(), "bia");
            long id = dona.say(room.id(), "olá").getLong("id");
            assertRefused("nao_e_dono", act(bia, "editar_sala", room.id(), "nome", "Minha"));
            assertRefused("nao_e_dono", act(bia, "fixar_mensagem", room.id(), "id", id));
            assertRefused("nao_e_dono", act(bia, "desafixar_mensagem", room.id(), "id", id));
            // excluir_mensagem without a key is the author's own deletion: someone else's message is refused as such.
            assertRefused("mensagem_de_outro", act(bia, "excluir_mensagem", room.id(), "id", id));
            assertRefused("nao_e_dono", act(bia, "expulsar", room.id(), "nome_usuario", "dona"));
            assertRefused("nao_e_dono", act(bia, "banir", room.id(), "nome_usuario", "dona", "minutos", 5));
            assertRefused("nao_e_dono", act(bia, "modo_lento", room.id(), "segundos", 10));
            assertRefused("nao_e_dono", act(bia, "encerrar_sala", room.id()));
            assertRefused("nao_e_dono", act(bia, "gerar_link_moderacao", room.id()));
            assertRefused("nao_e_dono", act(bia, "trocar_chave_dono", room.id()));
            assertTrue(bia.connected(), "refusals never drop the connection");
            assertTrue(bia.say(room.id(), "ainda aqui").getBoolean("ok"));
        }
    }

    @Test
    void theOwnerKeyOfOneRoomGivesNoPowerInAnother() {
        Owned room = createOwnedRoom("Clube");
        Owned other = createOwnedRoom("Outra");
        try (ChatClient dona = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            dona.join(other.id(), "dona");
            assertRefused("nao_e_dono", act(dona, "modo_lento", other.id(), "segundos", 10));
        }
    }

    @Test
    void theOwnerEditsTheTopicAndTheRoomIsTold() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            bia.join(room.id(), "bia");
            JSONObject ack = act(dona, "editar_sala", room.id(), "nome", "Clube do Livro", "descricao", "Capítulo 3");
            assertTrue(ack.getBoolean("ok"), ack.toString());
            JSONObject told = bia.next("sala_atualizada");
            assertEquals(room.id(), told.getString("id_sala"));
            assertEquals("Clube do Livro", told.getString("nome"));
            assertEquals("Capítulo 3", told.getString("descricao"));
            JsonNode shown = http.get("/api/salas/" + room.id()).json();
            assertEquals("Clube do Livro", shown.get("nome").asText());
            assertEquals("Capítulo 3", shown.get("descricao").asText());
            assertRefused("nome_sala_invalido", act(dona, "editar_sala", room.id(), "nome", "   "));
            assertRefused("descricao_invalida", act(dona, "editar_sala", room.id(), "descricao", "x".repeat(201)));
            createOwnedRoom("Ocupado");
            assertRefused("nome_sala_em_uso", act(dona, "editar_sala", room.id(), "nome", "ocupado"));
        }
    }

    @Test
    void theOwnerPinsAndUnpinsAndNewcomersSeeThePins() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            bia.join(room.id(), "bia");
            long id = bia.say(room.id(), "regras: sejam gentis").getLong("id");
            assertTrue(act(dona, "fixar_mensagem", room.id(), "id", id).getBoolean("ok"));
            JSONObject pinned = bia.next("mensagem_fixada");
            assertEquals(Map.of("id_sala", room.id(), "id", (int) id, "fixada", true), pinned.toMap());
            try (ChatClient caio = ChatClient.connect(server.url())) {
                JSONObject joined = caio.join(room.id(), "caio");
                assertEquals(1, joined.getJSONArray("fixadas").length());
                assertEquals("regras: sejam gentis", joined.getJSONArray("fixadas").getJSONObject(0).getString("mensagem"));
            }
            assertEquals(id, http.get("/api/salas/" + room.id()).json().get("fixadas").get(0).get("id").asLong());
            assertTrue(act(dona, "desafixar_mensagem", room.id(), "id", id).getBoolean("ok"));
            assertFalse(bia.next("mensagem_fixada").getBoolean("fixada"));
            assertEquals(0, http.get("/api/salas/" + room.id()).json().get("fixadas").size());
            assertRefused("mensagem_inexistente", act(dona, "desafixar_mensagem", room.id(), "id", id));
            assertRefused("mensagem_inexistente", act(dona, "fixar_mensagem", room.id(), "id", 9999));
            assertRefused("dados_incompletos", act(dona, "fixar_mensagem", room.id()));
        }
    }

    @Test
    void aRoomHoldsAtMost25Pins() {
        http.configure(Map.of("limite_mensagens_por_minuto", 6000));
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            for (int i = 1; i <= 26; i++) {
                long id = dona.say(room.id(), "m" + i).getLong("id");
                JSONObject ack = act(dona, "fixar_mensagem", room.id(), "id", id);
                if (i <= 25) {
                    assertTrue(ack.getBoolean("ok"), ack.toString());
                } else {
                    assertRefused("limite_fixadas", ack);
                    assertTrue(ack.getString("mensagem").contains("25"), ack.toString());
                }
            }
        }
    }

    @Test
    void theOwnerDeletesAnyonesMessage() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            bia.join(room.id(), "bia");
            long id = bia.say(room.id(), "spam").getLong("id");
            assertTrue(act(dona, "excluir_mensagem", room.id(), "id", id).getBoolean("ok"));
            assertEquals(id, bia.next("mensagem_excluida").getLong("id"));
            // A deleted message stays in history as its tombstone: no text, marked deleted.
            var history = http.get("/api/salas/" + room.id() + "/mensagens").json().get("mensagens");
            assertEquals(1, history.size());
            assertTrue(history.get(0).get("excluida").asBoolean());
            assertEquals("", history.get(0).get("mensagem").asText());
            assertRefused("mensagem_inexistente", act(dona, "excluir_mensagem", room.id(), "id", id));
        }
    }

    @Test
    void aKickReachesTheMemberAndTheRoom() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            bia.join(room.id(), "bia");
            assertTrue(act(dona, "expulsar", room.id(), "nome_usuario", "bia").getBoolean("ok"));
            JSONObject removed = bia.next("expulso");
            assertEquals("expulso", removed.getString("codigo"));
            assertEquals(room.id(), removed.getString("id_sala"));
            assertEquals("bia", dona.next("usuario_saiu").getString("nome_usuario"));
            assertRefused("fora_da_sala", bia.say(room.id(), "ainda?"));
            assertTrue(bia.join(room.id(), "bia").getBoolean("ok"), "a kick is not a ban");
            assertRefused("usuario_inexistente", act(dona, "expulsar", room.id(), "nome_usuario", "ninguem"));
        }
    }

    @Test
    void aBanReachesTheMemberAndKeepsTheNameOutForItsTime() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            bia.join(room.id(), "bia");
            JSONObject ack = act(dona, "banir", room.id(), "nome_usuario", "bia", "minutos", 10);
            assertTrue(ack.getBoolean("ok"), ack.toString());
            assertEquals("banido", bia.next("expulso").getString("codigo"));
            assertRefused("banido", bia.join(room.id(), "bia"));
            assertRefused("configuracao_invalida", act(dona, "banir", room.id(), "nome_usuario", "caio", "minutos", 0));
            assertRefused("configuracao_invalida", act(dona, "banir", room.id(), "nome_usuario", "caio", "minutos", 60 * 24 * 31));
        }
    }

    @Test
    void slowModeLetsEachMemberSendOneMessagePerPeriodButNotTheOwner() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            bia.join(room.id(), "bia");
            assertTrue(act(dona, "modo_lento", room.id(), "segundos", 30).getBoolean("ok"));
            assertEquals(30, bia.next("modo_lento_alterado").getInt("segundos"));
            assertEquals(30, http.get("/api/salas/" + room.id()).json().get("modo_lento_segundos").asInt());
            assertTrue(bia.say(room.id(), "um").getBoolean("ok"));
            JSONObject refused = bia.say(room.id(), "dois");
            assertRefused("modo_lento", refused);
            assertTrue(refused.getString("mensagem").matches(".*aguarde (30|29) s.*"), refused.getString("mensagem"));
            assertTrue(dona.say(room.id(), "a dona não espera").getBoolean("ok"));
            assertTrue(dona.say(room.id(), "nem agora").getBoolean("ok"));
            try (ChatClient caio = ChatClient.connect(server.url())) {
                assertEquals(30, caio.join(room.id(), "caio").getInt("modo_lento_segundos"));
            }
            assertTrue(act(dona, "modo_lento", room.id(), "segundos", 0).getBoolean("ok"));
            assertEquals(0, bia.next("modo_lento_alterado", e -> e.getInt("segundos") == 0).getInt("segundos"));
            assertTrue(bia.say(room.id(), "livre").getBoolean("ok"), "0 turns it off");
            assertRefused("configuracao_invalida", act(dona, "modo_lento", room.id(), "segundos", 3601));
            assertRefused("configuracao_invalida", act(dona, "modo_lento", room.id(), "segundos", -1));
        }
    }

    @Test
    void aModeratorLinkGivesEveryPowerButManagingKeys() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient mod = ChatClient.connect(server.url());
             ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            JSONObject link = act(dona, "gerar_link_moderacao", room.id());
            assertTrue(link.getBoolean("ok"), link.toString());
            String modKey = link.getString("chave_moderacao");
            assertEquals("/chat/" + room.id() + "#moderacao=" + modKey, link.getString("link_moderacao"));
            assertEquals("moderador", joinWith(mod, room.id(), "mod", "chave_moderacao", modKey).getString("papel"));
            bia.join(room.id(), "bia");
            long id = bia.say(room.id(), "oi").getLong("id");
            assertTrue(act(mod, "fixar_mensagem", room.id(), "id", id).getBoolean("ok"));
            assertTrue(act(mod, "modo_lento", room.id(), "segundos", 5).getBoolean("ok"));
            assertTrue(act(mod, "expulsar", room.id(), "nome_usuario", "bia").getBoolean("ok"));
            assertEquals("expulso", bia.next("expulso").getString("codigo"));
            assertRefused("apenas_dono", act(mod, "gerar_link_moderacao", room.id()));
            assertRefused("apenas_dono", act(mod, "trocar_chave_dono", room.id()));
        }
    }

    @Test
    void aNewModeratorLinkRevokesTheOldOneEvenForConnectedModerators() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient mod = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            String oldKey = act(dona, "gerar_link_moderacao", room.id()).getString("chave_moderacao");
            joinWith(mod, room.id(), "mod", "chave_moderacao", oldKey);
            assertTrue(act(mod, "modo_lento", room.id(), "segundos", 5).getBoolean("ok"));
            String newKey = act(dona, "gerar_link_moderacao", room.id()).getString("chave_moderacao");
            assertNotEquals(oldKey, newKey);
            assertRefused("chave_invalida", act(mod, "modo_lento", room.id(), "segundos", 0));
            try (ChatClient again = ChatClient.connect(server.url())) {
                assertRefused("chave_invalida", joinWith(again, room.id(), "mod2", "chave_moderacao", oldKey));
                assertEquals("moderador", joinWith(again, room.id(), "mod2", "chave_moderacao", newKey).getString("papel"));
            }
        }
    }

    @Test
    void rotatingTheOwnerKeyInvalidatesTheOldOne() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            JSONObject rotated = act(dona, "trocar_chave_dono", room.id());
            String newKey = rotated.getString("chave_dono");
            assertNotEquals(room.key(), newKey);
            assertEquals("/chat/" + room.id() + "#dono=" + newKey, rotated.getString("link_dono"));
            assertTrue(act(dona, "modo_lento", room.id(), "segundos", 5).getBoolean("ok"), "this connection keeps its power");
            try (ChatClient other = ChatClient.connect(server.url())) {
                assertRefused("chave_invalida", joinWith(other, room.id(), "x", "chave_dono", room.key()));
                assertEquals("dono", joinWith(other, room.id(), "x", "chave_dono", newKey).getString("papel"));
            }
        }
    }

    @Test
    void theOwnerClosesTheRoomAndEveryoneIsTold() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            bia.join(room.id(), "bia");
            assertTrue(act(dona, "encerrar_sala", room.id()).getBoolean("ok"));
            assertEquals("sala_encerrada", bia.next("sala_excluida").getString("codigo"));
            assertRefused("sala_inativa", bia.join(room.id(), "bia"));
            assertFalse(http.get("/api/salas/" + room.id()).json().get("esta_ativa").asBoolean());
        }
    }

    @Test
    void everyPowerIsAuditedWithWhoAndTheRoom() {
        Owned room = createOwnedRoom("Clube");
        String modKey;
        try (ChatClient dona = ChatClient.connect(server.url()); ChatClient mod = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            modKey = act(dona, "gerar_link_moderacao", room.id()).getString("chave_moderacao");
            joinWith(mod, room.id(), "mod", "chave_moderacao", modKey);
            act(dona, "modo_lento", room.id(), "segundos", 10);
            act(mod, "editar_sala", room.id(), "descricao", "novo tópico");
        }
        JsonNode log = http.get("/api/admin/auditoria", "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD).json();
        List<String> lines = new java.util.ArrayList<>();
        log.forEach(e -> lines.add(e.get("acao").asText() + "|" + e.get("id_sala").asText() + "|" + e.get("detalhe").asText()));
        assertTrue(lines.contains("sala_editada|" + room.id() + "|moderador"), lines.toString());
        assertTrue(lines.contains("modo_lento_alterado|" + room.id() + "|dono, 10 s"), lines.toString());
        assertTrue(lines.contains("chave_moderacao_gerada|" + room.id() + "|dono"), lines.toString());
        assertFalse(log.toString().contains(modKey) || log.toString().contains(room.key()), "never a key");
    }

    @Test
    void garbledOwnerPayloadsAreRefusedAndTheServerKeepsServing() {
        Owned room = createOwnedRoom("Clube");
        try (ChatClient dona = ChatClient.connect(server.url())) {
            joinWith(dona, room.id(), "dona", "chave_dono", room.key());
            assertRefused("dados_invalidos", act(dona, "fixar_mensagem", room.id(), "id", "abc"));
            assertRefused("dados_invalidos", act(dona, "modo_lento", room.id(), "segundos", "muito"));
            assertRefused("dados_incompletos", act(dona, "expulsar", room.id()));
            assertRefused("dados_incompletos", dona.request("editar_sala", new JSONObject()));
            assertRefused("nao_e_dono", act(dona, "modo_lento", "nao-existe", "segundos", 5));  // no key held for it: nothing looked up
            assertRefused("chave_invalida", joinWith(dona, room.id(), "dona", "chave_dono", "x".repeat(129)));
            CompletableAck garbage = new CompletableAck();
            dona.socket().emit("fixar_mensagem", new Object[]{"nao-e-objeto"}, garbage);
            assertFalse(garbage.get().getBoolean("ok"));
            assertTrue(dona.say(room.id(), "ainda funciona").getBoolean("ok"));
        }
    }

    /** An ack for a raw emit (a payload the helper would not build). */
    private static final class CompletableAck extends java.util.concurrent.CompletableFuture<JSONObject> implements io.socket.client.Ack {
        @Override
        public void call(Object... args) {
            complete((JSONObject) args[0]);
        }

        @Override
        public JSONObject get() {
            try {
                return super.get(ChatClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
