package webtalk.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.RunsAlone;
import webtalk.support.ServerProcess;
import webtalk.support.TestServer;

/**
 * kill -9 of the server in the middle of traffic: after it starts again, clients reconnect, retry
 * what was not acknowledged and catch up; no acknowledged message is lost, nothing is duplicated.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@RunsAlone
class CrashIT {

    @Test
    void sigkillDuringTrafficLosesNoAcknowledgedMessage() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            server.start();
            Runnable crash = () -> {
                try {
                    server.kill();
                    server.start();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            };
            SoakReport report = new SoakRun(new SoakRun.Plan(server.url(), TestServer.ADMIN_PASSWORD, 20, 4,
                    Duration.ofSeconds(20), 4, 3, Duration.ofSeconds(8), crash), System.out::println).run();
            System.out.println(report.summary());
            assertEquals(1, report.crashes());
            assertTrue(report.clean(), report.summary() + "\n" + server.log());
            assertEquals(0, report.unackedAtEnd(), report.summary());
        }
    }

    @Test
    void sigtermStopsGracefullyAndQuickly() throws Exception {
        try (ServerProcess server = new ServerProcess()) {
            server.start();
            try (webtalk.support.ChatClient client = webtalk.support.ChatClient.connect(server.url())) {
                String room = new webtalk.support.Http(server.url()).createRoom("Encerramento", null);
                client.join(room, "ana");
                long started = System.nanoTime();
                assertEquals(143, server.terminate(Duration.ofSeconds(15)), server.log());
                assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 10, "bounded shutdown");
                assertTrue(server.log().contains("WebTalk stopped"), server.log());
            }
        }
    }
}
