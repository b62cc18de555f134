package webtalk.ops.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.event.Level;

/**
 * The levels of {@code simplelogger.properties} and of the {@code org.slf4j.simpleLogger.*} system
 * properties (DEBUG sets one), so the JSON log says exactly what the text log would.
 */
final class LogLevels {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private final Properties settings;

    LogLevels(Properties settings) {
        this.settings = settings;
    }

    static LogLevels fromSimpleLoggerSettings() {
        Properties settings = new Properties();
        try (InputStream in = LogLevels.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                settings.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                settings.setProperty(key, System.getProperty(key));
            }
        }
        return new LogLevels(settings);
    }

    /**
     * The lowest {@link Level#toInt()} logged for {@code loggerName}: the level set for its longest
     * dotted prefix, else the default (info); "off" logs nothing.
     */
    int thresholdOf(String loggerName) {
        String name = loggerName;
        while (true) {
            String level = settings.getProperty(PREFIX + "log." + name);
            if (level != null) {
                return parse(level);
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return parse(settings.getProperty(PREFIX + "defaultLogLevel", "info"));
            }
            name = name.substring(0, dot);
        }
    }

    /** slf4j-simple's names. */
    private static int parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE.toInt();
            case "debug" -> Level.DEBUG.toInt();
            case "warn" -> Level.WARN.toInt();
            case "error" -> Level.ERROR.toInt();
            case "off" -> Integer.MAX_VALUE;
            default -> Level.INFO.toInt();
        };
    }
}
