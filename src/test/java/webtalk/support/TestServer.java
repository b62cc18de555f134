package webtalk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import webtalk.app.WebTalk;
import webtalk.config.Settings;

/** A real WebTalk on a random loopback port with its own temporary DATA_DIR, started as production starts it. */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "admin-segredo-123";

    private final Path dataDir;
    private final boolean ownsDir;
    private final java.util.function.UnaryOperator<Settings> customize;
    private WebTalk app;

    private TestServer(Path dataDir, boolean ownsDir, java.util.function.UnaryOperator<Settings> customize) {
        this.dataDir = dataDir;
        this.ownsDir = ownsDir;
        this.customize = customize;
        launch();
    }

    public static TestServer start() {
        return start(settings -> settings);
    }

    /** With settings changed from the test defaults, e.g. {@code s -> s.withMaxConnectionsPerAddress(3)}. */
    public static TestServer start(java.util.function.UnaryOperator<Settings> customize) {
        try {
            return new TestServer(Files.createTempDirectory("webtalk-test"), true, customize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** On an existing data directory, e.g. to prove that a restart keeps what was stored. */
    public static TestServer startIn(Path dataDir) {
        return new TestServer(dataDir, false, settings -> settings);
    }

    public Settings settings() {
        return customize.apply(Settings.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dataDir)
                .withAdminPassword(ADMIN_PASSWORD).withSecretKey("test-secret-key"));
    }

    private void launch() {
        app = WebTalk.start(settings());
    }

    /** Stops and starts again on the same data directory (a new port). */
    public void restart() {
        app.close();
        launch();
    }

    public int port() {
        return app.port();
    }

    public String url() {
        return "http://127.0.0.1:" + app.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        app.close();
        if (ownsDir) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}
