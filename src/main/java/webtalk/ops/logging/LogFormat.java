package webtalk.ops.logging;

import java.util.Locale;
import java.util.Map;

/**
 * How log lines look: {@code text} (slf4j-simple, for people) or {@code json} (one object per line,
 * for log shippers). Chosen from the environment's {@code LOG_FORMAT} before the first logger
 * exists, because SLF4J binds its provider once; so it is not read from the settings file, whose
 * own errors must already be logged in the chosen format.
 */
public enum LogFormat {
    TEXT, JSON;

    /** slf4j-api 2.0.9+: a provider named here is used without a ServiceLoader scan (and so without an ambiguity warning). */
    private static final String PROVIDER_PROPERTY = "slf4j.provider";

    /** @throws IllegalArgumentException with a one-line message when LOG_FORMAT is neither text nor json */
    public static LogFormat fromEnvironment(Map<String, String> environment) {
        String value = environment.get("LOG_FORMAT");
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("LOG_FORMAT must be text or json, got '" + value.trim() + "'");
        };
    }

    /** Must run before the first {@code LoggerFactory} call of the process. */
    public void install() {
        if (this == JSON) {
            System.setProperty(PROVIDER_PROPERTY, JsonLogProvider.class.getName());
            // SLF4J would announce the explicit provider on stderr as a plain-text line
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }
}
