package webtalk.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.admin.AuditLog;
import webtalk.admin.Statistics;
import webtalk.chat.ChatError;
import webtalk.chat.ChatService;
import webtalk.config.Settings;
import webtalk.contract.Payloads;
import webtalk.fanout.Fanout;
import webtalk.fanout.LocalFanout;
import webtalk.realtime.ChatSocketHandler;
import webtalk.security.AdminPassword;
import webtalk.security.AdminSessions;
import webtalk.security.AttemptLimiter;
import webtalk.security.ClientAddresses;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHasher;
import webtalk.security.SecretKeyFile;
import webtalk.socketio.SocketIoOptions;
import webtalk.socketio.SocketIoServer;
import webtalk.store.ChatStore;
import webtalk.store.SqliteChatStore;
import webtalk.web.OriginPolicy;
import webtalk.web.SlowRequests;
import webtalk.web.WebApi;

/**
 * A running WebTalk: the only place that knows every part. Production ({@link Main}) and tests
 * start it the same way — {@code try (var app = WebTalk.start(settings.withPort(0))) { app.port() }} —
 * and {@link #close()} stops the parts in reverse order of start.
 */
public final class WebTalk implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebTalk.class);
    /** Chat payloads are small (a message is at most 5,000 characters); refuse anything far larger at the transport. */
    static final int MAX_SOCKET_PAYLOAD = 64 * 1024;
    private static final int THREADS = 32;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** A request's headers and body must all arrive within this (slow-header / slow-body attacks). */
    private static final Duration REQUEST_READ_LIMIT = Duration.ofSeconds(10);

    private final Settings settings;
    private final ChatStore store;
    private final Fanout fanout;
    private final SocketIoServer sockets;
    private final ScheduledExecutorService housekeeping;
    private final Javalin http;
    private volatile boolean closed;

    private WebTalk(Settings settings, ChatStore store, Fanout fanout, SocketIoServer sockets,
                    ScheduledExecutorService housekeeping, Javalin http) {
        this.settings = settings;
        this.store = store;
        this.fanout = fanout;
        this.sockets = sockets;
        this.housekeeping = housekeeping;
        this.http = http;
    }

    public static WebTalk start(Settings settings) {
        return start(settings, password -> LOG.warn(
                "ADMIN_PASSWORD is not set; generated admin password (shown only this once): {}", password));
    }

    /** @param announceGeneratedPassword told the admin password generated on a first start without ADMIN_PASSWORD */
    public static WebTalk start(Settings settings, Consumer<String> announceGeneratedPassword) {
        // First: a bad TRUSTED_PROXIES entry stops the start with one line before anything is opened.
        ClientAddresses clientAddresses = new ClientAddresses(settings.trustedProxies());
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.systemDefault();
        ObjectMapper mapper = new ObjectMapper();
        String secretKey = SecretKeyFile.resolve(settings.secretKey(), settings.dataDir());

        // A committed batch's broadcasts and acks are written together: one write per connection.
        ChatStore store = SqliteChatStore.open(settings.dataDir(), SocketIoServer::batchWrites);
        Fanout fanout = new LocalFanout();
        PasswordHasher hasher = new PasswordHasher();
        ChatService chat = new ChatService(store, fanout, hasher, new JoinTokens(secretKey, clock), clock);
        AdminPassword adminPassword = new AdminPassword(store, hasher, settings.adminPassword(), announceGeneratedPassword);
        OriginPolicy origins = new OriginPolicy(settings.allowedOrigins());

        SocketIoServer sockets = new SocketIoServer(SocketIoOptions.defaults()
                .withMaxPayload(MAX_SOCKET_PAYLOAD)
                .withMaxConnectionsPerAddress(settings.maxConnectionsPerAddress())
                .withOriginAllowed(origins::allows)
                .withMalformedPacketNotice("erro", Payloads.socketError(ChatError.INVALID_PACKET, ChatError.INVALID_PACKET.message())));
        new ChatSocketHandler(chat, fanout, sockets.namespace("/"), zone);

        Statistics statistics = new Statistics(chat, store, sockets::connectionCount, clock, zone);
        WebApi web = new WebApi(chat, statistics, new AuditLog(store, clock), adminPassword, new AdminSessions(clock),
                new AttemptLimiter(5, Duration.ofMinutes(5), clock), origins, clientAddresses, mapper, zone);

        Javalin http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // Few threads: the work per request is short and mostly non-blocking; hundreds of threads
            // on a core or two only add context switches (measured in docs/benchmarks.md).
            config.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(THREADS, 4);
            config.jetty.addConnector((server, httpConfiguration) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
                connector.setHost(settings.host());
                connector.setPort(settings.port());
                // Above the 25 s an Engine.IO long-poll is held, so a held poll is never cut as idle.
                connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                new SlowRequests(REQUEST_READ_LIMIT).attachTo(connector);
                return connector;
            });
            config.jsonMapper(new JavalinJackson(mapper, false));
            // On stop, requests in flight get up to 5 s to finish; then the process exits regardless.
            config.jetty.modifyServer(server -> server.setStopTimeout(5_000));
            web.install(config);
            sockets.mount(config);
        });
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webtalk-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        try {
            http.start();
        } catch (RuntimeException e) {
            housekeeping.shutdownNow();
            sockets.close();
            store.close();
            throw e;
        }
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                chat.moderation().closeIdleRooms();
            } catch (RuntimeException e) {
                LOG.error("closing idle rooms failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.MINUTES);
        return new WebTalk(settings, store, fanout, sockets, housekeeping, http);
    }

    public int port() {
        return http.port();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Stops in reverse order of start: no new Socket.IO sessions and every client told (close
     * packet: clients reconnect and catch up elsewhere or later), HTTP stops accepting and lets
     * requests in flight finish (bounded), then the store closes after its last write commits.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        housekeeping.shutdownNow();
        sockets.close();
        http.stop();
        fanout.close();
        store.close();
    }
}
