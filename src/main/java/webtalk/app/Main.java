package webtalk.app;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.config.Settings;
import webtalk.config.SettingsException;
import webtalk.config.SettingsLoader;
import webtalk.ops.logging.LogFormat;

/**
 * Starts WebTalk from the settings file and environment; one log line at start, one at stop, and
 * one (with no stack trace) for a start that fails. {@code backup FILE} / {@code restore FILE} as
 * first arguments run those instead (see {@link DataCommands}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try {
            // Before the first logger exists: SLF4J binds its provider once.
            LogFormat.fromEnvironment(System.getenv()).install();
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(Main.class).error("WebTalk cannot start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        if (args.length > 0) {
            System.exit(command(args));
            return;
        }
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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(app, log), "webtalk-shutdown"));
        java.util.Optional<java.net.InetSocketAddress> passed = ListeningSocket.passedAddress();
        log.info("WebTalk started: http://{}:{}/ (data in {}, debug {}, ready {} ms after the JVM started{})",
                displayHost(passed.map(address -> address.getAddress().getHostAddress()).orElse(settings.host())), app.port(),
                settings.dataDir().toAbsolutePath(), settings.debug(), ManagementFactory.getRuntimeMXBean().getUptime(),
                passed.isPresent() ? ", on the socket the service manager passed" : "");
    }

    /**
     * On SIGTERM or Ctrl+C. slf4j-simple and our JSON logger write straight to System.err and have
     * no shutdown hook of their own, so the last line is still written; it is flushed before the
     * JVM halts, and it is written even if closing a part failed.
     */
    private static void stop(WebTalk app, Logger log) {
        try {
            int drain = app.settings().drainSeconds();
            if (drain > 0) {
                // Still serving, but not ready: the balancer moves new clients elsewhere first.
                app.drain();
                log.info("WebTalk draining: not ready for {} s, then stopping", drain);
                sleep(Duration.ofSeconds(drain));
            }
            CompilersAtStop.yieldTheCore();
            app.close();
        } catch (RuntimeException e) {
            log.error("WebTalk did not close cleanly: {}", rootCause(e));
        } finally {
            log.info("WebTalk stopped");
            System.err.flush();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A command line other than "start the server": exit 0 on success, 1 on failure, 2 on a usage or settings error. */
    static int command(String[] args) {
        boolean known = args[0].equals("backup") || args[0].equals("restore");
        if (!known || args.length != 2) {
            System.err.println("usage: webtalk [backup FILE | restore FILE]   (no arguments: start the server)");
            return 2;
        }
        Settings settings;
        try {
            settings = new SettingsLoader(System.getenv()).load();
        } catch (SettingsException e) {
            System.err.println(args[0] + " failed: " + e.getMessage());
            return 2;
        }
        DataCommands commands = new DataCommands(settings.dataDir(), java.time.Clock.systemUTC(), System.out, System.err);
        java.nio.file.Path file = java.nio.file.Path.of(args[1]);
        return args[0].equals("backup") ? commands.backup(file) : commands.restore(file);
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
