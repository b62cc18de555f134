package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;

/**
 * Poll permissions tied to room owners in real headless Chromium (issue #14): the owner panel's
 * switch hides a member's poll button on their open page (and after a reload), and the owner's
 * page offers "Encerrar enquete" on a member's poll.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class PollOwnersPageIT extends ServerTest {

    private static boolean pollButtonShown(Browser browser) {
        return browser.all("#poll-new").stream().anyMatch(b -> b.isDisplayed() && b.isEnabled());
    }

    @Test
    void theOwnersSwitchHidesAMembersPollButtonAndTheOwnerClosesAMembersPoll() {
        JsonNode created = http.post("/api/salas", Map.of("nome", "Aula", "criador", "dona")).json();
        String room = created.get("id_sala").asText();
        String key = created.get("chave_dono").asText();
        try (Browser dona = Browser.desktop(); Browser bia = Browser.desktop(); ChatClient caio = ChatClient.connect(server.url())) {
            dona.rememberNickname(server.url(), "dona");
            dona.get(server.url() + "/chat/" + room + "#dono=" + key);
            dona.awaitText("#status", "Conectado");
            dona.awaitText("#owner-role", "dono");
            bia.rememberNickname(server.url(), "bia");
            bia.get(server.url() + "/chat/" + room);
            bia.awaitText("#status", "Conectado");
            bia.await(d -> pollButtonShown(bia));

            caio.join(room, "caio");
            long poll = caio.request("criar_enquete", new JSONObject().put("id_sala", room).put("pergunta", "Entenderam?")
                    .put("opcoes", new JSONArray(List.of("Sim", "Não")))).getJSONObject("enquete").getLong("id_enquete");
            dona.click("article.poll[data-poll='" + poll + "'] button.poll-close");
            assertFalse(caio.next("enquete_atualizada", e -> e.getLong("id_enquete") == poll).getBoolean("aberta"));
            bia.awaitText("article.poll[data-poll='" + poll + "'] .state", "Encerrada");
            assertTrue(bia.all("article.poll button.poll-close").isEmpty(), "a member closes only their own polls");

            assertFalse(dona.find("#owner-polls-moderators").isSelected());
            dona.click("#owner-polls-moderators");
            assertTrue(caio.next("enquetes_configuradas").getBoolean("somente_moderadores"));
            dona.await(d -> dona.find("#owner-polls-moderators").isSelected());
            bia.await(d -> !pollButtonShown(bia));
            assertTrue(pollButtonShown(dona), "the owner still opens polls");

            bia.get(server.url() + "/");
            bia.get(server.url() + "/chat/" + room);
            bia.awaitText("#status", "Conectado");
            // The button starts disabled in the page; entrar's ack hides it (its d-none) when the setting is on.
            bia.await(d -> (Boolean) bia.script("return document.getElementById('poll-new').classList.contains('d-none')"));
            assertFalse(pollButtonShown(bia), "a member joining later learns it from entrar");

            dona.click("#owner-polls-moderators");
            bia.await(d -> pollButtonShown(bia));
            assertTrue(dona.consoleErrors().isEmpty(), dona.consoleErrors().toString());
            assertTrue(bia.consoleErrors().isEmpty(), bia.consoleErrors().toString());
        }
    }
}
