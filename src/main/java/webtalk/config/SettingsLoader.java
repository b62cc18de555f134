package webtalk.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@link Settings} from a properties file and then from the environment; the environment
 * wins. The file is {@code WEBTALK_CONFIG} if set, else {@code ./webtalk.properties} if present.
 * Keys are the same names in both places: those of {@link Setting}. A blank value counts as unset.
 */
public final class SettingsLoader {

    private final Map<String, String> environment;

    public SettingsLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    public Settings load() {
        Properties file = readFile();
        Settings.Builder settings = Setting.defaults();
        for (Setting setting : Setting.values()) {
            String value = value(file, setting.key());
            if (value != null) {
                setting.applyTo(settings, value);
            }
        }
        return settings.build();
    }

    private String value(Properties file, String key) {
        String fromEnv = environment.get(key);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        String fromFile = file.getProperty(key);
        return fromFile == null || fromFile.isBlank() ? null : fromFile.trim();
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
}
