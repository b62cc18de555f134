package webtalk.security;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The admin password, kept only as an Argon2id hash in the store. At start: ADMIN_PASSWORD, when
 * set, replaces the stored hash (the environment wins); when unset and nothing is stored, a random
 * password is generated and shown once through {@code announce} — only on that first start.
 * The panel may change it; a later start with ADMIN_PASSWORD set overrides that change. Hashes go
 * through the shared {@link PasswordHashing} pool: a login flood waits its turn or is refused busy.
 *
 * <p>Whether ADMIN_PASSWORD is the stored password is known only by hashing it: a quarter of a
 * second of one core, and the JIT's compilation of the hash on top, at every restart of a server
 * whose password has not changed. So a restart that finds a hash stored checks ADMIN_PASSWORD
 * against it at the password's first use instead (a login, a change), which waits for it; until
 * then nothing can use the password, so nothing can tell. A change made after this start (on the
 * panel of another node) is newer than this start's ADMIN_PASSWORD and is kept.
 */
public final class AdminPassword {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AdminCredentials store;
    private final PasswordHashing hasher;
    /**
     * Done once the stored hash agrees with ADMIN_PASSWORD, or a generated password is stored. A
     * first start hashes beside the rest of the start, off its critical path (docs/operations.md,
     * "Start time"); a restart, at the first use. Every use of the password waits for it.
     */
    private final CompletableFuture<Void> settled;
    /**
     * ADMIN_PASSWORD when this start found a hash stored and left the check to the first use (see
     * {@link #settleDeferred}), else null; it stays set once checked, {@link #settled} says whether it was.
     */
    private final String deferred;
    private volatile String hash;

    public AdminPassword(AdminCredentials store, PasswordHashing hasher, String configured, Consumer<String> announce) {
        this.store = store;
        this.hasher = hasher;
        Optional<String> stored = store.adminPasswordHash();
        boolean isConfigured = configured != null && !configured.isEmpty();
        if (stored.isPresent()) {
            hash = stored.get();
            settled = isConfigured ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
            deferred = isConfigured ? configured : null;
        } else {
            deferred = null;
            settled = CompletableFuture.runAsync(() -> {
                String password = isConfigured ? configured : generate();
                store(password);
                if (!isConfigured) {
                    announce.accept(password);
                }
            }, task -> {
                Thread thread = new Thread(task, "webtalk-admin-password");
                thread.setDaemon(true);
                thread.start();
            });
        }
    }

    /**
     * The check a restart deferred: ADMIN_PASSWORD replaces the hash found at the start unless it
     * is that password already, or the hash was changed since (a newer choice than this start's).
     */
    private synchronized void settleDeferred() {
        if (settled.isDone()) {
            return;
        }
        // A failure (the store, a busy hash pool) leaves it unsettled: the next use tries again.
        String foundAtStart = hash;
        String current = store.adminPasswordHash().orElse(foundAtStart);
        if (!current.equals(foundAtStart)) {
            hash = current;
        } else if (!hasher.matches(deferred, foundAtStart)) {
            store(deferred);
        }
        settled.complete(null);
    }

    public boolean matches(String candidate) {
        awaitSettled();
        return candidate != null && candidate.length() <= 256 && hasher.matches(candidate, hash);
    }

    public void change(String password) {
        awaitSettled();
        store(password);
    }

    /**
     * Waits for what a start must finish before it is started: a first start's password stored
     * (and a generated one announced). A restart has nothing to wait for here.
     */
    public void awaitStarted() {
        if (deferred == null) {
            awaitSettled();
        }
    }

    /** Settles the password before a use; a first start's failure (the store could not be read or written) is every later use's failure. */
    private void awaitSettled() {
        if (deferred != null && !settled.isDone()) {
            settleDeferred();  // once: every use after it skips the lock
        }
        try {
            settled.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void store(String password) {
        String newHash = hasher.hash(password);
        store.saveAdminPasswordHash(newHash);
        hash = newHash;
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
