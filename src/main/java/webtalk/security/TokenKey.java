package webtalk.security;

import java.nio.file.Path;

/**
 * Where the join-token signing key comes from. Guarantee: every node that should accept each
 * other's tokens gets the same secret; it is read when a token is signed or checked, so a source
 * may rotate it (tokens signed with the old key then stop working, as with a changed SECRET_KEY).
 */
@FunctionalInterface
public interface TokenKey {

    String secret();

    static TokenKey of(String secret) {
        return () -> secret;
    }

    /**
     * SECRET_KEY when it is set (what a cluster shares), else the key kept in {@code DATA_DIR/secret.key},
     * made on first use ({@link SecretKeyFile}); resolved now, so a bad file stops the start.
     *
     * @throws IllegalStateException the key file cannot be read or made, in one sentence for the operator
     */
    static TokenKey configured(String secretKey, Path dataDir) {
        return of(SecretKeyFile.resolve(secretKey, dataDir));
    }
}
