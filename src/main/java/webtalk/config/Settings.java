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
 * @param budgets what one client address, and all clients together, may make the server hold or do.
 * @param metrics who may scrape {@code /metrics}.
 */
public record Settings(String host, int port, boolean debug, String secretKey, String adminPassword,
                       Path dataDir, List<String> allowedOrigins, int maxConnectionsPerAddress,
                       List<String> trustedProxies, Budgets budgets, Metrics metrics) {

    public static final int DEFAULT_PORT = 5000;

    /**
     * Budgets that an operator may need to change where many people share one address (a school's
     * NAT) or to load-test from one machine.
     *
     * @param maxConnections   open Socket.IO connections in all: {@link #AUTOMATIC} (the default) derives it
     *                         from the process's open-file limit, keeping room for the database and
     *                         HTTP; 0: no limit
     * @param roomsPerAddress  rooms one address may create in 10 minutes (four times that a day); 0: no limit
     * @param joinsPerAddress  {@code entrar} per minute from one address (with a budget of replayed
     *                         history); 0: no per-address join budget
     */
    public record Budgets(int maxConnections, int roomsPerAddress, int joinsPerAddress) {

        public static final int AUTOMATIC = -1;

        public Budgets {
            if (maxConnections < AUTOMATIC) {
                throw new SettingsException("MAX_CONNECTIONS must be 0 (no limit) or more, got " + maxConnections);
            }
            if (roomsPerAddress < 0) {
                throw new SettingsException("ROOMS_PER_ADDRESS must be 0 (no limit) or more, got " + roomsPerAddress);
            }
            if (joinsPerAddress < 0) {
                throw new SettingsException("JOINS_PER_ADDRESS must be 0 (no limit) or more, got " + joinsPerAddress);
            }
        }

        public static Budgets defaults() {
            return new Budgets(AUTOMATIC, 10, 600);
        }

        public Budgets withMaxConnections(int value) {
            return new Budgets(value, roomsPerAddress, joinsPerAddress);
        }

        public Budgets withRoomsPerAddress(int value) {
            return new Budgets(maxConnections, value, joinsPerAddress);
        }

        public Budgets withJoinsPerAddress(int value) {
            return new Budgets(maxConnections, roomsPerAddress, value);
        }
    }

    /**
     * Who may read {@code /metrics}: a client whose address (behind TRUSTED_PROXIES) is in
     * {@code allowed}, or one that sends {@code Authorization: Bearer <token>}.
     *
     * @param token METRICS_TOKEN, or null for none
     * @param allowed METRICS_ALLOWED: addresses or CIDRs; by default only loopback
     */
    public record Metrics(String token, List<String> allowed) {

        public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1");

        public Metrics {
            allowed = List.copyOf(allowed);
            if (token != null && token.isBlank()) {
                token = null;
            }
            if (token != null && token.length() < 16) {
                throw new SettingsException("METRICS_TOKEN must be at least 16 characters (or unset)");
            }
        }

        public static Metrics defaults() {
            return new Metrics(null, LOOPBACK);
        }

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Metrics[token=" + (token == null ? "none" : "set") + ", allowed=" + allowed + "]";
        }
    }

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
        return new Settings("0.0.0.0", DEFAULT_PORT, false, null, null, Path.of("data"), List.of(), 200, List.of(), Budgets.defaults(), Metrics.defaults());
    }

    public Settings withHost(String value) {
        return new Settings(value, port, debug, secretKey, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies, budgets, metrics);
    }

    public Settings withPort(int value) {
        return new Settings(host, value, debug, secretKey, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies, budgets, metrics);
    }

    public Settings withDebug(boolean value) {
        return new Settings(host, port, value, secretKey, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies, budgets, metrics);
    }

    public Settings withSecretKey(String value) {
        return new Settings(host, port, debug, value, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies, budgets, metrics);
    }

    public Settings withAdminPassword(String value) {
        return new Settings(host, port, debug, secretKey, value, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies, budgets, metrics);
    }

    public Settings withDataDir(Path value) {
        return new Settings(host, port, debug, secretKey, adminPassword, value, allowedOrigins, maxConnectionsPerAddress, trustedProxies, budgets, metrics);
    }

    public Settings withAllowedOrigins(List<String> value) {
        return new Settings(host, port, debug, secretKey, adminPassword, dataDir, value, maxConnectionsPerAddress, trustedProxies, budgets, metrics);
    }

    public Settings withMaxConnectionsPerAddress(int value) {
        return new Settings(host, port, debug, secretKey, adminPassword, dataDir, allowedOrigins, value, trustedProxies, budgets, metrics);
    }

    public Settings withTrustedProxies(List<String> value) {
        return new Settings(host, port, debug, secretKey, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, value, budgets, metrics);
    }

    public Settings withBudgets(Budgets value) {
        return new Settings(host, port, debug, secretKey, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies, value, metrics);
    }

    public Settings withMetrics(Metrics value) {
        return new Settings(host, port, debug, secretKey, adminPassword, dataDir, allowedOrigins, maxConnectionsPerAddress, trustedProxies, budgets, value);
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "Settings[host=" + host + ", port=" + port + ", debug=" + debug + ", dataDir=" + dataDir
                + ", allowedOrigins=" + allowedOrigins + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
                + ", trustedProxies=" + trustedProxies + ", budgets=" + budgets + ", metrics=" + metrics + "]";
    }
}
