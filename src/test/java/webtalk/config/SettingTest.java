package webtalk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link Setting} is the one list of settings: the example file and the README follow it. */
class SettingTest {

    @Test
    void exampleFileIsTheSettingListWrittenOut() throws Exception {
        String file = Files.readString(Path.of("src/dist/conf/webtalk.properties"));
        assertEquals(Setting.exampleFile(), file,
                "src/dist/conf/webtalk.properties differs from Setting.exampleFile(): change Setting, then write the file from it");
    }

    @Test
    void readmeSettingsTableNamesEveryKeyAndNoOther() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> rows = new LinkedHashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|").matcher(readme);
        while (row.find()) {
            rows.add(row.group(1));
        }
        Set<String> expected = new LinkedHashSet<>();
        Arrays.stream(Setting.values()).map(Setting::key).forEach(expected::add);
        expected.add("LOG_FORMAT");  // read from the environment only, before the file, so not a Setting
        assertEquals(expected, rows);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Settings settings = Settings.defaults();
        assertEquals("0.0.0.0", settings.host());
        assertEquals(5000, settings.port());
        assertEquals(Path.of("data"), settings.dataDir());
        assertEquals(200, settings.maxConnectionsPerAddress());
        assertEquals(new Settings.Budgets(Settings.Budgets.AUTOMATIC, 10, 600), settings.budgets());
        assertEquals(new Settings.Metrics(null, Settings.Metrics.LOOPBACK), settings.metrics());
        assertEquals(List.of(), settings.allowedOrigins());
        assertEquals(List.of(), settings.trustedProxies());
    }

    @Test
    void everyKeyIsRead() {
        Settings settings = new SettingsLoader(Map.ofEntries(
                Map.entry("HOST", "127.0.0.1"), Map.entry("PORT", "6001"), Map.entry("DEBUG", "on"),
                Map.entry("SECRET_KEY", "k"), Map.entry("ADMIN_PASSWORD", "p"), Map.entry("DATA_DIR", "/tmp/d"),
                Map.entry("ALLOWED_ORIGINS", "https://a.example"), Map.entry("MAX_CONNECTIONS_PER_ADDRESS", "3"),
                Map.entry("MAX_CONNECTIONS", "4"), Map.entry("ROOMS_PER_ADDRESS", "5"), Map.entry("JOINS_PER_ADDRESS", "6"),
                Map.entry("TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2"), Map.entry("METRICS_ALLOWED", "10.1.0.0/16"),
                Map.entry("METRICS_TOKEN", "0123456789abcdef"), Map.entry("DATABASE_URL", "postgresql://u:p%40ss@db.example:6543/chat"),
                Map.entry("REDIS_URL", "redis://cache.example:6380/2"), Map.entry("NODE_ID", "node-7"), Map.entry("DRAIN_SECONDS", "8"),
                Map.entry("NODE_URL", "http://10.0.0.7:5000"))).load();
        assertEquals(new Settings("127.0.0.1", 6001, true, "k", "p", Path.of("/tmp/d"), List.of("https://a.example"), 3,
                List.of("10.0.0.1", "10.0.0.2"), new Settings.Budgets(4, 5, 6),
                new Settings.Metrics("0123456789abcdef", List.of("10.1.0.0/16")), 8,
                new Settings.Cluster(new DatabaseUrl("db.example", 6543, "chat", "u", "p@ss"),
                        new RedisUrl("redis://cache.example:6380/2", "cache.example", 6380, 2), "node-7",
                        java.net.URI.create("http://10.0.0.7:5000"))), settings);
    }

    @Test
    void outOfRangeValuesNameTheirKey() {
        for (String key : List.of("MAX_CONNECTIONS_PER_ADDRESS", "ROOMS_PER_ADDRESS", "JOINS_PER_ADDRESS")) {
            String message = assertThrows(SettingsException.class, () -> new SettingsLoader(Map.of(key, "-1")).load()).getMessage();
            assertTrue(message.contains(key), message);
        }
        String message = assertThrows(SettingsException.class,
                () -> new SettingsLoader(Map.of("METRICS_TOKEN", "short")).load()).getMessage();
        assertTrue(message.contains("METRICS_TOKEN"), message);
    }

    @Test
    void withMethodsChangeOnlyTheirField() {
        Settings base = Settings.defaults();
        Settings changed = base.withPort(0).withMaxConnectionsPerAddress(0);
        assertEquals(base.toBuilder().port(0).maxConnectionsPerAddress(0).build(), changed);
        assertEquals(base.budgets(), changed.budgets());
        assertEquals(base.host(), changed.host());
    }
}
