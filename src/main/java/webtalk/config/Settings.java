package webtalk.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Process-level settings: where to listen, where to keep data, the secrets. Immutable; tests
 * derive variants with the {@code with*} methods. Room and chat limits that an admin can change
 * live in {@link webtalk.chat.ChatSettings}, persisted in the store.
 *
 * @param adminPassword null when unset: the first start then generates one (see {@code AdminPassword}).
 * @param secretKey null when unset: generated once and kept in {@code DATA_DIR/secret.key}.
 * @param allowedOrigins origins (scheme://host:port) browsers may connect from besides the server's own.
 * @param maxConnectionsPerAddress open Socket.IO connections one client address may hold (0: no limit).
 * @param trustedProxies addresses or CIDR blocks (IPv4 or IPv6) of the reverse proxies in front of WebTalk:
 *                       only from those is {@code X-Forwarded-For} / {@code Forwarded} believed. Empty: the
 *                       TCP peer is the client.
 */
public record Settings(String host, int port, boolean debug, String secretKey, String adminPassword,
                       Path dataDir, List<String> allowedOrigins, int maxConnectionsPerAddress,
                       List<String> trustedProxies) {

    public static final int DEFAULT_PORT = 5000;

    public Settings {
        allowedOrigins = List.copyOf(allowedOrigins);
        trustedProxies = List.copyOf(trustedProxies);
        if (port < 0 || port > 65535) {
            throw new SettingsException("PORT must be 0..65535, got " + port);
        }
        if (maxConnectionsPerAddress < 0) {
            throw new SettingsException("MAX_CONNECTIONS_PER_ADDRESS must be 0 (no limit) or more, got " + maxConnectionsPerAddress);
        }
    }

    public static Settings defaults() {
        return new Settings("0.0.0.0", DEFAULT_PORT, false, null, null, Path.of("data"), List.of(), 200, List.of());
    }

    public Settings withHost(String value) {
        return new Settings(value, port, debug, secretKey, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies);
    }

    public Settings withPort(int value) {
        return new Settings(host, value, debug, secretKey, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies);
    }

    public Settings withDebug(boolean value) {
        return new Settings(host, port, value, secretKey, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies);
    }

    public Settings withSecretKey(String value) {
        return new Settings(host, port, debug, value, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies);
    }

    public Settings withAdminPassword(String value) {
        return new Settings(host, port, debug, secretKey, value, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies);
    }

    public Settings withDataDir(Path value) {
        return new Settings(host, port, debug, secretKey, adminPassword, value, allowedOrigins, maxConnectionsPerAddress, trustedProxies);
    }

    public Settings withAllowedOrigins(List<String> value) {
        return new Settings(host, port, debug, secretKey, adminPassword, dataDir, value, maxConnectionsPerAddress, trustedProxies);
    }

    public Settings withMaxConnectionsPerAddress(int value) {
        return new Settings(host, port, debug, secretKey, adminPassword, dataDir, allowedOrigins, value, trustedProxies);
    }

    public Settings withTrustedProxies(List<String> value) {
        return new Settings(host, port, debug, secretKey, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, value);
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "Settings[host=" + host + ", port=" + port + ", debug=" + debug + ", dataDir=" + dataDir
                + ", allowedOrigins=" + allowedOrigins + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
                + ", trustedProxies=" + trustedProxies + "]";
    }
}
