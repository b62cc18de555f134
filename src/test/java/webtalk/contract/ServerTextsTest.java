package webtalk.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import webtalk.chat.ChatError;
import webtalk.chat.ChatSetting;
import webtalk.chat.RecentActivity;
import webtalk.chat.RoomEvent;

/**
 * Every code the server can send has words in every language of the pages (issue #15): each
 * refusal's {@code codigo} (with every value its template carries, so a number is never lost), the
 * room-closing {@code motivo}s, the activity feed's {@code tipo}s and the audit log's {@code acao}s.
 * The codes come from the server itself (its enums and payloads) and, for the audit actions and
 * the few literal codes, from its source; the words from {@code public/js/i18n/*.js}, one file per
 * language. A new code without a text in some language fails here.
 */
class ServerTextsTest {

    private static final Path LANGUAGES = Path.of("src/main/resources/public/js/i18n");
    private static final Path SOURCES = Path.of("src/main/java/webtalk");
    /** One entry a line: {@code "key": "text",} (the files' own layout). */
    private static final Pattern ENTRY = Pattern.compile("^\\s*\"([^\"]+)\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\",?\\s*$");
    private static final List<Pattern> AUDIT_ACTIONS = List.of(
            Pattern.compile("audit\\.record\\(\"([a-z_]+)\""),        // the admin's routes
            Pattern.compile("record\\(ctx, \"([a-z_]+)\""),           // OwnerRoutes
            Pattern.compile("}, \"([a-z_]+)\", (?:true|false)\\)"));  // OwnerSocketHandler's guarded events
    private static final Pattern LITERAL_CODE = Pattern.compile("\"codigo\", \"([a-z_]+)\"");
    private static final Pattern RANGE_FIELD = Pattern.compile("SETTING_OUT_OF_RANGE, \"([^\"]+)\"");

    @Test
    void everyLanguageHasATextForEveryCodeTheServerSends() {
        Map<String, Map<String, String>> languages = languages();
        assertTrue(languages.size() >= 2 && languages.containsKey("pt-BR") && languages.containsKey("en"), languages.keySet().toString());
        Map<String, List<String>> needed = neededKeys();
        List<String> missing = new ArrayList<>();
        languages.forEach((language, words) -> needed.forEach((key, parameters) -> {
            String text = words.get(key);
            if (text == null) {
                missing.add(language + ": " + key);
                return;
            }
            for (String parameter : parameters) {
                if (!text.contains("{" + parameter + "}")) {
                    missing.add(language + ": " + key + " does not say {" + parameter + "}");
                }
            }
        }));
        assertEquals(List.of(), missing);
    }

    @Test
    void theCodesAreFoundWhereTheServerKeepsThem() {
        Map<String, List<String>> needed = neededKeys();
        // A broken scan would pass vacuously: these are known to be sent.
        for (String key : List.of("err.nome_sala_em_uso", "err.senha_incorreta", "err.sala_inexistente", "err.modo_lento",
                "err.sala_encerrada", "err.metricas_restritas", "closed.inatividade", "activity.entrou",
                "audit.usuario_banido", "audit.mensagem_fixada", "audit.login", "field.minutos")) {
            assertTrue(needed.containsKey(key), key);
        }
        assertEquals(List.of("segundos"), needed.get("err.modo_lento"));
    }

    /** Key → the payload fields its text must show. */
    private static Map<String, List<String>> neededKeys() {
        Map<String, List<String>> keys = new TreeMap<>();
        for (ChatError error : ChatError.values()) {
            keys.put("err." + error.code(), error.parameters().stream().filter(p -> !p.equals("campo")).toList());
        }
        keys.put("err." + ChatEvents.CODE_ROOM_DELETED, List.of());
        keys.put("err." + ChatEvents.CODE_ROOM_CLOSED, List.of());
        for (RoomEvent.RoomClosed.Reason reason : RoomEvent.RoomClosed.Reason.values()) {
            keys.put("closed." + Payloads.roomClosed("sala", reason).get("motivo"), List.of());
        }
        for (RecentActivity.Kind kind : RecentActivity.Kind.values()) {
            keys.put("activity." + kind.code(), List.of());
        }
        String source = sources();
        for (Pattern action : AUDIT_ACTIONS) {
            found(action, source).forEach(code -> keys.put("audit." + code, List.of()));
        }
        found(LITERAL_CODE, source).forEach(code -> keys.put("err." + code, List.of()));
        // A range refusal names its field: a setting's own label (set.<field>) or a word of its own (field.<name>).
        Set<String> settings = new TreeSet<>();
        for (ChatSetting setting : ChatSetting.values()) {
            settings.add(setting.field());
        }
        for (String field : found(RANGE_FIELD, source)) {
            if (!settings.contains(field)) {
                keys.put("field." + field, List.of());
            }
        }
        settings.forEach(field -> keys.put("set." + field, List.of()));
        return keys;
    }

    private static Set<String> found(Pattern pattern, String text) {
        Set<String> codes = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    private static String sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Language code (the file's name) → its words. */
    private static Map<String, Map<String, String>> languages() {
        Map<String, Map<String, String>> languages = new TreeMap<>();
        try (Stream<Path> files = Files.list(LANGUAGES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Map<String, String> words = new LinkedHashMap<>();
                for (String line : Files.readAllLines(file)) {
                    Matcher entry = ENTRY.matcher(line);
                    if (entry.matches()) {
                        words.put(entry.group(1), entry.group(2));
                    }
                }
                languages.put(file.getFileName().toString().replaceFirst("\\.js$", ""), words);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return languages;
    }
}
