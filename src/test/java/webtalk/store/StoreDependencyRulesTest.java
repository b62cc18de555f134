package webtalk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The storage rules of issue #12, read from the sources (imports and fully qualified names):
 * the domain and the packages beside it never reach into a store implementation, and a store
 * reaches into {@code admin} only to implement its {@code AuditTrail}.
 */
class StoreDependencyRulesTest {

    private static final Path MAIN = Path.of("src/main/java/webtalk");
    private static final Pattern REFERENCE = Pattern.compile("\\bwebtalk\\.([a-z]+(?:\\.[a-z]+)*)\\.([A-Z]\\w*)");

    /** Every {@code webtalk.<package>.<Type>} a file names, as "package.Type", comments included (a stale doc link is a smell too). */
    private static List<String> references(Path file) {
        try {
            List<String> found = new ArrayList<>();
            Matcher m = REFERENCE.matcher(Files.readString(file));
            while (m.find()) {
                found.add(m.group(1) + "." + m.group(2));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> violations(String fromPackage, java.util.function.Predicate<String> forbidden) {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve(fromPackage.replace('.', '/')))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                for (String ref : references(f)) {
                    if (forbidden.test(ref)) {
                        bad.add(MAIN.relativize(f) + " -> " + ref);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bad;
    }

    @Test
    void theDomainAndItsNeighboursDoNotImportAStore() {
        for (String pkg : List.of("chat", "admin", "security")) {
            assertEquals(List.of(), violations(pkg, ref -> ref.startsWith("store.")), pkg + " must not depend on webtalk.store");
        }
    }

    @Test
    void aStoreUsesAdminOnlyToImplementItsAuditTrail() {
        Set<String> allowed = Set.of("admin.AuditTrail", "admin.AuditEntry");
        assertEquals(List.of(), violations("store", ref -> ref.startsWith("admin.") && !allowed.contains(ref)));
    }

    @Test
    void aStoreDoesNotReachOutward() {
        assertEquals(List.of(), violations("store", ref -> Stream.of("app.", "web.", "realtime.", "socketio.", "fanout.", "ops.")
                .anyMatch(ref::startsWith)));
    }
}
