package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import webtalk.support.ServerTest;

/** The lobby and the room page in a real headless Chromium against a real server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChatPageIT extends ServerTest {

    private void enterRoom(Browser browser, String room) {
        browser.get(server.url() + "/chat/" + room);
        browser.awaitText("#status", "Conectado");
    }

    private void say(Browser browser, String text) {
        browser.type("#message-input", text);
        browser.find("#message-input").sendKeys(Keys.ENTER);
    }

    @Test
    void twoBrowsersChatInRealTime() {
        try (Browser ana = Browser.desktop(); Browser bia = Browser.desktop()) {
            ana.rememberNickname(server.url(), "ana");
            ana.get(server.url() + "/");
            ana.click("#open-create");
            ana.type("#create-name", "Sala do Clube");
            ana.type("#create-description", "Reuniões às quintas");
            ana.click("#create-form button[type=submit]");
            ana.awaitText("#status", "Conectado");
            String room = ana.driver().getCurrentUrl().replaceAll(".*/chat/", "");

            bia.rememberNickname(server.url(), "bia");
            bia.get(server.url() + "/");
            bia.awaitText("#room-rows", "Sala do Clube");
            bia.click("button.enter-room[data-room='" + room + "']");
            bia.awaitText("#status", "Conectado");
            ana.awaitText("#members", "bia");

            say(ana, "Olá, Bia! Veja https://example.org/agenda");
            bia.awaitText("#messages", "Olá, Bia!");
            assertEquals("https://example.org/agenda", bia.find("#messages article a").getAttribute("href"));
            assertEquals("noopener noreferrer nofollow", bia.find("#messages article a").getAttribute("rel"));
            assertTrue(ana.find("#messages article.mine").getText().contains("Olá, Bia!"), "own messages are set apart");

            bia.type("#message-input", "linha 1");
            bia.find("#message-input").sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER), "linha 2", Keys.ENTER);
            ana.awaitText("#messages", "linha 2");
            assertTrue(ana.all("#messages article").get(1).findElement(By.cssSelector(".text")).getText().contains("linha 1\nlinha 2"));
            ana.screenshot("chat-desktop");
        }
    }

    @Test
    void protectedRoomRefusesAWrongPasswordAndAdmitsTheRightOne() {
        String room = http.createRoom("Sala Secreta", "abre-te-sesamo");
        try (Browser eve = Browser.desktop()) {
            eve.rememberNickname(server.url(), "eve");
            eve.get(server.url() + "/");
            eve.click("button.enter-room[data-room='" + room + "']");
            eve.type("#password-input", "errada");
            eve.click("#password-form button[type=submit]");
            eve.awaitText("#password-alert", "Senha incorreta!");
            assertTrue(eve.driver().getCurrentUrl().endsWith("/"), "still in the lobby");
            eve.type("#password-input", "abre-te-sesamo");
            eve.click("#password-form button[type=submit]");
            eve.awaitText("#status", "Conectado");
            assertEquals("Sala Secreta", eve.find("#room-name").getText());
        }
    }

    @Test
    void historyAppearsAfterReload() {
        String room = http.createRoom("Memória", null);
        try (Browser ana = Browser.desktop()) {
            ana.rememberNickname(server.url(), "ana");
            enterRoom(ana, room);
            say(ana, "primeira mensagem");
            ana.awaitText("#messages", "primeira mensagem");
            ana.driver().navigate().refresh();
            ana.awaitText("#status", "Conectado");
            ana.awaitText("#messages", "primeira mensagem");
            assertEquals(1, ana.all("#messages article").size(), "replayed once, not twice");
        }
    }

    @Test
    void xssStringShowsAsText() {
        String room = http.createRoom("Segura", null);
        String attack = "<img src=x onerror=alert(1)>";
        try (Browser ana = Browser.desktop()) {
            ana.rememberNickname(server.url(), "<b>ana</b>");
            enterRoom(ana, room);
            say(ana, attack);
            ana.awaitText("#messages", attack);
            assertTrue(ana.all("#messages img").isEmpty(), "no element was created from the text");
            assertTrue(ana.all("#messages b").isEmpty());
            assertTrue(ana.find("#messages article .author").getText().contains("<b>ana</b>"));
            assertEquals(Boolean.FALSE, ana.script("return typeof window.__xss !== 'undefined'"));
        }
    }

    @Test
    void phoneLayoutHasNoHorizontalScroll() {
        String room = http.createRoom("Sala com um nome comprido para telas pequenas", null);
        try (Browser phone = Browser.phone()) {
            phone.rememberNickname(server.url(), "celular");
            phone.get(server.url() + "/");
            phone.awaitText("#room-rows", "Sala com um nome comprido");
            assertFalse(phone.horizontallyScrollable(), "lobby at 375 px");
            phone.screenshot("lobby-375");
            enterRoom(phone, room);
            say(phone, "uma-palavra-muito-longa-sem-espacos-" + "x".repeat(120));
            phone.awaitText("#messages", "uma-palavra-muito-longa");
            assertFalse(phone.horizontallyScrollable(), "room at 375 px");
            phone.screenshot("chat-375");
            phone.get(server.url() + "/admin");
            phone.find("#admin-password");
            assertFalse(phone.horizontallyScrollable(), "admin at 375 px");
        }
    }

    @Test
    void lobbyIsInPortugueseAndSwitchesToEnglish() {
        try (Browser browser = Browser.desktop()) {
            browser.get(server.url() + "/");
            assertEquals("Criar Sala", browser.find("#open-create").getText());
            browser.click("[data-action=toggle-language]");
            assertEquals("Create Room", browser.find("#open-create").getText());
            browser.get(server.url() + "/");
            assertEquals("Create Room", browser.find("#open-create").getText(), "the choice is remembered");
            browser.screenshot("lobby-desktop-en");
        }
    }
}
