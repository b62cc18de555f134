package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of the socketio packages (see their package-info): a library that knows nothing of
 * WebTalk, and a WebSocket layer that knows nothing of Engine.IO above it. Checked on the compiled classes, whose constant pools name every class a class uses
 * (fields, calls, signatures, nested classes), and on the sources' imports, which also catch a
 * constant the compiler copied in.
 */
class SocketIoLayeringTest {

    /** A WebTalk class, as a class file ({@code webtalk/chat/Room}) or a source ({@code webtalk.chat.Room}) names it. */
    private static final Pattern WEBTALK_CLASS = Pattern.compile("webtalk[/.][a-z]\\w*[/.][\\w/.$]*");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(webtalk\\.[\\w.]+)", Pattern.MULTILINE);

    @Test
    void socketioClassesUseNothingOfWebTalk() throws IOException {
        assertEquals(new TreeSet<>(), classesUsedOutside("webtalk/socketio", "webtalk/socketio/"));
    }

    @Test
    void websocketClassesUseNothingOfTheLayersAbove() throws IOException {
        assertEquals(new TreeSet<>(), classesUsedOutside("webtalk/socketio/websocket", "webtalk/socketio/websocket/"));
    }

    /** Guards the two tests above against passing because the scan sees nothing. */
    @Test
    void scanSeesWhatAClassUses() throws IOException {
        TreeSet<String> used = classesUsedOutside("webtalk/socketio", "webtalk/socketio/websocket/");
        assertTrue(used.contains("webtalk/socketio/EngineSession.class uses webtalk/socketio/PacketDecoder"), used.toString());
    }

    @Test
    void socketioSourcesImportNothingOfWebTalk() throws IOException {
        Path sources = Path.of("src/main/java/webtalk/socketio");
        assertTrue(Files.isDirectory(sources), "sources not found under " + sources.toAbsolutePath());
        List<Path> sourceFiles;
        try (Stream<Path> files = Files.walk(sources)) {
            sourceFiles = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        TreeSet<String> violations = new TreeSet<>();
        for (Path source : sourceFiles) {
            String allowed = source.startsWith(sources.resolve("websocket")) ? "webtalk.socketio.websocket." : "webtalk.socketio.";
            Matcher imported = IMPORT.matcher(Files.readString(source));
            while (imported.find()) {
                if (!imported.group(1).startsWith(allowed)) {
                    violations.add(sources.relativize(source) + " imports " + imported.group(1));
                }
            }
        }
        assertEquals(new TreeSet<>(), violations);
    }

    /** "Class uses name" for each WebTalk class outside {@code allowed} that a compiled class under {@code packageDir} names. */
    private static TreeSet<String> classesUsedOutside(String packageDir, String allowed) throws IOException {
        Path classes = Path.of(SocketIoServer.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path dir = classes.resolve(packageDir);
        assertTrue(Files.isDirectory(dir), "compiled classes not found under " + dir);
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(dir)) {
            classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertTrue(classFiles.size() >= 5, "too few classes found under " + dir + ": " + classFiles.size());
        TreeSet<String> violations = new TreeSet<>();
        for (Path classFile : classFiles) {
            for (String text : constantPoolTexts(classFile)) {
                Matcher used = WEBTALK_CLASS.matcher(text);
                while (used.find()) {
                    if (!used.group().replace('.', '/').startsWith(allowed)) {
                        violations.add(classes.relativize(classFile) + " uses " + used.group());
                    }
                }
            }
        }
        return violations;
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS §4.4): class names, descriptors, signatures, strings. */
    private static List<String> constantPoolTexts(Path classFile) throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream file = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(file)) {
            in.skipNBytes(8);  // magic, minor and major version
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> texts.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;  // a long or double takes two entries
                    }
                    default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
                }
            }
        }
        return texts;
    }
}
