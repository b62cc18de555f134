package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Keys;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/**
 * What every page owes its users, checked in a real Chromium: it runs under the strict CSP
 * without a single console error, every control has a name a screen reader can say, both
 * languages have every word, and the main path works from the keyboard alone.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PageQualityIT extends ServerTest {

    /** Visible controls with no accessible name (aria-label, label, text or title). */
    static final String UNNAMED = """
            return [...document.querySelectorAll('button, a[href], input, select, textarea, [role=img]')]
              .filter(e => e.getClientRects().length > 0 && e.type !== 'hidden')
              .filter(e => {
                const by = e.getAttribute('aria-labelledby');
                const names = [e.getAttribute('aria-label'), e.title, e.textContent,
                  e.labels ? [...e.labels].map(l => l.textContent).join(' ') : '',
                  by ? by.split(' ').map(id => (document.getElementById(id) || {}).textContent || '').join(' ') : ''];
                return !names.some(n => n && n.trim());
              })
              .map(e => e.outerHTML.slice(0, 160));
            """;

    @SuppressWarnings("unchecked")
    private void assertClean(Browser browser, String page) {
        assertEquals(List.of(), browser.consoleErrors(), page + ": console errors or CSP violations");
        assertEquals(List.of(), (List<String>) browser.script(UNNAMED), page + ": controls without an accessible name");
    }

    @Test
    void everyPageRunsUnderTheCspWithoutErrorsAndNamesEveryControl() {
        String room = http.createRoom("Limpa", null);
        http.createRoom("Trancada", "segredo-123");
        try (Browser browser = Browser.desktop()) {
            browser.rememberNickname(server.url(), "ana");
            browser.get(server.url() + "/");
            browser.awaitText("#room-rows", "Trancada");
            assertClean(browser, "lobby");
            browser.click("#open-create");
            browser.find("#create-name");
            assertClean(browser, "create dialog");

            browser.get(server.url() + "/chat/" + room);
            browser.awaitText("#status", "Conectado");
            browser.type("#message-input", "olá");
            browser.find("#message-input").sendKeys(Keys.ENTER);
            browser.awaitText("#messages", "olá");
            assertClean(browser, "room");

            browser.get(server.url() + "/sala/" + room + "/projetar");
            browser.awaitText("#pj-messages", "olá");
            assertClean(browser, "projector");

            browser.get(server.url() + "/admin");
            browser.find("#admin-password");
            assertClean(browser, "admin login");
            browser.type("#admin-password", TestServer.ADMIN_PASSWORD);
            browser.find("#admin-password").sendKeys(Keys.ENTER);
            browser.awaitText("#stat-salas_ativas", "2");
            browser.await(d -> !browser.all("#chart canvas").isEmpty());
            assertClean(browser, "admin dashboard");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothLanguagesHaveEveryWord() {
        try (Browser browser = Browser.desktop()) {
            browser.get(server.url() + "/");
            List<String> portuguese = (List<String>) browser.script("return WebTalkI18n.keys('pt-BR')");
            List<String> english = (List<String>) browser.script("return WebTalkI18n.keys('en')");
            assertTrue(portuguese.size() > 100, "the dictionary is loaded");
            assertEquals(portuguese, english);
        }
    }

    @Test
    void aRoomCanBeCreatedAndUsedFromTheKeyboardAlone() {
        try (Browser browser = Browser.desktop()) {
            browser.get(server.url() + "/");
            browser.find("#nickname").sendKeys("teclado");
            browser.find("#nickname").sendKeys(Keys.TAB); // to the search box
            browser.script("document.getElementById('open-create').focus()");
            browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.await(d -> "create-name".equals(browser.script("return document.activeElement.id")));
            browser.driver().switchTo().activeElement().sendKeys("Só teclado", Keys.ENTER);
            browser.awaitText("#status", "Conectado");
            browser.await(d -> "message-input".equals(browser.script("return document.activeElement.id")));
            browser.driver().switchTo().activeElement().sendKeys("sem mouse", Keys.ENTER);
            browser.awaitText("#messages article.mine", "sem mouse");
        }
    }
}
