package webtalk.config;

/** A setting is missing or malformed; the message names the setting and what it accepts. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
