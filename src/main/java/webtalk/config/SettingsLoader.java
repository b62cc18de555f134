package webtalk.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Reads {@link Settings} from a properties file and then from the environment; the environment
 * wins. The file is {@code WEBTALK_CONFIG} if set, else {@code ./webtalk.properties} if present.
 * Keys are the same names in both places: HOST, PORT, DEBUG, SECRET_KEY, ADMIN_PASSWORD, DATA_DIR,
 * ALLOWED_ORIGINS (comma-separated), MAX_CONNECTIONS_PER_ADDRESS, TRUSTED_PROXIES (comma-separated addresses or CIDRs),
 * METRICS_TOKEN, METRICS_ALLOWED (comma-separated addresses or CIDRs),
 * MAX_CONNECTIONS, ROOMS_PER_ADDRESS, JOINS_PER_ADDRESS.
 */
public final class SettingsLoader {

    private final Map<String, String> environment;

    public SettingsLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    public Settings load() {
        Properties file = readFile();
        Function<String, String> value = key -> {
            String fromEnv = environment.get(key);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv.trim();
            }
            String fromFile = file.getProperty(key);
            return fromFile == null || fromFile.isBlank() ? null : fromFile.trim();
        };
        Settings settings = Settings.defaults();
        if (value.apply("HOST") != null) {
            settings = settings.withHost(value.apply("HOST"));
        }
        if (value.apply("PORT") != null) {
            settings = settings.withPort(parsePort(value.apply("PORT")));
        }
        if (value.apply("MAX_CONNECTIONS_PER_ADDRESS") != null) {
            settings = settings.withMaxConnectionsPerAddress(parseCount("MAX_CONNECTIONS_PER_ADDRESS", value.apply("MAX_CONNECTIONS_PER_ADDRESS")));
        }
        Settings.Budgets budgets = settings.budgets();
        if (value.apply("MAX_CONNECTIONS") != null) {
            budgets = budgets.withMaxConnections(parseCount("MAX_CONNECTIONS", value.apply("MAX_CONNECTIONS")));
        }
        if (value.apply("ROOMS_PER_ADDRESS") != null) {
            budgets = budgets.withRoomsPerAddress(parseCount("ROOMS_PER_ADDRESS", value.apply("ROOMS_PER_ADDRESS")));
        }
        if (value.apply("JOINS_PER_ADDRESS") != null) {
            budgets = budgets.withJoinsPerAddress(parseCount("JOINS_PER_ADDRESS", value.apply("JOINS_PER_ADDRESS")));
        }
        settings = settings.withBudgets(budgets);
        if (value.apply("DEBUG") != null) {
            settings = settings.withDebug(parseBoolean("DEBUG", value.apply("DEBUG")));
        }
        if (value.apply("DATA_DIR") != null) {
            settings = settings.withDataDir(Path.of(value.apply("DATA_DIR")));
        }
        if (value.apply("ALLOWED_ORIGINS") != null) {
            settings = settings.withAllowedOrigins(commaList(value.apply("ALLOWED_ORIGINS")));
        }
        if (value.apply("TRUSTED_PROXIES") != null) {
            settings = settings.withTrustedProxies(commaList(value.apply("TRUSTED_PROXIES")));
        }
        if (value.apply("METRICS_TOKEN") != null || value.apply("METRICS_ALLOWED") != null) {
            String allowed = value.apply("METRICS_ALLOWED");
            settings = settings.withMetrics(new Settings.Metrics(value.apply("METRICS_TOKEN"),
                    allowed == null ? Settings.Metrics.LOOPBACK : commaList(allowed)));
        }
        return settings.withSecretKey(value.apply("SECRET_KEY")).withAdminPassword(value.apply("ADMIN_PASSWORD"));
    }

    private Properties readFile() {
        String configured = environment.get("WEBTALK_CONFIG");
        Path path = Path.of(configured != null ? configured : "webtalk.properties");
        Properties properties = new Properties();
        if (!Files.exists(path)) {
            if (configured != null) {
                throw new SettingsException("WEBTALK_CONFIG points to " + path + ", which does not exist");
            }
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return properties;
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException("cannot read settings file " + path + ": " + e.getMessage());
        }
    }

    private static List<String> commaList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SettingsException("PORT must be a number 0..65535, got '" + text + "'");
        }
    }

    private static int parseCount(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SettingsException(key + " must be a whole number, got '" + text + "'");
        }
    }

    private static boolean parseBoolean(String key, String text) {
        return switch (text.toLowerCase()) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new SettingsException(key + " must be true or false, got '" + text + "'");
        };
    }
}
