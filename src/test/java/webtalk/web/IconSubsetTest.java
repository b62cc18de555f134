package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages draw their icons from a subset of Bootstrap Icons (tools/subset-icons.py): every
 * {@code bi-*} class written in public/ must be in the subset's CSS, or it shows as nothing. When
 * this fails after adding an icon (or merging a branch that did), run {@code tools/subset-icons.py}.
 */
class IconSubsetTest {

    private static final Path PUBLIC = Path.of("src/main/resources/public");
    private static final Pattern ICON = Pattern.compile("\\bbi-([a-z0-9]+(?:-[a-z0-9]+)*)");

    private static Set<String> icons(Stream<Path> files) {
        Set<String> names = new TreeSet<>();
        files.forEach(file -> {
            try {
                Matcher m = ICON.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        return names;
    }

    @Test
    void everyIconThePagesUseIsInTheSubset() throws IOException {
        Set<String> used;
        try (Stream<Path> files = Files.walk(PUBLIC)) {
            used = icons(files.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".js"))
                    .filter(p -> !p.toString().contains("/vendor/")));
        }
        Set<String> subset = icons(Stream.of(PUBLIC.resolve("css/icons.css")));
        assertTrue(used.size() > 30, "the pages' icons are found: " + used);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(subset);
        assertEquals(Set.of(), missing, "icons missing from css/icons.css: run tools/subset-icons.py");
    }

    @Test
    void noPageLoadsTheFullIconFont() throws IOException {
        try (Stream<Path> files = Files.list(PUBLIC)) {
            List<String> full = files.filter(p -> p.toString().endsWith(".html"))
                    .filter(p -> {
                        try {
                            return Files.readString(p).contains("bootstrap-icons.min.css");
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    })
                    .map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of(), full, "use /css/icons.css (tools/subset-icons.py)");
        }
    }
}
