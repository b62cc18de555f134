package webtalk.ui;

import java.util.Map;
import org.openqa.selenium.chromium.HasCdp;

/** Chrome DevTools Protocol commands for what a page cannot set by itself: media features, permissions, scripts that run before the page's. */
final class Cdp {

    private Cdp() {
    }

    static Map<String, Object> send(Browser browser, String command, Map<String, Object> params) {
        return ((HasCdp) browser.driver()).executeCdpCommand(command, params);
    }

    /** The browser says the system prefers a dark (or light) scheme, as `prefers-color-scheme` sees it. */
    static void prefersColorScheme(Browser browser, String scheme) {
        send(browser, "Emulation.setEmulatedMedia", Map.of("features",
                java.util.List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Runs {@code source} in every document this tab loads from now on, before any of the page's scripts. */
    static void beforeEveryPage(Browser browser, String source) {
        send(browser, "Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    }
}
