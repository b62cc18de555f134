package webtalk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PasswordHashingTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesThroughThePoolStillVerify() {
        PasswordHashing pool = new PasswordHashing(hasher, 1, 0);
        String hash = pool.hash("segredo");
        assertTrue(pool.matches("segredo", hash));
        assertEquals(0, pool.inUse(), "permits are given back");
    }

    @Test
    void pastRunningAndWaitingEveryHashIsRefusedAtOnce() throws Exception {
        PasswordHashing pool = new PasswordHashing(hasher, 2, 1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(threads.submit(() -> pool.run(() -> await(release))));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.inUse() < 3) {
                assertTrue(System.nanoTime() < deadline, "the three hashes were admitted");
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            assertThrows(PasswordHashing.Busy.class, () -> pool.hash("mais um"));
            assertThrows(PasswordHashing.Busy.class, () -> pool.matches("mais um", "$argon2id$x"));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "refused at once, not queued");
            release.countDown();
            for (Future<Boolean> f : held) {
                assertTrue(f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(0, pool.inUse());
            assertTrue(pool.matches("depois", pool.hash("depois")), "serves again once the burst is over");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
