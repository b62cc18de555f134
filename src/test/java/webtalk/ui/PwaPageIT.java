package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import webtalk.support.Http;
import webtalk.support.TestServer;

/**
 * The installable app: a manifest Chromium accepts, with its icons served at the sizes it names
 * (any and maskable); a service worker at "/" that takes over the pages and, when the server is
 * gone, answers a page load with the offline page (pt-BR and English); and nothing of the API or
 * Socket.IO in its cache.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PwaPageIT {

    private static Supplier<Browser> size(String run) {
        return run.equals("375") ? Browser::phone : Browser::desktop;
    }

    /** Width and height from a PNG's IHDR chunk. */
    private static String pngSize(byte[] png) {
        assertEquals(0x89504E47, ByteBuffer.wrap(png, 0, 4).getInt(), "a PNG");
        return ByteBuffer.wrap(png, 16, 4).getInt() + "x" + ByteBuffer.wrap(png, 20, 4).getInt();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theManifestIsValidAndItsIconsAreServedAtTheirSizes() throws IOException, InterruptedException {
        try (TestServer server = TestServer.start(); Browser browser = Browser.desktop()) {
            Http http = new Http(server.url());
            Http.Answer manifest = http.get("/manifest.webmanifest");
            assertEquals(200, manifest.status());
            assertEquals("application/manifest+json", manifest.header("Content-Type"));
            JsonNode app = manifest.json();
            assertEquals("WebTalk", app.get("short_name").asText());
            assertEquals("/", app.get("start_url").asText());
            assertEquals("standalone", app.get("display").asText());
            List<String> purposes = new ArrayList<>();
            HttpClient client = HttpClient.newHttpClient();
            for (JsonNode icon : app.get("icons")) {
                HttpResponse<byte[]> got = client.send(HttpRequest.newBuilder(URI.create(server.url() + icon.get("src").asText())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, got.statusCode(), icon.toString());
                assertEquals(icon.get("type").asText(), got.headers().firstValue("Content-Type").orElse(""), icon.toString());
                if (icon.get("type").asText().equals("image/png")) {
                    assertEquals(icon.get("sizes").asText(), pngSize(got.body()), icon.toString());
                    purposes.add(icon.get("purpose").asText() + " " + icon.get("sizes").asText());
                }
            }
            assertTrue(purposes.containsAll(List.of("any 192x192", "any 512x512", "maskable 512x512")), purposes.toString());

            browser.get(server.url() + "/");
            Map<String, Object> parsed = Cdp.send(browser, "Page.getAppManifest", Map.of());
            assertEquals(List.of(), parsed.get("errors"), "Chromium's manifest parser finds no error");
            assertTrue(String.valueOf(parsed.get("url")).endsWith("/manifest.webmanifest"));

            Http.Answer worker = http.get("/sw.js");
            assertEquals("text/javascript; charset=utf-8", worker.header("Content-Type"));
            assertEquals("no-cache", worker.header("Cache-Control"), "a new worker reaches browsers at once");
        }
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(strings = {"1280", "375"})
    @SuppressWarnings("unchecked")
    void withTheServerStoppedAPageLoadShowsTheOfflinePage(String width) {
        TestServer server = TestServer.start();
        try (Browser browser = size(width).get()) {
            String room = new Http(server.url()).createRoom("Offline", null);
            browser.rememberNickname(server.url(), "ana");
            browser.get(server.url() + "/chat/" + room);
            browser.awaitText("#status", "Conectado");
            // Waits for the worker to be active for the scope, which is what lets it answer the next page
            // load; whether this already-open page is also claimed races with its loading in Chromium.
            assertEquals(server.url() + "/sw.js", browser.script("""
                    return navigator.serviceWorker.ready.then((registration) => registration.active.state === "activated"
                      ? registration.active.scriptURL
                      : new Promise((activated) => registration.active.addEventListener("statechange",
                          () => activated(registration.active.scriptURL))));
                    """));
            List<String> cached = (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    caches.keys().then((names) => Promise.all(names.map((n) => caches.open(n).then((c) => c.keys()))))
                      .then((lists) => done(lists.flat().map((r) => new URL(r.url).pathname)));
                    """);
            assertTrue(cached.contains("/offline.html"), cached.toString());
            assertEquals(List.of(), cached.stream().filter(p -> p.startsWith("/api/") || p.startsWith("/socket.io/")).toList(),
                    "no API or Socket.IO answer is cached");

            server.close();
            browser.get(browser.driver().getCurrentUrl());
            browser.awaitText("#offline h1", "Sem conexão");
            assertTrue(browser.find("#offline").getText().contains("You are offline"), "in English too");
            assertTrue(browser.find("#offline a.btn").getText().contains("Tentar de novo"));
            assertEquals("rgb(255, 255, 255)", browser.script("return getComputedStyle(document.body).backgroundColor"),
                    "styled from the cached shell");
            assertEquals(Boolean.TRUE, browser.script("return document.fonts.check('1em bootstrap-icons')"));
            browser.publishScreenshot("offline-" + width);
        } finally {
            server.close();
        }
    }
}
