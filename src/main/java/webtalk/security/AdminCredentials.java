package webtalk.security;

import java.util.Optional;

/**
 * Where the admin password's hash is kept. Guarantee: {@link #adminPasswordHash} returns the hash
 * the last {@link #saveAdminPasswordHash} committed, or empty if none ever was.
 */
public interface AdminCredentials {

    Optional<String> adminPasswordHash();

    void saveAdminPasswordHash(String hash);
}
