package webtalk.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The pages' words, one file per language under {@code public/js/i18n/}, served as one script
 * ({@code /js/languages.js}): adding a language is adding its file, nothing else. pt-BR comes first
 * (the fallback), the others by name. Listed once, from the jar or from the build's folder.
 */
final class LanguageFiles {

    static final String FOLDER = "public/js/i18n/";
    private static final String FIRST = "pt-BR.js";

    private LanguageFiles() {
    }

    /** Every language file's text, one after the other. */
    static byte[] bundle(ClassLoader classes) {
        try (var out = new java.io.ByteArrayOutputStream()) {
            for (String name : names(classes)) {
                try (InputStream in = classes.getResourceAsStream(FOLDER + name)) {
                    if (in != null) {
                        out.write(in.readAllBytes());
                        out.write('\n');
                    }
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the language files", e);
        }
    }

    /** The language files' names, pt-BR first. Found next to pt-BR's, which every build has. */
    static List<String> names(ClassLoader classes) throws IOException {
        URL first = classes.getResource(FOLDER + FIRST);
        if (first == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if ("jar".equals(first.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) first.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                jar.stream().map(entry -> entry.getName())
                        .filter(entry -> entry.startsWith(FOLDER) && entry.indexOf('/', FOLDER.length()) < 0)
                        .map(entry -> entry.substring(FOLDER.length()))
                        .forEach(names::add);
            }
        } else {
            try (Stream<Path> files = Files.list(Path.of(first.toURI()).getParent())) {
                files.map(file -> file.getFileName().toString()).forEach(names::add);
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        names.removeIf(name -> !name.endsWith(".js") || name.startsWith("."));
        names.sort(Comparator.comparing((String name) -> !name.equals(FIRST)).thenComparing(Comparator.naturalOrder()));
        return names;
    }
}
