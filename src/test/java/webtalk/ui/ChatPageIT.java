package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;

/** The lobby and the room page in a real headless Chromium against a real server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChatPageIT extends ServerTest {

    private void enterRoom(Browser browser, String room) {
        browser.get(server.url() + "/chat/" + room);
        browser.awaitText("#status", "Conectado");
    }

    /** Types and presses Enter, then waits until the server has acknowledged it (no pending bubble left). */
    private void say(Browser browser, String text) {
        browser.type("#message-input", text);
        browser.find("#message-input").sendKeys(Keys.ENTER);
        browser.await(d -> d.findElements(By.cssSelector("#messages article.pending")).isEmpty());
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
            ana.awaitText("#messages", "bia entrou na sala");

            say(ana, "Olá, Bia! Veja https://example.org/agenda e javascript:alert(1)");
            bia.awaitText("#messages", "Olá, Bia!");
            assertEquals(1, bia.all("#messages article a").size(), "only the http(s) address is a link");
            assertEquals("https://example.org/agenda", bia.find("#messages article a").getAttribute("href"));
            assertEquals("noopener noreferrer nofollow", bia.find("#messages article a").getAttribute("rel"));
            assertEquals("_blank", bia.find("#messages article a").getAttribute("target"));
            assertTrue(ana.find("#messages article.mine").getText().contains("Olá, Bia!"), "own messages are set apart");
            assertTrue(bia.all("#messages article.mine").isEmpty(), "someone else's message is not set apart as one's own");

            bia.type("#message-input", "linha 1");
            ana.awaitText("#typing", "bia está digitando");
            bia.find("#message-input").sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER), "linha 2", Keys.ENTER);
            ana.awaitText("#messages", "linha 2");
            ana.await(d -> ana.find("#typing").getText().isEmpty());
            assertTrue(ana.all("#messages article").get(1).findElement(By.cssSelector(".text")).getText().contains("linha 1\nlinha 2"));
            bia.await(d -> bia.all("#messages article.pending").isEmpty());
            ana.publishScreenshot("chat-desktop");
        }
    }

    /**
     * Bootstrap drops a dialog's hide() while it still fades in and its show() while it fades out (300 ms
     * each). A refusal that came back while the name dialog closed left no dialog to answer it, and a name
     * submitted while it opened left it over the room for good (a CI run caught the second one).
     */
    @Test
    void theNameDialogFollowsEveryAnswerHoweverQuicklyItComes() {
        String room = http.createRoom("Nomes", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url());
             Browser page = Browser.desktop()) {
            assertTrue(ana.join(room, "ana").getBoolean("ok"));
            assertTrue(bia.join(room, "bia").getBoolean("ok"));
            page.rememberNickname(server.url(), "ana");
            page.get(server.url() + "/chat/" + room);
            page.awaitText("#nick-alert", "Este nome já está em uso nesta sala");
            page.await(d -> (Boolean) page.script("return document.activeElement.id === 'nick-input'"));  // fully open
            // The next time the dialog opens, a free name goes in 50 ms later, while it is still fading in.
            page.script("""
                    document.getElementById('nick-modal').addEventListener('show.bs.modal', () => setTimeout(() => {
                      document.getElementById('nick-input').value = 'carla';
                      document.getElementById('nick-form').requestSubmit();
                    }, 50), { once: true });""");
            page.type("#nick-input", "bia");  // taken too: refused in a few ms, while the dialog fades out
            page.find("#nick-input").sendKeys(Keys.ENTER);
            page.awaitText("#members", "carla");
            page.await(d -> !d.findElement(By.id("nick-modal")).isDisplayed());
            say(page, "Cheguei");
            ana.next("mensagem_chat", m -> m.getString("mensagem").equals("Cheguei") && m.getString("nome_usuario").equals("carla"));
        }
    }

    @Test
    void protectedRoomRefusesAWrongPasswordAndAdmitsTheRightOne() {
        String room = http.createRoom("Sala Secreta", "abre-te-sesamo");
        try (Browser eve = Browser.desktop()) {
            eve.rememberNickname(server.url(), "eve");
            eve.get(server.url() + "/");
            assertEquals("Sala protegida por senha", eve.find("tr[data-room='" + room + "'] .bi-lock-fill").getAttribute("aria-label"));
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
    void aProtectedRoomOpenedByItsLinkAsksForThePasswordFirst() {
        String room = http.createRoom("Cofre", "senha-do-cofre");
        try (Browser eve = Browser.desktop()) {
            eve.rememberNickname(server.url(), "eve");
            eve.get(server.url() + "/chat/" + room);
            eve.awaitText("#password-room-name", "Cofre");
            eve.type("#password-input", "senha-do-cofre");
            eve.find("#password-input").sendKeys(Keys.ENTER);
            eve.awaitText("#status", "Conectado");
        }
    }

    @Test
    void aSharedLinkOpenedWithoutANameAsksForOneAndCarriesOn() {
        String room = http.createRoom("Convite", null);
        try (Browser newcomer = Browser.desktop()) {
            newcomer.get(server.url() + "/?sala=" + room);
            newcomer.awaitText("#lobby-alert", "Escolha seu nome");
            newcomer.driver().switchTo().activeElement().sendKeys("novata", Keys.ENTER);
            newcomer.awaitText("#status", "Conectado");
            assertEquals("Convite", newcomer.find("#room-name").getText());
        }
    }

    @Test
    void accessByCodeTakesTheCodeOrAPastedLink() {
        String room = http.createRoom("Por Código", null);
        try (Browser ana = Browser.desktop()) {
            ana.rememberNickname(server.url(), "ana");
            ana.get(server.url() + "/");
            ana.click("#open-code");
            ana.type("#code-input", "nao-existe");
            ana.find("#code-input").sendKeys(Keys.ENTER);
            ana.awaitText("#code-alert", "Código inválido");
            ana.type("#code-input", "zzzzzzzz");
            ana.find("#code-input").sendKeys(Keys.ENTER);
            ana.awaitText("#code-alert", "Sala não encontrada");
            ana.type("#code-input", "  " + server.url() + "/chat/" + room.toUpperCase() + "  ");
            ana.find("#code-input").sendKeys(Keys.ENTER);
            ana.awaitText("#status", "Conectado");
            assertEquals("Por Código", ana.find("#room-name").getText());
        }
    }

    @Test
    void historyAppearsAfterReload() {
        String room = http.createRoom("Memória", null);
        try (Browser ana = Browser.desktop()) {
            ana.rememberNickname(server.url(), "ana");
            enterRoom(ana, room);
            say(ana, "primeira mensagem");
            ana.driver().navigate().refresh();
            ana.awaitText("#status", "Conectado");
            ana.awaitText("#messages", "primeira mensagem");
            assertEquals(1, ana.all("#messages article").size(), "replayed once, not twice");
            assertEquals(1, ana.all("#messages article.mine").size(), "still recognised as one's own");
        }
    }

    @Test
    void olderMessagesLoadWhenScrollingUp() {
        http.configure(java.util.Map.of("limite_mensagens_por_minuto", 6000));
        String room = http.createRoom("Arquivo", null);
        try (ChatClient writer = ChatClient.connect(server.url()); Browser ana = Browser.desktop()) {
            writer.join(room, "cronista");
            for (int i = 1; i <= 45; i++) {
                // Three lines each, so the 20 of the first page overflow the list (a list that does not
                // overflow fetches older pages by itself, js/conversation.js).
                assertTrue(writer.say(room, "registro " + i + "\nlinha dois\nlinha três").getBoolean("ok"), "stored " + i);
            }
            ana.rememberNickname(server.url(), "ana");
            enterRoom(ana, room);
            ana.awaitText("#messages", "registro 45");
            assertEquals(20, ana.all("#messages article").size(), "the server's history size on entry");
            // The page's own scroll to the newest message, landing near the top of a list that overflows
            // by a little (as while a short history arrives on a slow machine), is not scrolling up.
            ana.script("const list = document.getElementById('messages');"
                    + " list.style.setProperty('height', (list.scrollHeight - 20) + 'px', 'important');"
                    + " list.scrollTop = list.scrollHeight;");
            // Scroll events are dispatched in a frame: after two, a fetch would have begun (its "loading" line) or ended.
            ana.script("return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
            assertTrue(ana.all("#messages .loading").isEmpty(), "nothing older being fetched at the bottom");
            assertEquals(20, ana.all("#messages article").size(), "nothing older fetched at the bottom");
            assertEquals(20, ((Number) ana.script("return document.getElementById('messages').scrollTop")).intValue(),
                    "at the bottom, 20 px from the top");
            ana.script("document.getElementById('messages').style.removeProperty('height')");
            ana.script("document.getElementById('messages').scrollTop = 0");
            ana.await(d -> ana.all("#messages article").size() == 45);
            ana.awaitText("#messages", "Início da conversa");
            assertTrue(ana.all("#messages article").get(0).getText().contains("registro 1"), "oldest first");
            assertTrue(ana.all("#messages article").get(44).getText().contains("registro 45"));
        }
    }

    @Test
    void tooLongAMessageIsCountedAndCannotBeSent() {
        http.configure(java.util.Map.of("tamanho_maximo_mensagem", 20));
        String room = http.createRoom("Curtas", null);
        try (Browser ana = Browser.desktop()) {
            ana.rememberNickname(server.url(), "ana");
            enterRoom(ana, room);
            ana.awaitText("#counter", "0 de 20");
            ana.type("#message-input", "x".repeat(21));
            ana.awaitText("#counter", "21 de 20");
            assertFalse(ana.find("#send").isEnabled(), "send is off past the limit");
            ana.find("#message-input").sendKeys(Keys.ENTER);
            assertTrue(ana.all("#messages article").isEmpty(), "Enter does not send it either");
        }
    }

    @Test
    void aRefusedMessageShowsTheServersReasonAndGivesTheTextBack() {
        http.configure(java.util.Map.of("limite_mensagens_por_minuto", 1));
        String room = http.createRoom("Devagar", null);
        try (Browser ana = Browser.desktop()) {
            ana.rememberNickname(server.url(), "ana");
            enterRoom(ana, room);
            for (int i = 1; i <= 5; i++) {
                say(ana, "passa " + i); // the server allows a burst of 5 even at 1 a minute
            }
            ana.type("#message-input", "esta espera");
            ana.find("#message-input").sendKeys(Keys.ENTER);
            ana.awaitText("#chat-alert", "Muitas mensagens");
            ana.await(d -> "esta espera".equals(ana.find("#message-input").getAttribute("value")));
            assertEquals(5, ana.all("#messages article").size(), "the refused one is not shown as sent");
            ana.click("#chat-alert .btn-close");
            ana.await(d -> ana.all("#chat-alert .alert").isEmpty());
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
            assertTrue(ana.find("#members").getText().contains("<b>ana</b>"));
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
            phone.publishScreenshot("lobby-375");
            enterRoom(phone, room);
            say(phone, "uma-palavra-muito-longa-sem-espacos-" + "x".repeat(120));
            say(phone, "Oi! Tudo certo por aqui, e o link https://example.org/um/caminho/bem/comprido/que/nao/cabe cabe?");
            assertFalse(phone.horizontallyScrollable(), "room at 375 px");
            phone.publishScreenshot("chat-375");
            phone.get(server.url() + "/admin");
            phone.find("#admin-password");
            assertFalse(phone.horizontallyScrollable(), "admin login at 375 px");
            phone.type("#admin-password", webtalk.support.TestServer.ADMIN_PASSWORD);
            phone.find("#admin-password").sendKeys(Keys.ENTER);
            phone.awaitText("#admin-rooms", "Sala com um nome comprido");
            assertFalse(phone.horizontallyScrollable(), "admin dashboard at 375 px");
            phone.screenshot("admin-375");
        }
    }

    @Test
    void lobbyIsInPortugueseAndSwitchesToEnglish() {
        try (Browser browser = Browser.desktop()) {
            browser.get(server.url() + "/");
            assertEquals("Criar Sala", browser.find("#open-create").getText());
            assertEquals("pt-BR", browser.find("html").getAttribute("lang"));
            browser.click("[data-action=toggle-language]");
            assertEquals("Create Room", browser.find("#open-create").getText());
            assertEquals("en", browser.find("html").getAttribute("lang"));
            browser.get(server.url() + "/");
            assertEquals("Create Room", browser.find("#open-create").getText(), "the choice is remembered");
            browser.screenshot("lobby-desktop-en");
        }
    }
}
