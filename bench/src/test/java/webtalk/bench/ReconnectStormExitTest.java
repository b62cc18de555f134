package webtalk.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reconnect storm's stop time comes from a 10 ms watch of the server process, not onExit's widening polls. */
class ReconnectStormExitTest {

    @Test
    void seesAProcessExitSoonAfterItHappens() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "0.4").start();
        long started = System.nanoTime();
        long seen = ReconnectStorm.exitOf(sleeper.toHandle()).get(10, TimeUnit.SECONDS);
        // The JVM reaps its own child at once: that is when the process ended.
        sleeper.waitFor();
        long ended = System.nanoTime();
        assertTrue(seen - started >= TimeUnit.MILLISECONDS.toNanos(350), "not before the process ended");
        assertTrue(Math.abs(ended - seen) < TimeUnit.MILLISECONDS.toNanos(150),
                "within 150 ms of the exit (onExit's polls of a non-child are 300 ms apart and more): off by "
                        + Math.abs(ended - seen) / 1_000_000 + " ms");
    }
}
