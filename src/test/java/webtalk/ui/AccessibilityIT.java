package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/**
 * axe-core (vendored from npm into src/test/node, never a CDN) finds no violation on any page —
 * lobby, room, projector, offline page, admin logged out and in, the admin's moderation dialog — in
 * either language, on a desktop and on a phone, and in the dark theme too. The engine is put into the
 * page by WebDriver, so the page's CSP is unchanged.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AccessibilityIT extends ServerTest {

    private static final Path AXE = Path.of("src/test/node/node_modules/axe-core/axe.min.js");

    /** Runs axe on the page as it is now and describes each violation (rule, impact, the elements it found). */
    @SuppressWarnings("unchecked")
    private static List<String> violations(Browser browser) {
        String source;
        try {
            source = Files.readString(AXE);
        } catch (IOException e) {
            throw new AssertionError(AXE + " is missing: run `npm ci` in src/test/node (Maven does it before the ITs)", e);
        }
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript(source);
        return (List<String>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                // colours are measured as shown: let finite transitions (a button's hover, a dialog fading in) end first
                const ending = document.getAnimations().filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity);
                Promise.all(ending.map((a) => a.finished.catch(() => null)))
                  .then(() => axe.run(document, { resultTypes: ['violations'] }))
                  .then((r) => done(r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' -> '
                      + v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' ' + n.failureSummary.replace(/\\s+/g, ' ')).join(' | '))))
                  .catch((e) => done(['axe failed: ' + e]));
                """);
    }

    private static void check(Browser browser, String page, List<String> found) {
        for (String violation : violations(browser)) {
            found.add(page + ": " + violation);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pt-BR desktop", "en desktop", "pt-BR phone", "en phone", "pt-BR desktop dark", "en phone dark"})
    void noPageHasAnAxeViolation(String run) {
        String language = run.split(" ")[0];
        Supplier<Browser> opening = run.contains("phone") ? Browser::phone : Browser::desktop;
        String connected = language.equals("en") ? "Connected" : "Conectado";
        String room = http.createRoom("Acessível", null);
        String locked = http.createRoom("Trancada", "segredo-123");
        List<String> found = new ArrayList<>();
        try (Browser browser = opening.get(); ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            ana.say(room, "**olá** a todos, veja `isto` e [o guia](https://example.com)\n> citação\n- um\n- dois");
            browser.rememberNickname(server.url(), "bia");
            browser.script("localStorage.setItem('webtalk.lang', arguments[0])", language);
            if (run.endsWith("dark")) {
                browser.script("localStorage.setItem('webtalk.theme', 'dark')"); // the toggle's choice (js/theme.js)
            }

            browser.get(server.url() + "/");
            browser.awaitText("#room-rows", "Trancada");
            check(browser, "lobby", found);
            browser.click("#open-create");
            browser.find("#create-name");
            check(browser, "lobby, create dialog", found);

            browser.get(server.url() + "/chat/" + room);
            browser.awaitText("#status", connected);
            browser.awaitText("#messages", "citação");
            check(browser, "room", found);

            browser.get(server.url() + "/offline.html");
            browser.find("#offline");
            check(browser, "offline page", found);
            browser.get(server.url() + "/sala/" + room + "/projetar");
            browser.awaitText("#pj-messages", "citação");
            check(browser, "projector", found);
            browser.get(server.url() + "/sala/" + locked + "/projetar");
            browser.find("#pj-password-input");
            check(browser, "projector of a protected room", found);

            browser.get(server.url() + "/admin");
            browser.find("#admin-password");
            assertEquals(run.endsWith("dark") ? "dark" : "light", browser.script("return document.documentElement.dataset.bsTheme"));
            check(browser, "admin logged out", found);

            browser.type("#admin-password", TestServer.ADMIN_PASSWORD);
            browser.click("#login-form button[type=submit]");
            browser.find("button.moderate-room[data-room='" + room + "']");
            check(browser, "admin logged in", found);

            browser.click("button.moderate-room[data-room='" + room + "']");
            browser.awaitText("#mod-members", "bia");
            browser.awaitText("#mod-messages", "citação");
            check(browser, "admin moderation dialog", found);
            browser.await(d -> {
                try {
                    browser.click("#mod-members .ban[data-name='bia']");
                    return true;
                } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                    return null;
                }
            });
            browser.find("#ban-amount");
            check(browser, "admin moderation dialog, ban form", found);
        }
        assertEquals(List.of(), found, run);
    }
}
