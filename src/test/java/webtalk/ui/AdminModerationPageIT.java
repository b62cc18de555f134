package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/** The admin panel's "Moderar" dialog in a real Chromium: members, kick, ban for a time, lift, delete, paging, audit in words. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminModerationPageIT extends ServerTest {

    private void login(Browser admin) {
        admin.get(server.url() + "/admin");
        admin.type("#admin-password", TestServer.ADMIN_PASSWORD);
        admin.click("#login-form button[type=submit]");
    }

    /** The members list is redrawn when it changes (polled): a button found just before a redraw goes stale, so try again. */
    private static void clickInList(Browser admin, String css) {
        admin.await(d -> {
            try {
                admin.click(css);
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                return null;
            }
        });
    }

    @Test
    void adminModeratesARoomFromItsDialog() {
        http.configure(Map.of("limite_mensagens_por_minuto", 6000));
        String room = http.createRoom("Clube de leitura", null);
        try (Browser admin = Browser.desktop(); ChatClient ana = ChatClient.connect(server.url());
             ChatClient troll = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            troll.join(room, "troll");
            for (int i = 1; i <= 32; i++) {
                ana.say(room, "mensagem " + i);
            }
            long offensive = troll.say(room, "<b>ofensa</b>").getLong("id");

            login(admin);
            admin.click("button.moderate-room[data-room='" + room + "']");
            admin.awaitText("#moderation-title", "Clube de leitura");
            admin.awaitText("#mod-members", "troll");
            admin.awaitText("#mod-members", "ana");
            admin.awaitText("#mod-messages", "<b>ofensa</b>");  // as text, never markup
            assertEquals(30, admin.all("#mod-messages .mod-message").size(), "the latest page");
            admin.click("#mod-older");
            admin.awaitText("#mod-messages", "mensagem 1\n");
            assertEquals(33, admin.all("#mod-messages .mod-message").size(), "paged back to the first");
            assertEquals(Boolean.TRUE, admin.script("return document.getElementById('mod-older').classList.contains('d-none')"),
                    "nothing older to load");

            admin.click("#mod-messages .delete-message[data-id='" + offensive + "']");
            assertEquals(offensive, ana.next("mensagem_excluida").getLong("id"));
            admin.await(d -> admin.all(".mod-message[data-id='" + offensive + "']").isEmpty() ? true : null);

            clickInList(admin, "#mod-members .ban[data-name='troll']");
            admin.awaitText("#ban-who", "troll");
            admin.type("#ban-amount", "2");
            admin.script("document.getElementById('ban-unit').value = '1440'");
            admin.click("#ban-submit");
            assertEquals("banido", troll.next("expulso").getString("codigo"));
            admin.awaitText("#mod-bans", "Nome troll");
            admin.await(d -> admin.find("#mod-members").getText().contains("troll") ? null : true);
            String end = admin.text("#mod-bans .ban-end");
            assertTrue(end.startsWith("até "), end);
            assertEquals("banido", troll.join(room, "troll").getString("codigo"));

            clickInList(admin, "#mod-bans .lift");
            admin.await(d -> admin.all("#mod-bans .ban-item").isEmpty() ? true : null);
            admin.find("#mod-bans-empty");
            assertTrue(troll.join(room, "troll").getBoolean("ok"), "lifted: the name may come back");

            admin.awaitText("#mod-members", "troll");
            clickInList(admin, "#mod-members .kick[data-name='ana']");
            assertEquals("expulso", ana.next("expulso").getString("codigo"));
            admin.publishScreenshot("admin-moderation");

            admin.click("#moderation-modal .btn-close");
            admin.awaitText("#audit", "troll foi banido(a) da sala “Clube de leitura” por 2880 min");
            admin.awaitText("#audit", "Banimento de troll encerrado na sala “Clube de leitura”");
            admin.awaitText("#audit", "ana foi expulso(a) da sala “Clube de leitura”");
            admin.click("[data-action=toggle-language]");
            admin.awaitText("#audit", "troll was banned from room “Clube de leitura” for 2880 min");
            admin.awaitText("#audit", "Admin logged in");
            List<String> errors = admin.consoleErrors();
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }
}
