package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/** The panel's "Moderar" view of a room over real HTTP: members, bans and lifting them, messages, audit with names. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoomModerationIT extends ServerTest {

    private static final String[] ADMIN = {"Authorization", "Bearer " + TestServer.ADMIN_PASSWORD};
    private String room;

    @BeforeEach
    void createRoom() {
        room = http.createRoom("Clube de xadrez", null);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    @Test
    void membersListsEveryoneOnlineWithTheirAddressAndNoBan() {
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            Http.Answer answer = http.get("/api/admin/salas/" + room + "/membros", ADMIN);
            assertEquals(200, answer.status(), answer.body());
            assertEquals(room, answer.json().get("id_sala").asText());
            JsonNode members = answer.json().get("membros");
            assertEquals(List.of("ana", "bia"), texts(members, "nome_usuario"));
            assertEquals("127.0.0.1", members.get(0).get("endereco").asText());
            assertTrue(members.get(0).get("banido_ate").isNull());
        }
    }

    @Test
    void aMemberCoveredByAnAddressBanShowsWhenTheBanEnds() {
        try (ChatClient troll = ChatClient.connect(server.url()); ChatClient twin = ChatClient.connect(server.url())) {
            troll.join(room, "troll");
            twin.join(room, "gemeo");  // same address (loopback) as troll
            assertEquals(200, http.post("/api/admin/salas/" + room + "/banir",
                    Map.of("nome_usuario", "troll", "minutos", 90, "banir_endereco", true), ADMIN).status());
            troll.next("expulso");
            JsonNode members = http.get("/api/admin/salas/" + room + "/membros", ADMIN).json().get("membros");
            assertEquals(List.of("gemeo"), texts(members, "nome_usuario"));
            Instant until = Instant.parse(members.get(0).get("banido_ate").asText());
            assertTrue(until.isAfter(Instant.now().plus(Duration.ofMinutes(89))), until.toString());
        }
    }

    @Test
    void bansInForceAreListedAndALiftedBanLetsTheNameBackAndIsAudited() {
        try (ChatClient troll = ChatClient.connect(server.url())) {
            troll.join(room, "troll");
            assertEquals(200, http.post("/api/admin/salas/" + room + "/banir",
                    Map.of("nome_usuario", "troll", "minutos", 60 * 24, "banir_endereco", true), ADMIN).status());
            troll.next("expulso");
            JsonNode bans = http.get("/api/admin/salas/" + room + "/banimentos", ADMIN).json().get("banimentos");
            assertEquals(List.of("nome_usuario", "endereco"), texts(bans, "tipo"));
            assertEquals(List.of("troll", "127.0.0.1"), texts(bans, "valor"));
            assertTrue(Instant.parse(bans.get(0).get("ate").asText()).isAfter(Instant.now().plus(Duration.ofHours(23))));
            assertEquals("banido", troll.join(room, "troll").getString("codigo"));

            for (JsonNode ban : bans) {
                Http.Answer lifted = http.delete("/api/admin/salas/" + room + "/banimentos/" + ban.get("id").asLong(), ADMIN);
                assertEquals(200, lifted.status(), lifted.body());
            }
            assertEquals(0, http.get("/api/admin/salas/" + room + "/banimentos", ADMIN).json().get("banimentos").size());
            assertTrue(troll.join(room, "troll").getBoolean("ok"), "the lifted ban no longer refuses the name");

            Http.Answer again = http.delete("/api/admin/salas/" + room + "/banimentos/" + bans.get(0).get("id").asLong(), ADMIN);
            assertEquals(404, again.status());
            assertEquals("banimento_inexistente", again.json().get("codigo").asText());
        }
        JsonNode audit = http.get("/api/admin/auditoria", ADMIN).json();
        JsonNode newest = audit.get(0);
        assertEquals("banimento_revogado", newest.get("acao").asText());
        assertEquals(room, newest.get("id_sala").asText());
        assertEquals("Clube de xadrez", newest.get("nome_sala").asText());
    }

    @Test
    void auditItemsNameTheRoomAndKeepNullForAnActionWithoutOne() {
        http.post("/api/admin/salas/" + room + "/encerrar", Map.of(), ADMIN);
        http.post("/api/admin/login", Map.of("senha", "errada"));
        JsonNode audit = http.get("/api/admin/auditoria", ADMIN).json();
        assertEquals("login_recusado", audit.get(0).get("acao").asText());
        assertTrue(audit.get(0).get("nome_sala").isNull());
        assertEquals("sala_encerrada", audit.get(1).get("acao").asText());
        assertEquals("Clube de xadrez", audit.get(1).get("nome_sala").asText(), "a closed room keeps its name");
    }

    @Test
    void messagesPageBackFromTheNewestEvenInAProtectedRoom() {
        String locked = http.createRoom("Trancada", "segredo-123");
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.request("entrar", new org.json.JSONObject().put("id_sala", locked).put("nome_usuario", "ana")
                    .put("token", http.token(locked, "segredo-123")));
            for (int i = 1; i <= 5; i++) {
                ana.say(locked, "m" + i);
            }
        }
        assertEquals(401, http.get("/api/salas/" + locked + "/mensagens").status(), "the public history needs the token");
        JsonNode newest = http.get("/api/admin/salas/" + locked + "/mensagens?limite=2", ADMIN).json();
        assertEquals(List.of("m4", "m5"), texts(newest.get("mensagens"), "mensagem"));
        assertTrue(newest.get("mais").asBoolean());
        long oldestShown = newest.get("mensagens").get(0).get("id").asLong();
        JsonNode older = http.get("/api/admin/salas/" + locked + "/mensagens?limite=10&antes=" + oldestShown, ADMIN).json();
        assertEquals(List.of("m1", "m2", "m3"), texts(older.get("mensagens"), "mensagem"));
        assertFalse(older.get("mais").asBoolean());
    }

    @Test
    void everyViewRouteRefusesWithoutTheAdmin() {
        for (String path : new String[]{"/membros", "/banimentos", "/mensagens"}) {
            Http.Answer answer = http.get("/api/admin/salas/" + room + path);
            assertEquals(401, answer.status(), path);
            assertEquals("nao_autorizado", answer.json().get("codigo").asText());
            assertEquals(401, http.get("/api/admin/salas/" + room + path, "Authorization", "Bearer errada").status());
        }
        assertEquals(401, http.delete("/api/admin/salas/" + room + "/banimentos/1").status());
    }

    @Test
    void liftingNeedsTheCsrfTokenWithASessionCookie() {
        Http.Answer login = http.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD));
        String cookie = login.header("Set-Cookie").substring(0, login.header("Set-Cookie").indexOf(';'));
        assertEquals(200, http.get("/api/admin/salas/" + room + "/banimentos", "Cookie", cookie).status());
        Http.Answer noCsrf = http.delete("/api/admin/salas/" + room + "/banimentos/1", "Cookie", cookie);
        assertEquals(403, noCsrf.status());
        assertEquals("csrf_invalido", noCsrf.json().get("codigo").asText());
        Http.Answer withCsrf = http.delete("/api/admin/salas/" + room + "/banimentos/1", "Cookie", cookie,
                "X-CSRF-Token", login.json().get("csrf").asText());
        assertEquals(404, withCsrf.status(), "authorised, but there is no such ban");
    }

    @Test
    void unknownRoomsAndBadIdsAreRefusedWithTheirCodes() {
        for (String path : new String[]{"/membros", "/banimentos", "/mensagens"}) {
            Http.Answer unknown = http.get("/api/admin/salas/nao-existe" + path, ADMIN);
            assertEquals(404, unknown.status(), path);
            assertEquals("sala_inexistente", unknown.json().get("codigo").asText());
            assertEquals(404, http.get("/api/admin/salas/" + "x".repeat(300) + path, ADMIN).status());
        }
        assertEquals("sala_inexistente", http.delete("/api/admin/salas/nao-existe/banimentos/1", ADMIN).json().get("codigo").asText());
        for (String badId : new String[]{"abc", "-1", "1.5", "99999999999999999999999", "0x10"}) {
            Http.Answer bad = http.delete("/api/admin/salas/" + room + "/banimentos/" + badId, ADMIN);
            assertEquals(404, bad.status(), badId);
            assertEquals("banimento_inexistente", bad.json().get("codigo").asText(), badId);
        }
        for (String query : new String[]{"limite=0", "limite=101", "limite=abc", "antes=-5", "antes=x"}) {
            Http.Answer bad = http.get("/api/admin/salas/" + room + "/mensagens?" + query, ADMIN);
            assertEquals(400, bad.status(), query);
            assertEquals("dados_invalidos", bad.json().get("codigo").asText(), query);
        }
        assertEquals(200, http.get("/api/salas").status(), "the server keeps serving");
    }
}
