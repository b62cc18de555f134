package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;

/**
 * Opt-in notifications in a room (js/notify.js): the browser's permission is asked only when the
 * bell is clicked; granted, a mention and a message while the tab is hidden each notify (with the
 * unread count in the title), and clicking one brings the tab forward; denied, nothing notifies and
 * the bell says why. The browser's Notification is replaced before the page runs by a stand-in that
 * counts what the page does with it (headless Chromium shows no notifications; the app badge calls are
 * counted the same way): "granted" comes
 * from the stand-in's prompt, "denied" from the browser itself (CDP Browser.setPermission).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NotifyPageIT extends ServerTest {

    /** The stand-in: the page's permission prompt answers what sessionStorage 'fake.answer' says; no answer, the real browser's. */
    static final String FAKE_NOTIFICATION = """
            (() => {
              const Real = window.Notification;
              window.__shown = [];
              window.__asked = 0;
              window.__focused = 0;
              window.__badges = [];
              navigator.setAppBadge = (n) => { window.__badges.push(n); return Promise.resolve(); };
              navigator.clearAppBadge = () => { window.__badges.push(0); return Promise.resolve(); };
              const focus = window.focus.bind(window);
              window.focus = () => { window.__focused++; focus(); };
              class Fake {
                constructor(title, options) { this.title = title; this.body = options && options.body; window.__shown.push(this); }
                close() { this.closed = true; }
                static get permission() { return sessionStorage.getItem('fake.permission') || Real.permission; }
                static requestPermission() {
                  window.__asked++;
                  const answer = sessionStorage.getItem('fake.answer');
                  if (!answer) return Real.requestPermission();
                  sessionStorage.setItem('fake.permission', answer);
                  return Promise.resolve(answer);
                }
              }
              window.Notification = Fake;
            })();
            """;

    private static Supplier<Browser> size(String run) {
        return run.equals("375") ? Browser::phone : Browser::desktop;
    }

    private static long count(Browser browser, String what) {
        return ((Number) browser.script("return window." + what)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> shown(Browser browser) {
        return (List<String>) browser.script("return window.__shown.map((n) => n.title + ' | ' + n.body)");
    }

    /** Minimizes the browser's window: the page is hidden (document.hidden, visibilitychange), as a tab in the background. */
    private static void hide(Browser browser) {
        windowState(browser, "minimized");
        browser.await(d -> Boolean.TRUE.equals(browser.script("return document.hidden")));
    }

    private static void show(Browser browser) {
        windowState(browser, "normal");
        browser.await(d -> Boolean.FALSE.equals(browser.script("return document.hidden")));
    }

    private static void windowState(Browser browser, String state) {
        Object window = Cdp.send(browser, "Browser.getWindowForTarget", Map.of()).get("windowId");
        Cdp.send(browser, "Browser.setWindowBounds", Map.of("windowId", window, "bounds", Map.of("windowState", state)));
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(strings = {"1280", "375"})
    void grantedOnTheBellsClickAMentionAndAHiddenTabsMessageNotify(String width) {
        String room = http.createRoom("Avisos", null);
        try (Browser browser = size(width).get(); ChatClient bia = ChatClient.connect(server.url())) {
            Cdp.beforeEveryPage(browser, FAKE_NOTIFICATION);
            browser.rememberNickname(server.url(), "ana");
            browser.script("sessionStorage.setItem('fake.answer', 'granted')");
            browser.get(server.url() + "/chat/" + room);
            browser.awaitText("#status", "Conectado");
            bia.join(room, "bia");
            bia.say(room, "antes de ativar @ana");
            browser.awaitText("#messages", "antes de ativar");
            assertEquals(0, count(browser, "__asked"), "no permission prompt before the click");
            assertEquals(List.of(), shown(browser), "nothing notifies before it is turned on");
            assertEquals("off", browser.find("#notify-toggle").getDomAttribute("data-state"));

            browser.click("#notify-toggle");
            browser.await(d -> "on".equals(browser.find("#notify-toggle").getDomAttribute("data-state")));
            assertEquals(1, count(browser, "__asked"), "asked once, on the click");
            assertEquals("true", browser.find("#notify-toggle").getDomAttribute("aria-pressed"));
            browser.publishScreenshot("notify-on-" + width);

            bia.say(room, "sem menção, com a aba à vista");
            bia.say(room, "olha isso @ana");
            browser.awaitText("#messages", "olha isso");
            browser.await(d -> shown(browser).size() == 1);
            assertEquals(List.of("bia mencionou você em Avisos | olha isso @ana"), shown(browser), "a mention notifies, the other message does not");

            hide(browser);
            bia.say(room, "enquanto a aba está escondida");
            browser.await(d -> shown(browser).size() == 2);
            assertEquals("bia em Avisos | enquanto a aba está escondida", shown(browser).get(1));
            browser.await(d -> browser.driver().getTitle().startsWith("(1) "));

            browser.script("window.__shown[1].onclick()");
            assertEquals(1, count(browser, "__focused"), "clicking the notification focuses the room's tab");
            assertEquals(Boolean.TRUE, browser.script("return window.__shown[1].closed"));
            show(browser);
            browser.await(d -> browser.driver().getTitle().startsWith("Avisos")); // seen: the count goes
            assertEquals(List.of(1L, 0L), browser.script("return window.__badges"), "the app's icon badge: 1 unread, then cleared");

            browser.driver().navigate().refresh();
            browser.awaitText("#status", "Conectado");
            assertEquals("on", browser.find("#notify-toggle").getDomAttribute("data-state"), "remembered in this browser");
            assertEquals(0, count(browser, "__asked"), "not asked again after a reload");
            browser.click("#notify-toggle");
            assertEquals("off", browser.find("#notify-toggle").getDomAttribute("data-state"), "and can be turned off");
            bia.say(room, "desligado @ana");
            browser.awaitText("#messages", "desligado");
            assertEquals(List.of(), shown(browser));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(strings = {"1280", "375"})
    void deniedByTheBrowserNothingNotifiesAndTheBellSaysWhy(String width) {
        String room = http.createRoom("Silêncio", null);
        try (Browser browser = size(width).get(); ChatClient bia = ChatClient.connect(server.url())) {
            Cdp.send(browser, "Browser.setPermission", Map.of("origin", server.url(),
                    "permission", Map.of("name", "notifications"), "setting", "denied"));
            Cdp.beforeEveryPage(browser, FAKE_NOTIFICATION);
            browser.rememberNickname(server.url(), "ana");
            browser.get(server.url() + "/chat/" + room);
            browser.awaitText("#status", "Conectado");
            assertEquals("blocked", browser.find("#notify-toggle").getDomAttribute("data-state"));
            assertTrue(browser.find("#notify-toggle").getAttribute("aria-label").startsWith("Notificações bloqueadas neste navegador"));

            browser.click("#notify-toggle");
            browser.awaitText("#chat-alert", "libere-as nas configurações do site");
            assertEquals(0, count(browser, "__asked"), "a denied permission is not asked again");
            browser.publishScreenshot("notify-blocked-" + width);

            bia.join(room, "bia");
            bia.say(room, "olá @ana");
            hide(browser);
            bia.say(room, "escondida");
            browser.await(d -> browser.driver().getTitle().startsWith("(1) "));
            assertEquals(List.of(), shown(browser), "no notification without permission");
        }
    }
}
