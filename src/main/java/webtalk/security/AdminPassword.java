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
 */
public final class AdminPassword {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AdminCredentials store;
    private final PasswordHashing hasher;
    /**
     * Done once the stored hash agrees with ADMIN_PASSWORD. An Argon2 hash costs a quarter of a
     * second of one core; done beside the start instead of in it, it is off the start's critical
     * path (docs/operations.md, "Start time"). Every use of the password waits for it.
     */
    private final CompletableFuture<Void> settled;
    private volatile String hash;

    public AdminPassword(AdminCredentials store, PasswordHashing hasher, String configured, Consumer<String> announce) {
        this.store = store;
        this.hasher = hasher;
        this.settled = CompletableFuture.runAsync(() -> settle(configured, announce), task -> {
            Thread thread = new Thread(task, "webtalk-admin-password");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private void settle(String configured, Consumer<String> announce) {
        Optional<String> stored = store.adminPasswordHash();
        if (configured != null && !configured.isEmpty()) {
            if (stored.isPresent() && hasher.matches(configured, stored.get())) {
                hash = stored.get();
            } else {
                store(configured);
            }
        } else if (stored.isPresent()) {
            hash = stored.get();
        } else {
            String generated = generate();
            store(generated);
            announce.accept(generated);
        }
    }

    public boolean matches(String candidate) {
        awaitSettled();
        return candidate != null && candidate.length() <= 256 && hasher.matches(candidate, hash);
    }

    public void change(String password) {
        awaitSettled();
        store(password);
    }

    /** Waits for the start's reconciliation; its failure (the store could not be read or written) is every later use's failure. */
    public void awaitSettled() {
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
