package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.support.ui.Select;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;

/**
 * The owner flow in real headless Chromium (issue #14): create a room in the lobby, open the owner
 * link in a second browser, pin a message, set slow mode, kick a member (a real Java Socket.IO client).
 * Publishes the owner's panel at 1280 px ({@code owner-panel}) and 375 px ({@code owner-panel-375}).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class OwnerPageIT extends ServerTest {

    @Test
    void theOwnerLinkGivesASecondBrowserThePowersToPinSlowDownAndKick() {
        try (Browser ana = Browser.desktop(); Browser other = Browser.desktop(); ChatClient bia = ChatClient.connect(server.url())) {
            ana.rememberNickname(server.url(), "ana");
            ana.get(server.url() + "/");
            ana.click("#open-create");
            ana.type("#create-name", "Clube do Livro");
            ana.click("#create-form button[type=submit]");
            ana.awaitText("#status", "Conectado");
            String room = ana.driver().getCurrentUrl().replaceAll(".*/chat/", "");
            ana.awaitText("#owner-role", "dono");
            ana.awaitText("#chat-alert", "Guarde este link de dono");
            String stored = (String) ana.script("return localStorage.getItem('webtalk.owner.' + arguments[0])", room);
            String key = new JSONObject(stored).getString("chave");
            assertTrue(ana.find("#chat-alert").getText().contains("/chat/" + room + "#dono=" + key));

            other.rememberNickname(server.url(), "dona2");
            other.get(server.url() + "/chat/" + room + "#dono=" + key);
            other.awaitText("#status", "Conectado");
            other.awaitText("#owner-role", "dono");
            assertFalse(other.driver().getCurrentUrl().contains("#"), "the key leaves the address bar");
            assertEquals(stored, other.script("return localStorage.getItem('webtalk.owner.' + arguments[0])", room));

            assertEquals("membro", bia.join(room, "bia").getString("papel"));
            other.awaitText("#members", "bia");
            long id = bia.say(room, "Regra 1: sejam gentis").getLong("id");
            other.awaitText("#messages", "Regra 1");
            other.click("#messages article[data-id='" + id + "'] button.pin-toggle");
            other.awaitText("#pinned", "Regra 1: sejam gentis");
            ana.awaitText("#pinned", "Regra 1: sejam gentis");
            assertTrue(bia.next("mensagem_fixada").getBoolean("fixada"));

            new Select(other.find("#owner-slow")).selectByValue("30");
            other.click("#owner-slow-apply");
            assertEquals(30, bia.next("modo_lento_alterado").getInt("segundos"));
            ana.awaitText("#slow-notice", "uma mensagem a cada 30 s");
            assertTrue(bia.say(room, "um").getBoolean("ok"));
            assertEquals("modo_lento", bia.say(room, "dois").getString("codigo"));

            other.click("#members button.kick[data-name='bia']");
            assertEquals("expulso", bia.next("expulso").getString("codigo"));
            ana.await(d -> !ana.find("#members").getText().contains("bia"));
            assertTrue(ana.consoleErrors().isEmpty(), ana.consoleErrors().toString());
            ana.publishScreenshot("owner-panel");
        }
    }

    @Test
    void aMemberSeesPinsAndSlowModeButNoControls() {
        String room;
        try (Browser bia = Browser.desktop(); ChatClient dona = ChatClient.connect(server.url())) {
            var created = http.post("/api/salas", java.util.Map.of("nome", "Aula", "criador", "dona")).json();
            room = created.get("id_sala").asText();
            dona.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "dona")
                    .put("chave_dono", created.get("chave_dono").asText()));
            long id = dona.say(room, "Entendeu?").getLong("id");
            dona.request("fixar_mensagem", new JSONObject().put("id_sala", room).put("id", id));
            dona.request("modo_lento", new JSONObject().put("id_sala", room).put("segundos", 10));
            bia.rememberNickname(server.url(), "bia");
            bia.get(server.url() + "/chat/" + room);
            bia.awaitText("#status", "Conectado");
            bia.awaitText("#pinned", "dona: Entendeu?");
            bia.awaitText("#slow-notice", "10 s");
            assertTrue(bia.all("#owner-panel").isEmpty());
            assertTrue(bia.all("button.pin-toggle").isEmpty() && bia.all("button.kick").isEmpty());
            bia.get(server.url() + "/");  // a link that differs only in its fragment would not load the page again
            bia.get(server.url() + "/chat/" + room + "#moderacao=chave-errada");
            bia.awaitText("#chat-alert", "você entrou como membro");
            bia.awaitText("#status", "Conectado");
            assertTrue(bia.all("#owner-panel").isEmpty());
        }
    }

    @Test
    void onAPhoneTheOwnersPanelFitsWithoutSidewaysScrolling() {
        try (Browser dona = Browser.phone()) {
            var created = http.post("/api/salas", java.util.Map.of("nome", "Clube no celular", "criador", "dona")).json();
            String room = created.get("id_sala").asText();
            dona.rememberNickname(server.url(), "dona");
            dona.get(server.url() + "/chat/" + room + "#dono=" + created.get("chave_dono").asText());
            dona.awaitText("#status", "Conectado");
            dona.awaitText("#owner-role", "dono");
            dona.find("#owner-slow");
            assertFalse(dona.horizontallyScrollable(), "the owner's panel fits 375 px");
            dona.script("document.getElementById('owner-panel').scrollIntoView({block: 'start'})");
            dona.publishScreenshot("owner-panel-375");
            assertTrue(dona.consoleErrors().isEmpty(), dona.consoleErrors().toString());
        }
    }
}
