package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.json.JSONObject;
import webtalk.chat.RoomSearch;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.TestServer;

/**
 * {@code GET /api/salas/{id}/busca} against a real server on SQLite: results with marked
 * excerpts, paging, the history's token rules, refusals with their codes, and the per-address
 * budget. Each test searches from its own address (X-Forwarded-For from a trusted proxy), so the
 * budget of one test never refuses another's searches.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiIT {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    private TestServer server;
    private Http http;
    private ChatClient client;
    private String room;
    private String locked;
    private final List<Long> echoes = new ArrayList<>();

    @BeforeAll
    void start() {
        server = TestServer.start(s -> s.withTrustedProxies(List.of("127.0.0.1")));
        http = new Http(server.url());
        room = http.createRoom("Busca", null);
        locked = http.createRoom("Trancada", "segredo-123");
        client = ChatClient.connect(server.url());
        client.join(room, "ana");
        client.say(room, "O avião pousou às 10h");
        client.say(room, "AVIÃO NO CÉU");
        client.say(room, "um navio no mar");
        client.say(room, "Prova de matemática amanhã, estudem a matéria toda!");
        for (int i = 0; i < 5; i++) {
            echoes.add(client.say(room, "eco " + i).getLong("id"));
        }
        JSONObject joined = client.request("entrar", new JSONObject().put("id_sala", locked).put("nome_usuario", "ana")
                .put("token", http.token(locked, "segredo-123")));
        assertTrue(joined.optBoolean("ok", true), joined.toString());
        client.say(locked, "senha do cofre");
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    /** A search from a fresh address (its own budget). */
    private Http.Answer search(String roomId, String query, String... more) {
        String address = "198.51.100." + ADDRESSES.getAndIncrement();
        return http.get("/api/salas/" + roomId + "/busca?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + String.join("", more),
                "X-Forwarded-For", address);
    }

    private static List<String> texts(JsonNode answer) {
        List<String> texts = new ArrayList<>();
        answer.get("resultados").forEach(r -> texts.add(r.get("mensagem").asText()));
        return texts;
    }

    @Test
    void findsWordsWhateverTheirAccentsAndCaseWithTheMatchesMarked() {
        Http.Answer answer = search(room, "aviao");
        assertEquals(200, answer.status(), answer.body());
        assertEquals(List.of("AVIÃO NO CÉU", "O avião pousou às 10h"), texts(answer.json()), "equal ranks: newest first");
        JsonNode first = answer.json().get("resultados").get(0);
        for (String field : new String[]{"id", "nome_usuario", "timestamp", "horario", "mensagem", "trecho"}) {
            assertTrue(first.has(field), field);
        }
        assertEquals("ana", first.get("nome_usuario").asText());
        JsonNode excerpt = first.get("trecho");
        assertEquals("AVIÃO", excerpt.get(0).get("texto").asText());
        assertTrue(excerpt.get(0).get("destaque").asBoolean());
        assertEquals(" NO CÉU", excerpt.get(1).get("texto").asText());
        assertFalse(excerpt.get(1).get("destaque").asBoolean());
        assertFalse(answer.json().get("mais").asBoolean());
    }

    @Test
    void everyWordIsNeededAndEachFindsTheWordsItBegins() {
        Http.Answer answer = search(room, "MATÉ estud");
        assertEquals(List.of("Prova de matemática amanhã, estudem a matéria toda!"), texts(answer.json()));
        long marked = 0;
        for (JsonNode segment : answer.json().get("resultados").get(0).get("trecho")) {
            if (segment.get("destaque").asBoolean()) {
                marked++;
                assertTrue(List.of("matemática", "estudem", "matéria").contains(segment.get("texto").asText()), segment.toString());
            }
        }
        assertEquals(3, marked);
        assertEquals(List.of(), texts(search(room, "aviao navio").json()));
    }

    @Test
    void pagesFollowOneAnother() {
        Http.Answer first = search(room, "eco", "&limite=2");
        Http.Answer second = search(room, "eco", "&limite=2&pagina=2");
        Http.Answer last = search(room, "eco", "&limite=2&pagina=3");
        assertEquals(List.of("eco 4", "eco 3"), texts(first.json()));
        assertTrue(first.json().get("mais").asBoolean());
        assertEquals(List.of("eco 2", "eco 1"), texts(second.json()));
        assertEquals(List.of("eco 0"), texts(last.json()));
        assertFalse(last.json().get("mais").asBoolean());
        assertEquals(echoes.get(0).longValue(), last.json().get("resultados").get(0).get("id").asLong());
    }

    @Test
    void operatorsAndQuotesAreSearchedAsWordsNeverAsSyntax() {
        for (String typed : List.of("\"", "avi*", "NEAR(a b)", "text: aviao", "a AND OR", "'; --", "\\\"x", "{room}:1", "x & !y | z:*")) {
            Http.Answer answer = search(room, typed);
            assertTrue(answer.status() == 200 || "busca_invalida".equals(answer.json().get("codigo").asText()),
                    typed + " -> " + answer.status() + " " + answer.body());
        }
        assertEquals(2, texts(search(room, "\"avi\"*").json()).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "!!!", "a b c d e f g h i"})
    void aQueryWithoutWordsOrWithTooManyIsRefused(String query) {
        Http.Answer answer = search(room, query);
        assertEquals(400, answer.status());
        assertEquals("busca_invalida", answer.json().get("codigo").asText());
    }

    @Test
    void aQueryLongerThanAHundredCharactersIsRefused() {
        assertEquals(200, search(room, "a".repeat(100)).status());
        Http.Answer answer = search(room, "a".repeat(101));
        assertEquals(400, answer.status());
        assertEquals("busca_invalida", answer.json().get("codigo").asText());
    }

    @Test
    void aMissingQueryIsRefused() {
        Http.Answer answer = http.get("/api/salas/" + room + "/busca", "X-Forwarded-For", "203.0.113.77");
        assertEquals(400, answer.status());
        assertEquals("busca_invalida", answer.json().get("codigo").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"&limite=0", "&limite=51", "&limite=x", "&pagina=0", "&pagina=-1", "&pagina=1.5", "&limite=20&pagina=51",
            "&pagina=99999999999999999999"})
    void badPagingIsRefused(String paging) {
        Http.Answer answer = search(room, "eco", paging);
        assertEquals(400, answer.status(), paging);
        assertEquals("dados_invalidos", answer.json().get("codigo").asText());
    }

    @Test
    void anUnknownRoomIsRefused() {
        Http.Answer answer = search("naoexiste", "eco");
        assertEquals(404, answer.status());
        assertEquals("sala_inexistente", answer.json().get("codigo").asText());
    }

    @Test
    void aProtectedRoomNeedsItsJoinTokenAsHistoryDoes() {
        assertEquals("token_invalido", search(locked, "cofre").json().get("codigo").asText());
        assertEquals(401, search(locked, "cofre").status());
        assertEquals(401, search(locked, "cofre", "&token=forjado.abc").status());
        String otherRoomsToken = http.token(room, "");
        assertEquals(401, search(locked, "cofre", "&token=" + otherRoomsToken).status(), "a token of another room");
        String token = http.token(locked, "segredo-123");
        Http.Answer byQuery = search(locked, "cofre", "&token=" + token);
        assertEquals(List.of("senha do cofre"), texts(byQuery.json()));
        Http.Answer byHeader = http.get("/api/salas/" + locked + "/busca?q=cofre", "Authorization", "Bearer " + token,
                "X-Forwarded-For", "203.0.113.9");
        assertEquals(List.of("senha do cofre"), texts(byHeader.json()));
    }

    @Test
    void aSearchNeverReturnsAnotherRoomsMessages() {
        String other = http.createRoom("Outra", null);
        client.join(other, "ana");
        client.say(other, "navio pirata");
        assertEquals(List.of("navio pirata"), texts(search(other, "navio").json()));
        assertEquals(List.of("um navio no mar"), texts(search(room, "navio").json()));
    }

    @Test
    void oneAddressSearchingTooFastIsToldToWait() {
        String address = "203.0.113.200";
        int accepted = 0;
        Http.Answer answer = null;
        for (int i = 0; i <= RoomSearch.BURST + 5; i++) {
            answer = http.get("/api/salas/" + room + "/busca?q=eco", "X-Forwarded-For", address);
            if (answer.status() != 200) {
                break;
            }
            accepted++;
        }
        assertEquals(429, answer.status());
        assertEquals("muitas_buscas", answer.json().get("codigo").asText());
        assertTrue(accepted >= RoomSearch.BURST && accepted <= RoomSearch.BURST + 1, "accepted " + accepted);
        assertEquals(200, search(room, "eco").status(), "another address keeps its budget");
    }
}
