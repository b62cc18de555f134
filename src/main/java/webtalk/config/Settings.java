package webtalk.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Process-level settings: where to listen, where to keep data, the secrets. Immutable; tests
 * derive variants with the {@code with*} methods, the loader fills a {@link Builder}. Each setting's
 * key, default and documentation are defined once, in {@link Setting}. Room and chat limits that an admin can change
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
 * @param drainSeconds on SIGTERM, seconds of not-ready-but-serving before the stop (0: stop at once).
 * @param cluster where the nodes of a cluster meet (DATABASE_URL, REDIS_URL, NODE_ID); none set: one node on SQLite.
 */
public record Settings(String host, int port, boolean debug, String secretKey, String adminPassword,
                       Path dataDir, List<String> allowedOrigins, int maxConnectionsPerAddress,
                       List<String> trustedProxies, Budgets budgets, Metrics metrics, int drainSeconds,
                       Cluster cluster) {

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

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Metrics[token=" + (token == null ? "none" : "set") + ", allowed=" + allowed + "]";
        }
    }

    /**
     * The shared services of a cluster. Each is null when unset.
     *
     * @param database DATABASE_URL: the PostgreSQL store instead of SQLite in DATA_DIR
     * @param redis    REDIS_URL: room events, presence and the other live state shared between nodes
     * @param nodeId   NODE_ID: this node's name in logs and in what it publishes; generated when unset
     * @param nodeUrl  NODE_URL: the base URL other nodes reach this one at; derived from HOST and PORT when unset
     */
    public record Cluster(DatabaseUrl database, RedisUrl redis, String nodeId, java.net.URI nodeUrl) {

        public static final Cluster NONE = new Cluster(null, null, null, null);

        public Cluster {
            if (nodeId != null && nodeId.isBlank()) {
                nodeId = null;
            }
            if (nodeId != null && !nodeId.matches("[A-Za-z0-9._-]{1,40}")) {
                throw new SettingsException("NODE_ID must be 1-40 letters, digits, '.', '_' or '-', got '" + nodeId + "'");
            }
        }

        public Cluster withDatabase(DatabaseUrl value) {
            return new Cluster(value, redis, nodeId, nodeUrl);
        }

        public Cluster withRedis(RedisUrl value) {
            return new Cluster(database, value, nodeId, nodeUrl);
        }

        public Cluster withNodeId(String value) {
            return new Cluster(database, redis, value, nodeUrl);
        }

        public Cluster withNodeUrl(java.net.URI value) {
            return new Cluster(database, redis, nodeId, value);
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
        if (drainSeconds < 0 || drainSeconds > 300) {
            throw new SettingsException("DRAIN_SECONDS must be 0..300, got " + drainSeconds);
        }
    }

    /** Every setting at its default ({@link Setting}): the start of the loader and of tests' variants. */
    public static Settings defaults() {
        return Setting.defaults().build();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    // One-line variants kept for tests and callers: {@code Settings.defaults().withPort(0)}.

    public Settings withHost(String value) {
        return toBuilder().host(value).build();
    }

    public Settings withPort(int value) {
        return toBuilder().port(value).build();
    }

    public Settings withDebug(boolean value) {
        return toBuilder().debug(value).build();
    }

    public Settings withSecretKey(String value) {
        return toBuilder().secretKey(value).build();
    }

    public Settings withAdminPassword(String value) {
        return toBuilder().adminPassword(value).build();
    }

    public Settings withDataDir(Path value) {
        return toBuilder().dataDir(value).build();
    }

    public Settings withAllowedOrigins(List<String> value) {
        return toBuilder().allowedOrigins(value).build();
    }

    public Settings withMaxConnectionsPerAddress(int value) {
        return toBuilder().maxConnectionsPerAddress(value).build();
    }

    public Settings withTrustedProxies(List<String> value) {
        return toBuilder().trustedProxies(value).build();
    }

    public Settings withBudgets(Budgets value) {
        return toBuilder().budgets(value).build();
    }

    public Settings withMetrics(Metrics value) {
        return toBuilder().metrics(value).build();
    }

    public Settings withCluster(Cluster value) {
        return toBuilder().cluster(value).build();
    }

    /**
     * The mutable side of {@link Settings}: the loader applies each {@link Setting} to one, then
     * {@link #build()} validates the whole (each check names its key). Not thread-safe; build once.
     */
    public static final class Builder {

        private String host;
        private int port;
        private boolean debug;
        private String secretKey;
        private String adminPassword;
        private Path dataDir;
        private List<String> allowedOrigins = List.of();
        private int maxConnectionsPerAddress;
        private List<String> trustedProxies = List.of();
        private int maxConnections;
        private int roomsPerAddress;
        private int joinsPerAddress;
        private String metricsToken;
        private List<String> metricsAllowed = Metrics.LOOPBACK;
        private Cluster cluster = Cluster.NONE;
        private int drainSeconds;

        /** Empty; {@link Settings#defaults()} or {@link Settings#toBuilder()} give a filled one. */
        Builder() {
        }

        private Builder(Settings from) {
            host = from.host;
            port = from.port;
            debug = from.debug;
            secretKey = from.secretKey;
            adminPassword = from.adminPassword;
            dataDir = from.dataDir;
            allowedOrigins = from.allowedOrigins;
            maxConnectionsPerAddress = from.maxConnectionsPerAddress;
            trustedProxies = from.trustedProxies;
            budgets(from.budgets);
            metrics(from.metrics);
            cluster = from.cluster;
            drainSeconds = from.drainSeconds;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder debug(boolean value) {
            debug = value;
            return this;
        }

        public Builder secretKey(String value) {
            secretKey = value;
            return this;
        }

        public Builder adminPassword(String value) {
            adminPassword = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder allowedOrigins(List<String> value) {
            allowedOrigins = value;
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            maxConnectionsPerAddress = value;
            return this;
        }

        public Builder trustedProxies(List<String> value) {
            trustedProxies = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder roomsPerAddress(int value) {
            roomsPerAddress = value;
            return this;
        }

        public Builder joinsPerAddress(int value) {
            joinsPerAddress = value;
            return this;
        }

        public Builder budgets(Budgets value) {
            maxConnections = value.maxConnections();
            roomsPerAddress = value.roomsPerAddress();
            joinsPerAddress = value.joinsPerAddress();
            return this;
        }

        public Builder metricsToken(String value) {
            metricsToken = value;
            return this;
        }

        public Builder metricsAllowed(List<String> value) {
            metricsAllowed = value;
            return this;
        }

        public Builder metrics(Metrics value) {
            metricsToken = value.token();
            metricsAllowed = value.allowed();
            return this;
        }

        public Builder drainSeconds(int value) {
            drainSeconds = value;
            return this;
        }

        public Builder databaseUrl(String value) {
            cluster = cluster.withDatabase(value == null || value.isBlank() ? null : DatabaseUrl.parse(value));
            return this;
        }

        public Builder redisUrl(String value) {
            cluster = cluster.withRedis(value == null || value.isBlank() ? null : RedisUrl.parse(value));
            return this;
        }

        public Builder nodeUrl(String value) {
            if (value == null || value.isBlank()) {
                cluster = cluster.withNodeUrl(null);
                return this;
            }
            java.net.URI url;
            try {
                url = new java.net.URI(value.trim());
            } catch (java.net.URISyntaxException e) {
                throw new SettingsException("NODE_URL must look like http://10.0.0.11:5000, got '" + value + "'");
            }
            if (!"http".equals(url.getScheme()) || url.getHost() == null) {
                throw new SettingsException("NODE_URL must look like http://10.0.0.11:5000, got '" + value + "'");
            }
            cluster = cluster.withNodeUrl(url);
            return this;
        }

        public Builder nodeId(String value) {
            cluster = cluster.withNodeId(value);
            return this;
        }

        public Builder cluster(Cluster value) {
            cluster = value;
            return this;
        }

        /** @throws SettingsException naming the first setting out of range */
        public Settings build() {
            return new Settings(host, port, debug, secretKey, adminPassword, dataDir, allowedOrigins,
                    maxConnectionsPerAddress, trustedProxies,
                    new Budgets(maxConnections, roomsPerAddress, joinsPerAddress),
                    new Metrics(metricsToken, metricsAllowed), drainSeconds, cluster);
        }
    }

    /** Never prints the secrets. */
    @Override
    public String toString() {
        return "Settings[host=" + host + ", port=" + port + ", debug=" + debug + ", dataDir=" + dataDir
                + ", allowedOrigins=" + allowedOrigins + ", maxConnectionsPerAddress=" + maxConnectionsPerAddress
                + ", trustedProxies=" + trustedProxies + ", budgets=" + budgets + ", metrics=" + metrics + ", drainSeconds=" + drainSeconds + ", cluster=" + cluster + "]";
    }
}
