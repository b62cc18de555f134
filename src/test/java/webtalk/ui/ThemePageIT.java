package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/**
 * Dark mode (js/theme.js): the system's preference by default, the navbar's toggle (auto → light →
 * dark) on every page, remembered across reloads, and set on {@code <html>} before the body exists,
 * so a dark page never flashes white. At 1280 and 375 px.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ThemePageIT extends ServerTest {

    /**
     * Records, in document order, the theme attribute's changes and the body's arrival: a mutation
     * observer's records keep the order things happened in, whenever its callback runs.
     */
    static final String PAINT_ORDER = """
            window.__order = [];
            new MutationObserver((records) => {
              for (const r of records) {
                if (r.type === 'attributes') window.__order.push('theme:' + document.documentElement.getAttribute('data-bs-theme'));
                for (const n of r.addedNodes || []) if (n.nodeName === 'BODY') window.__order.push('body');
              }
            }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-bs-theme'] });
            """;

    private static Supplier<Browser> size(String run) {
        return run.equals("375") ? Browser::phone : Browser::desktop;
    }

    /** A browser whose system prefers {@code scheme}, recording {@link #PAINT_ORDER} on every page. */
    private static Browser open(String width, String scheme) {
        Browser browser = size(width).get();
        Cdp.prefersColorScheme(browser, scheme);
        Cdp.beforeEveryPage(browser, PAINT_ORDER);
        return browser;
    }

    private static String theme(Browser browser) {
        return (String) browser.script("return document.documentElement.getAttribute('data-bs-theme')");
    }

    private static String bodyBackground(Browser browser) {
        return (String) browser.script("return getComputedStyle(document.body).backgroundColor");
    }

    @SuppressWarnings("unchecked")
    private static void assertThemeSetBeforeBody(Browser browser, String expected) {
        List<String> order = (List<String>) browser.script("return window.__order");
        assertTrue(order.indexOf("body") > 0 && order.get(0).equals("theme:" + expected),
                "data-bs-theme=" + expected + " is set before the body is parsed: " + order);
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(strings = {"1280", "375"})
    void theSystemsDarkPreferenceMakesEveryPageDarkFromTheFirstPaint(String width) {
        String room = http.createRoom("Escura", null);
        try (Browser browser = open(width, "dark")) {
            browser.rememberNickname(server.url(), "ana");
            for (String page : List.of("/", "/chat/" + room, "/admin")) {
                browser.get(server.url() + page);
                browser.find("nav"); // the room's toggle is hidden on a phone: the nav is what shows
                assertEquals("dark", theme(browser), page);
                assertThemeSetBeforeBody(browser, "dark");
                assertEquals("rgb(33, 37, 41)", bodyBackground(browser), page + ": Bootstrap's dark body");
                assertEquals("auto", browser.all("[data-action=toggle-theme]").get(0).getDomAttribute("data-theme"), page);
            }
            browser.publishScreenshot("theme-dark-admin-" + width);

            Cdp.prefersColorScheme(browser, "light");
            browser.await(d -> "light".equals(theme(browser))); // follows a change of the system's setting live
            browser.get(server.url() + "/");
            assertEquals("light", theme(browser));
            assertEquals("rgb(255, 255, 255)", bodyBackground(browser));
            assertTrue(browser.consoleErrors().isEmpty());
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(strings = {"1280", "375"})
    void theToggleCyclesAutoLightDarkAndTheChoiceSurvivesAReload(String width) {
        String room = http.createRoom("Alternada", null);
        try (Browser browser = open(width, "light")) {
            browser.rememberNickname(server.url(), "ana");
            browser.get(server.url() + "/");
            assertEquals("light", theme(browser));
            String toggle = "[data-action=toggle-theme]";
            assertTrue(browser.find(toggle).getAttribute("aria-label").startsWith("Tema: automático"));

            browser.click(toggle); // auto → light
            assertEquals("light", browser.find(toggle).getDomAttribute("data-theme"));
            assertEquals("light", theme(browser));
            browser.click(toggle); // light → dark
            assertEquals("dark", theme(browser));
            assertEquals("Tema: escuro. Mudar para automático", browser.find(toggle).getAttribute("aria-label"));
            assertEquals("rgb(33, 37, 41)", bodyBackground(browser));

            browser.driver().navigate().refresh();
            browser.find(toggle);
            assertEquals("dark", theme(browser), "remembered across a reload");
            assertThemeSetBeforeBody(browser, "dark");
            browser.publishScreenshot("theme-dark-lobby-" + width);

            browser.get(server.url() + "/chat/" + room);
            browser.awaitText("#status", "Conectado");
            assertEquals("dark", theme(browser), "and on the other pages");
            assertThemeSetBeforeBody(browser, "dark");
            browser.publishScreenshot("theme-dark-chat-" + width);
            assertTrue(browser.consoleErrors().isEmpty());
            if (width.equals("375")) {
                // a phone's room bar keeps its width for the room's name: the theme is chosen in the lobby
                assertTrue(browser.all(toggle).stream().noneMatch(b -> b.isDisplayed()));
                return;
            }
            browser.click(toggle); // dark → auto
            assertEquals("light", theme(browser), "auto follows the system again");
            browser.click(toggle);
            browser.click(toggle);
            assertEquals("dark", theme(browser));
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(strings = {"1280"})
    void theAdminChartIsRedrawnInTheNewThemesColours(String width) {
        http.createRoom("Gráfico", null);
        try (Browser browser = size(width).get()) {
            Cdp.prefersColorScheme(browser, "light");
            browser.get(server.url() + "/admin");
            browser.type("#admin-password", TestServer.ADMIN_PASSWORD);
            browser.click("#login-form button[type=submit]");
            browser.await(d -> !browser.all("#chart canvas").isEmpty());
            Object before = browser.script("return document.querySelector('#chart canvas').toDataURL()");
            browser.click("[data-action=toggle-theme]");
            browser.click("[data-action=toggle-theme]");
            assertEquals("dark", theme(browser));
            browser.await(d -> !browser.all("#chart canvas").isEmpty()
                    && !before.equals(browser.script("return document.querySelector('#chart canvas').toDataURL()")));
            assertEquals(1, browser.all("#chart canvas").size(), "one chart, not one per switch");
            browser.publishScreenshot("theme-dark-admin-chart");
        }
    }
}
