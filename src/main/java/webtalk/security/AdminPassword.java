package webtalk.security;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Consumer;
import webtalk.store.ChatStore;

/**
 * The admin password, kept only as an Argon2id hash in the store. At start: ADMIN_PASSWORD, when
 * set, replaces the stored hash (the environment wins); when unset and nothing is stored, a random
 * password is generated and shown once through {@code announce} — only on that first start.
 * The panel may change it; a later start with ADMIN_PASSWORD set overrides that change. Hashes go
 * through the shared {@link PasswordHashing} pool: a login flood waits its turn or is refused busy.
 */
public final class AdminPassword {

    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final ChatStore store;
    private final PasswordHashing hasher;
    private volatile String hash;

    public AdminPassword(ChatStore store, PasswordHashing hasher, String configured, Consumer<String> announce) {
        this.store = store;
        this.hasher = hasher;
        Optional<String> stored = store.adminPasswordHash();
        if (configured != null && !configured.isEmpty()) {
            if (stored.isPresent() && hasher.matches(configured, stored.get())) {
                hash = stored.get();
            } else {
                change(configured);
            }
        } else if (stored.isPresent()) {
            hash = stored.get();
        } else {
            String generated = generate();
            change(generated);
            announce.accept(generated);
        }
    }

    public boolean matches(String candidate) {
        return candidate != null && candidate.length() <= 256 && hasher.matches(candidate, hash);
    }

    public void change(String password) {
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
