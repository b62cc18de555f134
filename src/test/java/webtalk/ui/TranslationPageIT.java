package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Keys;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/**
 * Issue #15: the server's refusals and notices, the admin's activity feed and audit log are said in
 * the reader's language by their {@code codigo} (never the server's Portuguese {@code mensagem}),
 * with the numbers the payload carries. An English reader, at 1280 and 375 px.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class TranslationPageIT extends ServerTest {

    private static final String ADMIN = "Bearer " + TestServer.ADMIN_PASSWORD;

    private void english(Browser browser, String nickname) {
        browser.rememberNickname(server.url(), nickname);
        browser.script("localStorage.setItem('webtalk.lang', 'en')");
    }

    @Test
    void lobbyRefusalsAreInEnglishByTheirCode() {
        http.createRoom("Math club", null);
        String vault = http.createRoom("Vault", "open-sesame");
        try (Browser eve = Browser.phone()) {
            english(eve, "eve");
            eve.get(server.url() + "/");
            eve.awaitText("#room-rows", "Math club");

            eve.click("#open-create");
            eve.type("#create-name", "Math club");
            eve.click("#create-form button[type=submit]");
            eve.awaitText("#create-alert", "A room with this name already exists.");  // nome_sala_em_uso
            assertFalse(eve.find("#create-alert").getText().contains("Já existe"));
            eve.click("#create-modal .btn-close");

            eve.click("button.enter-room[data-room='" + vault + "']");
            eve.type("#password-input", "wrong");
            eve.click("#password-form button[type=submit]");
            eve.awaitText("#password-alert", "Wrong password!");  // senha_incorreta
            eve.click("#password-modal .btn-close");

            eve.click("#open-code");
            eve.type("#code-input", "zzzzzzzz");
            eve.click("#code-form button[type=submit]");
            eve.awaitText("#code-alert", "Room not found.");  // sala_inexistente
            assertTrue(eve.consoleErrors().stream().noneMatch(e -> e.contains("Refused")), "no CSP violation");
        }
    }

    @Test
    void roomRefusalsAndNoticesAreInEnglishWithTheirNumbers() {
        String room = http.createRoom("Slow room", null);
        try (Browser ana = Browser.desktop()) {
            english(ana, "ana");
            ana.get(server.url() + "/chat/" + room);
            ana.awaitText("#status", "Connected");
            assertEquals(200, http.post("/api/admin/salas/" + room + "/modo_lento", Map.of("segundos", 60), "Authorization", ADMIN).status());
            ana.find("#message-input").sendKeys("first", Keys.ENTER);
            ana.awaitText("#messages article.mine", "first");
            ana.await(d -> ana.all("#messages article.pending").isEmpty());
            ana.find("#message-input").sendKeys("second", Keys.ENTER);
            // modo_lento with its segundos (59 or 60 by the time it is checked)
            ana.await(d -> ana.find("#chat-alert").getText().matches("(?s).*Slow mode: wait \\d+ s before sending another message\\..*"));
            assertFalse(ana.find("#chat-alert").getText().contains("aguarde"), "not the server's Portuguese");

            assertEquals(200, http.delete("/api/admin/salas/" + room, "Authorization", ADMIN).status());
            ana.awaitText("#chat-alert", "The room was deleted by the administrator.");
            assertEquals("This room was closed.", ana.find("#status").getText());
        }
    }

    @Test
    void kickAndBanNoticesAreInEnglish() {
        String room = http.createRoom("Club", null);
        try (Browser ana = Browser.phone(); Browser bia = Browser.phone()) {
            english(ana, "ana");
            english(bia, "bia");
            ana.get(server.url() + "/chat/" + room);
            ana.awaitText("#status", "Connected");
            bia.get(server.url() + "/chat/" + room);
            bia.awaitText("#status", "Connected");
            assertEquals(200, http.post("/api/admin/salas/" + room + "/expulsar", Map.of("nome_usuario", "ana"), "Authorization", ADMIN).status());
            ana.awaitText("#chat-alert", "You were removed from this room.");
            assertEquals("Out of the room", ana.find("#status").getText());
            assertEquals(200, http.post("/api/admin/salas/" + room + "/banir", Map.of("nome_usuario", "bia", "minutos", 60 * 24 * 3),
                    "Authorization", ADMIN).status());
            bia.awaitText("#chat-alert", "You are banned from this room until");
            assertTrue(bia.find("#chat-alert").getText().matches("(?s).*until \\w{3} \\d{1,2}, 20\\d\\d.*"), bia.find("#chat-alert").getText());
        }
    }

    @Test
    void theAdminPanelSaysActivityAuditAndOutcomesInEnglish() {
        String room = http.createRoom("Reading club", null);
        try (Browser admin = Browser.desktop(); ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            admin.get(server.url() + "/admin");
            admin.script("localStorage.setItem('webtalk.lang', 'en')");
            admin.get(server.url() + "/admin");
            admin.type("#admin-password", "wrong-password");
            admin.find("#admin-password").sendKeys(Keys.ENTER);
            admin.awaitText("#login-alert", "Wrong password!");
            admin.type("#admin-password", TestServer.ADMIN_PASSWORD);
            admin.find("#admin-password").sendKeys(Keys.ENTER);
            admin.awaitText("#activity", "ana joined room “Reading club”");
            admin.awaitText("#activity", "Room “Reading club” created by tester");
            assertFalse(admin.find("#activity").getText().contains("entrou"), "not the server's Portuguese");
            admin.awaitText("#audit", "Admin password refused");
            admin.awaitText("#audit", "Admin logged in");
            admin.click("#settings-form button[type=submit]");
            admin.awaitText("#settings-alert", "Settings saved.");
            assertFalse(admin.find("#settings-alert").getText().contains("sucesso"));
            admin.publishScreenshot("admin-english");
        }
    }

    @Test
    void anUnknownCodeFallsBackToTheServersTextAndAKnownOneNeverDoes() {
        try (Browser browser = Browser.desktop()) {
            english(browser, "eve");
            browser.get(server.url() + "/");
            browser.find("#nickname");
            assertEquals("Texto novo do servidor", browser.script(
                    "return WebTalkI18n.server({codigo: 'codigo_de_amanha', mensagem: 'Texto novo do servidor'})"));
            assertEquals("Message too long (at most 20 characters).", browser.script(
                    "return WebTalkI18n.server({codigo: 'mensagem_longa', mensagem: 'Mensagem muito longa (máximo 20 caracteres)', maximo: 20})"));
            assertEquals("Invalid value for Maximum message length: use 1 to 5000.", browser.script(
                    "return WebTalkI18n.server({codigo: 'configuracao_invalida', erro: 'x', campo: 'tamanho_maximo_mensagem', minimo: 1, maximo: 5000})"));
        }
    }
}
