package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.Http;
import webtalk.support.TestServer;

/** The page defects of issue #15, each shown fixed in a real headless Chromium against a real server. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DefectsPageIT {

    private TestServer server;
    private Http http;

    @BeforeEach
    void start() {
        // Behind a "proxy" (loopback trusted), so a class's worth of rooms can come from several addresses.
        server = TestServer.start(s -> s.withTrustedProxies(List.of("127.0.0.1")));
        http = new Http(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** {@code count} rooms, as a class creates them: from different addresses (each has a budget of rooms). */
    private void rooms(int count, String name) {
        for (int i = 1; i <= count; i++) {
            Http.Answer answer = http.post("/api/salas", Map.of("nome", name + " " + i, "criador", "prof"),
                    "X-Forwarded-For", "198.51.100." + i);
            assertTrue(answer.status() == 200, answer.body());
        }
    }

    @Test
    void theLobbyDoesNotShiftWhileItLoads() {
        rooms(15, "Matemática e ciências, turma");
        for (Browser browser : new Browser[] {Browser.phone(), Browser.desktop()}) {
            try (browser) {
                browser.get(server.url() + "/");
                browser.awaitText("#room-rows", "turma 15");
                LayoutShifts shifts = LayoutShifts.of(browser, 2500);
                System.out.println("lobby CLS " + shifts.total());
                assertTrue(shifts.total() < 0.05, "lobby CLS " + shifts.total() + ": " + shifts.sources());
            }
        }
    }
}
