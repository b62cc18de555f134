package webtalk.security;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Password hashing as a bounded resource. An Argon2id hash holds 19 MiB and a core for tens of
 * milliseconds, so it is rationed: at most {@code concurrent} run at once (one per core), at most
 * {@code waiting} more wait for a turn, and anything past that is refused at once with
 * {@link Busy} (the web side answers {@code servidor_ocupado}, 503) instead of queuing hashes
 * until the heap runs out. Callers check every cheap limit before they get here.
 */
public final class PasswordHashing {

    /** The server is hashing as much as it will: try again in a moment. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("password hashing at capacity", null, false, false);
        }
    }

    /** How long a hash admitted to the queue waits for a core before it gives up. */
    private static final long MAX_WAIT_MILLIS = 10_000;

    private final PasswordHasher hasher;
    private final Semaphore admitted;
    private final Semaphore running;
    private final int capacity;

    public PasswordHashing(PasswordHasher hasher, int concurrent, int waiting) {
        if (concurrent < 1 || waiting < 0) {
            throw new IllegalArgumentException("concurrent must be >= 1 and waiting >= 0");
        }
        this.hasher = hasher;
        this.capacity = concurrent + waiting;
        this.admitted = new Semaphore(capacity);
        this.running = new Semaphore(concurrent, true);
    }

    /** One hash per available core, and as many again waiting. */
    public static PasswordHashing perCore(PasswordHasher hasher) {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        return new PasswordHashing(hasher, cores, cores);
    }

    /** @throws Busy when the pool and its queue are full */
    public String hash(String password) {
        return run(() -> hasher.hash(password));
    }

    /** @throws Busy when the pool and its queue are full */
    public boolean matches(String password, String phc) {
        return run(() -> hasher.matches(password, phc));
    }

    <T> T run(Supplier<T> work) {
        if (!admitted.tryAcquire()) {
            throw new Busy();
        }
        try {
            if (!running.tryAcquire(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
            try {
                return work.get();
            } finally {
                running.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } finally {
            admitted.release();
        }
    }

    /** Hashes running or waiting now; for tests and the resource budget. */
    int inUse() {
        return capacity - admitted.availablePermits();
    }
}
