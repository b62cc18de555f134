package webtalk.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Every process-level setting, once: its key (the same in the properties file and the
 * environment), the default it starts from, how its text is read into {@link Settings}, and the
 * line that documents it. {@link SettingsLoader} reads the keys from here, {@link Settings#defaults()}
 * is built from the defaults here, and {@code src/dist/conf/webtalk.properties} is this list written
 * out (a test keeps the file equal to {@link #exampleFile()}; the README's table must name every key).
 * Declared in the order the documentation lists them.
 */
enum Setting {

    HOST("0.0.0.0", "0.0.0.0",
            "Address to listen on (0.0.0.0: every interface; 127.0.0.1 behind a reverse proxy on this host).",
            (b, v) -> b.host(v)),
    PORT(String.valueOf(Settings.DEFAULT_PORT), String.valueOf(Settings.DEFAULT_PORT),
            "Port for the pages, the REST API and Socket.IO.",
            (b, v) -> b.port(Parse.port(v))),
    DEBUG("false", "false",
            "WebTalk's own debug log lines (connections opened and closed, with the reason); never secrets or message bodies.",
            (b, v) -> b.debug(Parse.bool("DEBUG", v))),
    SECRET_KEY(null, "",
            "Signs room join tokens. Unset: generated once into DATA_DIR/secret.key (keep that file private).",
            (b, v) -> b.secretKey(v)),
    ADMIN_PASSWORD(null, "",
            "The admin panel's password (stored only as an Argon2id hash). Unset: generated and printed once at the first start.",
            (b, v) -> b.adminPassword(v)),
    DATA_DIR("data", "/var/lib/webtalk",
            "Where the SQLite database (webtalk.db), the secret key and the lock live. A relative path is relative to the\n"
                    + "working directory: for a service, give an absolute one. One DATA_DIR serves one WebTalk.",
            (b, v) -> b.dataDir(Path.of(v))),
    ALLOWED_ORIGINS("", "https://chat.example.org",
            "Other browser origins allowed to connect, comma-separated (the server's own origin always is).",
            (b, v) -> b.allowedOrigins(Parse.commaList(v))),
    MAX_CONNECTIONS_PER_ADDRESS("200", "200",
            "Open Socket.IO connections one client address may hold (0: no limit).",
            (b, v) -> b.maxConnectionsPerAddress(Parse.count("MAX_CONNECTIONS_PER_ADDRESS", v))),
    MAX_CONNECTIONS(String.valueOf(Settings.Budgets.AUTOMATIC), "",
            "Open Socket.IO connections in all; past it the handshake gets 503 (0: no limit). Default: the open-file limit less 512.",
            (b, v) -> b.maxConnections(Parse.count("MAX_CONNECTIONS", v))),
    ROOMS_PER_ADDRESS("10", "10",
            "Rooms one client address may create in 10 minutes, and four times that a day (0: no limit).",
            (b, v) -> b.roomsPerAddress(Parse.count("ROOMS_PER_ADDRESS", v))),
    JOINS_PER_ADDRESS("600", "600",
            "entrar per minute from one client address, with 5,000 replayed history messages a minute (0: no per-address join budget).",
            (b, v) -> b.joinsPerAddress(Parse.count("JOINS_PER_ADDRESS", v))),
    TRUSTED_PROXIES("", "127.0.0.1,::1",
            "Addresses or CIDRs of your reverse proxies, comma-separated: only from them is X-Forwarded-For (or Forwarded)\n"
                    + "believed. The proxy must append to X-Forwarded-For (nginx: $proxy_add_x_forwarded_for).",
            (b, v) -> b.trustedProxies(Parse.commaList(v))),
    METRICS_ALLOWED(String.join(",", Settings.Metrics.LOOPBACK), String.join(",", Settings.Metrics.LOOPBACK),
            "Addresses or CIDRs that may read /metrics, comma-separated.",
            (b, v) -> b.metricsAllowed(Parse.commaList(v))),
    METRICS_TOKEN(null, "",
            "A Bearer token (16+ characters) that lets a scraper read /metrics from any address.",
            (b, v) -> b.metricsToken(v)),
    DRAIN_SECONDS("0", "5",
            "On SIGTERM, how long to answer /health/ready with 503 while still serving, before clients are told to\n"
                    + "reconnect and the server stops: time for a load balancer to stop sending new clients here.",
            (b, v) -> b.drainSeconds(Parse.count("DRAIN_SECONDS", v))),
    DATABASE_URL(null, "postgresql://webtalk:secret@127.0.0.1:5432/webtalk",
            "A cluster's shared store, libpq style: postgresql://user:password@host:port/database. Unset: SQLite in DATA_DIR.\n"
                    + "With REDIS_URL too, this node is one of a cluster (docs/cluster.md): SECRET_KEY is then required.",
            (b, v) -> b.databaseUrl(v)),
    REDIS_URL(null, "redis://127.0.0.1:6379/0",
            "Where a cluster's nodes share room events, presence, sessions and limits: redis://host:port[/db]. Needs DATABASE_URL.",
            (b, v) -> b.redisUrl(v)),
    NODE_ID(null, "node-1",
            "This node's name in a cluster (letters, digits, '.', '_', '-'). Unset: generated at each start and logged.",
            (b, v) -> b.nodeId(v)),
    NODE_URL(null, "http://10.0.0.11:5000",
            "How the other nodes of a cluster reach this one (they forward a client's long-poll to the node holding its\n"
                    + "session). Unset: http://HOST:PORT, with 127.0.0.1 for HOST 0.0.0.0 (nodes on one machine).",
            (b, v) -> b.nodeUrl(v));

    /** Reads one value (trimmed; blank only for a default list) into the builder; throws {@link SettingsException} naming the key. */
    @FunctionalInterface
    interface Apply {
        void to(Settings.Builder builder, String value);
    }

    /** The text {@link Settings#defaults()} starts from; null: unset (the secrets, generated later). */
    private final String defaultValue;
    /** The value shown, commented out, in the example file. */
    private final String example;
    /** The example file's comment for this setting (lines joined by {@code \n}). */
    private final String doc;
    private final Apply apply;

    Setting(String defaultValue, String example, String doc, Apply apply) {
        this.defaultValue = defaultValue;
        this.example = example;
        this.doc = doc;
        this.apply = apply;
    }

    /** The key in the properties file and in the environment. */
    String key() {
        return name();
    }

    void applyTo(Settings.Builder builder, String value) {
        apply.to(builder, value);
    }

    /** A builder holding every setting's default. */
    static Settings.Builder defaults() {
        Settings.Builder builder = new Settings.Builder();
        for (Setting setting : values()) {
            if (setting.defaultValue != null) {
                setting.applyTo(builder, setting.defaultValue);
            }
        }
        return builder;
    }

    /** {@code src/dist/conf/webtalk.properties}: every setting, commented out, with its line of documentation. */
    static String exampleFile() {
        StringBuilder file = new StringBuilder("""
                # WebTalk settings. Every line is commented out: WebTalk's default applies. An environment variable
                # of the same name wins over this file. bin/webtalk reads this file; another one is chosen with
                # WEBTALK_CONFIG=/path/to/file. The README's settings table says more about each one.
                """);
        for (Setting setting : values()) {
            file.append('\n');
            for (String line : setting.doc.split("\n")) {
                file.append("# ").append(line).append('\n');
            }
            file.append('#').append(setting.key()).append('=').append(setting.example).append('\n');
        }
        file.append("""

                # Not read from this file: LOG_FORMAT (text or json) is an environment variable only, because it is chosen
                # before this file is read, so that even an error in this file is logged in the chosen format.
                """);
        return file.toString();
    }

    /** The parsers, each naming its key in the error. */
    static final class Parse {

        private Parse() {
        }

        static List<String> commaList(String text) {
            return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        static int port(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new SettingsException("PORT must be a number 0..65535, got '" + text + "'");
            }
        }

        static int count(String key, String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new SettingsException(key + " must be a whole number, got '" + text + "'");
            }
        }

        static boolean bool(String key, String text) {
            return switch (text.toLowerCase()) {
                case "1", "true", "yes", "on" -> true;
                case "0", "false", "no", "off" -> false;
                default -> throw new SettingsException(key + " must be true or false, got '" + text + "'");
            };
        }
    }
}
