package webtalk.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** For tests that want a fresh real server (and an HTTP client for it) per test method. */
public abstract class ServerTest {

    protected TestServer server;
    protected Http http;

    @BeforeEach
    void startServer() {
        server = TestServer.start();
        http = new Http(server.url());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
