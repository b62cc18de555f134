package webtalk.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.config.Settings;
import webtalk.config.SettingsException;
import webtalk.config.SettingsLoader;

/** Starts WebTalk from the settings file and environment; one log line at start, one at stop. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = new SettingsLoader(System.getenv()).load();
        } catch (SettingsException e) {
            LoggerFactory.getLogger(Main.class).error("WebTalk cannot start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        if (settings.debug()) {
            // Before the first logger exists: slf4j-simple reads its levels once. WebTalk's own
            // packages only; the libraries stay at their quiet defaults.
            System.setProperty("org.slf4j.simpleLogger.log.webtalk", "debug");
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        WebTalk app;
        try {
            app = WebTalk.start(settings);
        } catch (StartupException e) {
            log.error("WebTalk cannot start: {}", e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            log.error("WebTalk cannot start on {}:{}: {}", settings.host(), settings.port(), rootCause(e));
            System.exit(1);
            return;
        }
        log.info("WebTalk started: http://{}:{}/ (data in {}, debug {})", displayHost(settings.host()), app.port(),
                settings.dataDir().toAbsolutePath(), settings.debug());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            log.info("WebTalk stopped");
        }, "webtalk-shutdown"));
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
