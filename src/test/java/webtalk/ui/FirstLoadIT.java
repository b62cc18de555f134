package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ServerTest;

/**
 * What a first visit to the lobby downloads, measured by the browser itself (Resource Timing's
 * transferSize: compressed bodies plus headers, the page and every file and API answer it loaded),
 * printed for docs/ui.md; and the icons come from the subset font, never the full webfont.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FirstLoadIT extends ServerTest {

    private static final String LOADED = """
            const done = arguments[arguments.length - 1];
            // the icon font is fetched only when a glyph is drawn: wait until the fonts are in
            document.fonts.ready.then(() => setTimeout(() => {
              const page = performance.getEntriesByType('navigation')[0];
              const files = performance.getEntriesByType('resource');
              done({
                total: page.transferSize + files.reduce((sum, f) => sum + f.transferSize, 0),
                files: files.map((f) => f.name.replace(location.origin, '') + ' ' + f.transferSize),
              });
            }, 500));
            """;

    @Test
    @SuppressWarnings("unchecked")
    void theLobbysFirstLoadIsSmallAndUsesTheIconSubset() {
        http.createRoom("Pesada", null);
        try (Browser browser = Browser.desktop()) {
            browser.get(server.url() + "/");
            browser.awaitText("#room-rows", "Pesada");
            Map<String, Object> load = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeAsyncScript(LOADED);
            List<String> files = (List<String>) load.get("files");
            long total = ((Number) load.get("total")).longValue();
            System.out.println("first load of / : " + total + " bytes in " + (files.size() + 1) + " requests");
            files.forEach(f -> System.out.println("  " + f));
            assertEquals(List.of(), files.stream().filter(f -> f.contains("bootstrap-icons")).toList(), "the full icon font is not loaded");
            assertTrue(files.stream().anyMatch(f -> f.startsWith("/fonts/icons.woff2")), "the subset font is: " + files);
        }
    }
}
