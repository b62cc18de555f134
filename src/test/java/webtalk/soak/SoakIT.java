package webtalk.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.RunsAlone;
import webtalk.support.TestServer;

/** A short soak in CI: clients come and go at random; nothing is lost, duplicated or reordered. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@RunsAlone
class SoakIT {

    @Test
    void randomDisconnectsLoseNothing() throws Exception {
        try (TestServer server = TestServer.start()) {
            SoakReport report = new SoakRun(new SoakRun.Plan(server.url(), TestServer.ADMIN_PASSWORD, 20, 4,
                    Duration.ofSeconds(15), 4, 12, null, null), System.out::println).run();
            System.out.println(report.summary());
            assertTrue(report.messagesStored() > 500, report.summary());
            assertTrue(report.clean(), report.summary());
            assertEquals(0, report.unackedAtEnd(), report.summary());
        }
    }
}
