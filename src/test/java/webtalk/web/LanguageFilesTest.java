package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new language is one file: dropped into js/i18n/, it is in /js/languages.js, from a folder or a jar. */
class LanguageFilesTest {

    private static final List<String> FILES = List.of("en.js", "fr.js", "pt-BR.js", "notes.txt");

    @Test
    void everyLanguageFileOfTheFolderIsServedPortugueseFirst(@TempDir Path dir) throws IOException {
        for (String name : FILES) {
            Path file = dir.resolve(LanguageFiles.FOLDER + name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "// " + name);
        }
        Files.createDirectories(dir.resolve(LanguageFiles.FOLDER + "drafts"));
        try (URLClassLoader classes = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertServed(classes);
        }
    }

    @Test
    void everyLanguageFileOfTheJarIsServedPortugueseFirst(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("webtalk.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : FILES) {
                out.putNextEntry(new JarEntry(LanguageFiles.FOLDER + name));
                out.write(("// " + name).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(LanguageFiles.FOLDER + "drafts/de.js"));
            out.closeEntry();
        }
        try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertServed(classes);
        }
    }

    @Test
    void theShippedPagesHaveBothLanguages() {
        String bundle = new String(LanguageFiles.bundle(getClass().getClassLoader()), StandardCharsets.UTF_8);
        assertTrue(bundle.indexOf("WebTalkI18n.define(\"pt-BR\"") >= 0, "pt-BR");
        assertTrue(bundle.indexOf("WebTalkI18n.define(\"en\"") > bundle.indexOf("WebTalkI18n.define(\"pt-BR\""), "then English");
    }

    private static void assertServed(ClassLoader classes) throws IOException {
        assertEquals(List.of("pt-BR.js", "en.js", "fr.js"), LanguageFiles.names(classes), "scripts only, none of a sub-folder");
        String bundle = new String(LanguageFiles.bundle(classes), StandardCharsets.UTF_8);
        assertEquals("// pt-BR.js\n// en.js\n// fr.js\n", bundle);
    }
}
