package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import webtalk.support.TestServer;

/**
 * The front end's files as a browser fetches them: every file the three pages link is served
 * with its bytes from the jar, its type, a validator and a cache rule; text comes gzipped when
 * asked; nothing outside the front end is reachable; and the routes beside them are not shadowed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticAssetsIT {

    private static final Pattern LOCAL_LINK = Pattern.compile("(?:src|href)=\"(/[^\"/][^\"]*\\.[a-z]+)\"");
    private final HttpClient client = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyFileThePagesLinkIsServedWithItsBytesTypeAndCacheRule() {
        Set<String> linked = new LinkedHashSet<>();
        for (String page : new String[] {"/", "/chat/1", "/admin"}) {
            HttpResponse<byte[]> html = get(page);
            assertEquals(200, html.statusCode(), page);
            Matcher link = LOCAL_LINK.matcher(new String(html.body(), StandardCharsets.UTF_8));
            while (link.find()) {
                linked.add(link.group(1));
            }
        }
        assertTrue(linked.size() >= 8, "the pages link their scripts, styles, WebJars and icon: " + linked);
        for (String path : linked) {
            HttpResponse<byte[]> answer = get(path);
            assertEquals(200, answer.statusCode(), path);
            assertArrayEquals(resource(path), answer.body(), path + " is the jar's file");
            String type = answer.headers().firstValue("Content-Type").orElse("");
            String expected = path.endsWith(".css") ? "text/css" : path.endsWith(".js") ? "text/javascript"
                    : path.endsWith(".svg") ? "image/svg+xml" : path.endsWith(".png") ? "image/png"
                    : path.endsWith(".webmanifest") ? "application/manifest+json" : "?";
            assertTrue(type.startsWith(expected), path + " has type " + type);
            assertTrue(answer.headers().firstValue("ETag").isPresent(), path + " has a validator");
            String cache = answer.headers().firstValue("Cache-Control").orElse("");
            assertEquals(path.startsWith("/webjars/") ? "public, max-age=31536000, immutable" : "no-cache", cache, path);
        }
    }

    @Test
    void aKnownValidatorGets304WithoutABody() {
        HttpResponse<byte[]> first = get("/js/chat.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = send(request("/js/chat.js").header("If-None-Match", etag).GET());
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        HttpResponse<byte[]> other = send(request("/js/chat.js").header("If-None-Match", "\"something-else\"").GET());
        assertEquals(200, other.statusCode(), "a stale validator gets the file");
    }

    @Test
    void textIsGzippedForClientsThatAskAndPlainForOthers() throws IOException {
        String bootstrap = "/webjars/bootstrap/5.3.8/css/bootstrap.min.css";
        HttpResponse<byte[]> zipped = send(request(bootstrap).header("Accept-Encoding", "gzip, deflate, br").GET());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(zipped.body().length < resource(bootstrap).length / 4, "Bootstrap's CSS compresses well");
        try (InputStream unzip = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(resource(bootstrap), unzip.readAllBytes());
        }
        assertTrue(zipped.headers().allValues("Vary").toString().contains("Accept-Encoding"));
        HttpResponse<byte[]> plain = get(bootstrap);
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
        assertEquals(String.valueOf(resource(bootstrap).length), plain.headers().firstValue("Content-Length").orElse(""));
    }

    @Test
    void binaryFilesAreSentAsTheyAreWithTheirTrueLength() {
        String font = "/webjars/bootstrap-icons/1.13.1/font/fonts/bootstrap-icons.woff2";
        HttpResponse<byte[]> answer = send(request(font).header("Accept-Encoding", "gzip").GET());
        assertEquals(200, answer.statusCode());
        assertFalse(answer.headers().firstValue("Content-Encoding").isPresent(), "a font is compressed already");
        assertEquals("font/woff2", answer.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(resource(font), answer.body());
        assertEquals(String.valueOf(answer.body().length), answer.headers().firstValue("Content-Length").orElse(""));
    }

    @Test
    void headAnswersTheLengthWithoutTheBody() {
        HttpResponse<byte[]> head = send(request("/css/app.css").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(resource("/css/app.css").length), head.headers().firstValue("Content-Length").orElse(""));
        assertEquals(0, head.body().length);
    }

    @Test
    void nothingButTheFrontEndIsReachable() {
        String[] outside = {
            "/css/%2e%2e/index.html",            // a parent step, encoded
            "/js/..%2f..%2fwebtalk/app/Main.class",
            "/webjars/%2e%2e/%2e%2e/%2e%2e/db/migration/sqlite/V1__schema.sql",
            "/css/.hidden.css",
            "/vendor/socket.io-4.8.1.min.js.class", // a type the front end does not have
            "/js/missing.js",
            "/index.htm",
        };
        for (String path : outside) {
            HttpResponse<byte[]> answer = get(path);
            assertTrue(answer.statusCode() == 404 || answer.statusCode() == 400, path + " answered " + answer.statusCode());
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            assertFalse(body.contains("package ") || body.contains("CREATE TABLE"), path + " leaked: " + body);
        }
        assertTrue(new String(get("/js/missing.js").body(), StandardCharsets.UTF_8).contains("nao_encontrado"));
    }

    @Test
    void theRoutesBesideTheFilesAreNotShadowed() {
        assertEquals(200, get("/health/live").statusCode());
        assertEquals(200, get("/metrics").statusCode(), "loopback may read the metrics");
        HttpResponse<byte[]> handshake = get("/socket.io/?EIO=4&transport=polling");
        assertEquals(200, handshake.statusCode());
        assertTrue(new String(handshake.body(), StandardCharsets.UTF_8).startsWith("0{"));
        assertEquals(404, get("/api/nada").statusCode());
    }

    private static byte[] resource(String path) {
        if (path.equals("/js/languages.js")) {
            return LanguageFiles.bundle(StaticAssetsIT.class.getClassLoader());  // made of js/i18n/*.js
        }
        String name = path.startsWith("/webjars/") ? "/META-INF/resources" + path : "/public" + path;
        try (InputStream in = StaticAssetsIT.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " is in the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path));
    }

    private HttpResponse<byte[]> get(String path) {
        return send(request(path).GET());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
