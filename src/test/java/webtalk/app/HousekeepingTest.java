package webtalk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Shared chores run only while this node leads; its own chores run regardless, and a failing one does not stop the schedule. */
class HousekeepingTest {

    @Test
    void sharedChoresWaitForLeadershipLocalOnesDoNot() throws Exception {
        AtomicBoolean leads = new AtomicBoolean(false);
        AtomicInteger shared = new AtomicInteger();
        CountDownLatch localRuns = new CountDownLatch(3);
        CountDownLatch sharedRan = new CountDownLatch(1);
        try (Housekeeping housekeeping = new Housekeeping(leads::get)) {
            housekeeping.shared("shared", () -> {
                shared.incrementAndGet();
                sharedRan.countDown();
            }, 0, 5, TimeUnit.MILLISECONDS);
            housekeeping.local("local", () -> {
                localRuns.countDown();
                throw new IllegalStateException("fails every time");
            }, 0, 5, TimeUnit.MILLISECONDS);
            assertTrue(localRuns.await(5, TimeUnit.SECONDS));
            assertEquals(0, shared.get());
            leads.set(true);
            assertTrue(sharedRan.await(5, TimeUnit.SECONDS));
        }
    }
}
