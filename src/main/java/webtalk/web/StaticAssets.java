package webtalk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;

/**
 * The front end's files, read from the jar: {@code /public} at the site's root and the WebJars at
 * {@code /webjars}. Each file is read once and kept with its ETag and, for text, a gzip copy; a
 * request for a file that is not in the jar is a 404 and holds nothing.
 *
 * <p>Why not Javalin's static files: they go through Jetty's resource factory, which mounts the
 * whole shaded jar as a zip file system (indexing its 25,000 entries) before the first request —
 * about a fifth of {@code java -jar}'s start. A class-path look-up uses the jar the class loader
 * already has open.
 */
final class StaticAssets {

    /** The page's own files: a new release must reach browsers at once, so they revalidate (ETag) on every load. */
    private static final String REVALIDATE = "no-cache";
    /** WebJar paths carry their version: a file at one path never changes. */
    private static final String FOREVER = "public, max-age=31536000, immutable";
    /**
     * The files at the site's root; the pages themselves are served by {@link Pages}. The service
     * worker must be here, not under /js: a worker's scope is at most its own folder (without a
     * Service-Worker-Allowed header), and it has to see the page loads of the whole site.
     */
    /** Every language file of {@code js/i18n/} in one script (see {@link LanguageFiles}). */
    private static final String LANGUAGES = "public/js/languages.js";
    private static final String[] ROOT_FILES = {"index.html", "favicon.svg", "sw.js", "manifest.webmanifest", "offline.html"};
    private static final String[] FOLDERS = {"css", "js", "vendor", "fonts", "icons"};
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("woff", "font/woff"));

    private final ClassLoader classes = StaticAssets.class.getClassLoader();
    /** Bounded by the jar: only files found under the two roots are kept. */
    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    void install(JavalinConfig config) {
        route(config, "/", ctx -> serve(ctx, "public/index.html", REVALIDATE));
        route(config, "/webjars/<path>", ctx -> serve(ctx, "META-INF/resources/webjars/" + ctx.pathParam("path"), FOREVER));
        for (String folder : FOLDERS) {
            route(config, "/" + folder + "/<path>", ctx -> serve(ctx, "public/" + folder + "/" + ctx.pathParam("path"), REVALIDATE));
        }
        // Named one by one, not "/{file}": a catch-all at the root would shadow routes installed after it (/metrics, /socket.io/).
        for (String file : ROOT_FILES) {
            route(config, "/" + file, ctx -> serve(ctx, "public/" + file, REVALIDATE));
        }
    }

    /** GET and HEAD: Javalin would answer a HEAD it routes to GET with a length of 0. */
    private static void route(JavalinConfig config, String path, Handler handler) {
        config.routes.get(path, handler);
        config.routes.head(path, handler);
    }

    private void serve(Context ctx, String resource, String cacheControl) {
        Asset asset = lookUp(resource).orElseThrow(() -> new ChatException(ChatError.NOT_FOUND));
        ctx.header("Cache-Control", cacheControl);
        ctx.header("Vary", "Accept-Encoding");
        ctx.contentType(asset.type());
        if (answeredNotModified(ctx, asset.etag())) {
            return;
        }
        byte[] body = asset.bytes();
        if (asset.gzipped() != null && accepts(ctx, "gzip")) {
            ctx.header("Content-Encoding", "gzip");
            body = asset.gzipped();
        }
        // Compressed here once (or already compressed, like fonts): Javalin must not compress it again per request.
        ctx.disableCompression();
        ctx.header("Content-Length", Integer.toString(body.length));
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(body);
        }
    }

    /** Gives the answer its validator; a client that holds that version gets 304 (true: nothing more to send). */
    static boolean answeredNotModified(Context ctx, String etag) {
        ctx.header("ETag", etag);
        String cached = ctx.header("If-None-Match");
        if (cached != null && cached.contains(etag)) {
            ctx.status(304);
            return true;
        }
        return false;
    }

    private Optional<Asset> lookUp(String resource) {
        if (!safe(resource)) {
            return Optional.empty();
        }
        Optional<Asset> known = assets.get(resource);
        if (known != null) {
            return known;
        }
        // Misses are not remembered: a client naming a million files must not make us hold a million entries.
        Optional<Asset> found = read(resource);
        found.ifPresent(asset -> assets.put(resource, Optional.of(asset)));
        return found;
    }

    /** No parent steps, no empty or hidden segments, and a type we serve: nothing but the front end's files is reachable. */
    private static boolean safe(String resource) {
        if (resource.contains("\\") || resource.contains("//") || resource.endsWith("/")) {
            return false;
        }
        for (String segment : resource.split("/")) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return false;
            }
        }
        return TYPES.containsKey(extension(resource));
    }

    private Optional<Asset> read(String resource) {
        if (resource.equals(LANGUAGES)) {
            return Optional.of(asset(resource, LanguageFiles.bundle(classes)));
        }
        try (InputStream in = classes.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(asset(resource, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
        }
    }

    private static Asset asset(String resource, byte[] bytes) {
        String type = TYPES.get(extension(resource));
        boolean text = type.startsWith("text/") || type.startsWith("application/") || type.equals("image/svg+xml");
        return new Asset(bytes, text && bytes.length > 1024 ? gzip(bytes) : null, type, etag(bytes));
    }

    private static boolean accepts(Context ctx, String encoding) {
        String accepted = ctx.header("Accept-Encoding");
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains(encoding);
    }

    private static String extension(String resource) {
        int dot = resource.lastIndexOf('.');
        return dot < 0 ? "" : resource.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A strong ETag: the first 132 bits of the SHA-256 of the body. */
    static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private record Asset(byte[] bytes, byte[] gzipped, String type, String etag) {
    }
}
