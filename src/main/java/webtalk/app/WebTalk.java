package webtalk.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.admin.AuditLog;
import webtalk.admin.Retention;
import webtalk.admin.RoomExport;
import webtalk.admin.Statistics;
import webtalk.chat.AddressBudgets;
import webtalk.chat.ChatError;
import webtalk.chat.ChatLimits;
import webtalk.chat.ChatParts;
import webtalk.chat.ChatService;
import webtalk.chat.ChatStorage;
import webtalk.chat.StoreHealth;
import webtalk.chat.OwnerPollPermissions;
import webtalk.chat.Polls;
import webtalk.chat.Connections;
import webtalk.chat.LiveRooms;
import webtalk.chat.Moderation;
import webtalk.chat.Presence;
import webtalk.chat.RecentActivity;
import webtalk.chat.RoomEvents;
import webtalk.chat.RoomSearch;
import webtalk.chat.SettingsChanges;
import webtalk.config.Settings;
import webtalk.contract.ChatEvents;
import webtalk.contract.Payloads;
import webtalk.ops.Metrics;
import webtalk.ops.MetricsAccess;
import webtalk.ops.OpsRoutes;
import webtalk.ops.Readiness;
import webtalk.realtime.ChatSocketHandler;
import webtalk.realtime.OwnerSocketHandler;
import webtalk.chat.RoomOwners;
import webtalk.chat.SlowMode;
import webtalk.security.AdminPassword;
import webtalk.security.ClientAddresses;
import webtalk.security.JoinTokens;
import webtalk.security.PasswordHasher;
import webtalk.security.PasswordHashing;
import webtalk.security.RateLimiter;
import webtalk.security.TokenKey;
import webtalk.socketio.SocketIoOptions;
import webtalk.socketio.SocketIoServer;
import webtalk.store.ChatDatabase;
import webtalk.store.StoreException;
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
    /** Under DATA_DIR: where a backup downloaded from the admin panel is written before it is sent (same disk as the database). */
    static final String BACKUP_SPOOL = "backups-em-envio";

    private final Settings settings;
    private final DataDirLock dataDir;
    private final Metrics metrics;
    private final Readiness readiness;
    private final ChatDatabase store;
    private final RoomEvents fanout;
    private final ExecutorService repairs;
    private final java.util.List<AutoCloseable> closeLast;
    private final SocketIoServer sockets;
    private final Housekeeping housekeeping;
    private final Javalin http;
    private volatile boolean closed;

    private WebTalk(Settings settings, DataDirLock dataDir, Metrics metrics, Readiness readiness, ChatDatabase store, RoomEvents fanout,
                    ExecutorService repairs, java.util.List<AutoCloseable> closeLast, SocketIoServer sockets, Housekeeping housekeeping,
                    Javalin http) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.metrics = metrics;
        this.readiness = readiness;
        this.store = store;
        this.fanout = fanout;
        this.repairs = repairs;
        this.closeLast = closeLast;
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
        return start(settings, announceGeneratedPassword, Deployment.store(Deployment.mode(settings)));
    }

    /** Opens the store the settings name (SQLite in DATA_DIR, or DATABASE_URL's). */
    public interface StoreOpener {
        ChatDatabase open(Settings settings);
    }

    /**
     * Like {@link #start(Settings, Consumer)} with the store {@code openStore} opens (tests reach a
     * store's own hooks this way).
     *
     * @throws StartupException for anything the operator must fix, in one sentence that says what to do
     */
    public static WebTalk start(Settings settings, Consumer<String> announceGeneratedPassword, StoreOpener openStore) {
        // First: a bad TRUSTED_PROXIES entry stops the start with one line before anything is opened.
        ClientAddresses clientAddresses = new ClientAddresses(settings.trustedProxies());
        MetricsAccess metricsAccess = new MetricsAccess(settings.metrics(), clientAddresses);
        DataDirLock dataDir = DataDirLock.acquire(settings.dataDir());
        ListeningSocket listening;
        try {
            listening = ListeningSocket.open(settings);
        } catch (StartupException e) {
            dataDir.close();
            throw e;
        }
        JettyReferenceSize.tellJetty();
        // Opening the store (SQLite, migrations; mostly class loading) runs on the second core while
        // this one builds the metrics registry and the JSON mapper: a shorter start (docs/operations.md).
        CompletableFuture<ChatDatabase> opening = CompletableFuture.supplyAsync(
                () -> openStore.open(settings), WebTalk::startThread);
        Metrics metrics = null;
        try {
            metrics = new Metrics();
            return start(settings, announceGeneratedPassword, opening, dataDir, listening, clientAddresses, metricsAccess, metrics);
        } catch (RuntimeException e) {
            listening.closeIfOwn();
            if (metrics != null) {
                metrics.close();
            }
            opening.thenAccept(ChatDatabase::close).exceptionally(failure -> null).join();
            dataDir.close();
            throw e;
        }
    }

    private static WebTalk start(Settings settings, Consumer<String> announceGeneratedPassword, CompletableFuture<ChatDatabase> opening,
                                 DataDirLock dataDir, ListeningSocket listening, ClientAddresses clientAddresses,
                                 MetricsAccess metricsAccess,
                                 Metrics metrics) {
        Clock clock = Clock.systemUTC();
        ZoneId zone = ZoneId.systemDefault();
        ObjectMapper mapper = new ObjectMapper();
        TokenKey tokenKey;
        try {
            tokenKey = TokenKey.configured(settings.secretKey(), settings.dataDir());
        } catch (IllegalStateException e) {
            throw new StartupException(e.getMessage(), e);
        }
        ChatDatabase store = opened(opening);
        store.observeCommits(metrics.commits());
        // Each committed batch's broadcasts and acks are collected, then written once per connection.
        store.completeCommitsIn(SocketIoServer::batchWrites);
        Readiness readiness = new Readiness(store, clock);
        Deployment.Mode mode = Deployment.mode(settings);
        String nodeId = Deployment.nodeId(settings);
        Deployment.LivePorts live = liveParts(mode, settings, nodeId, store, clock);
        live.link().ifPresent(link -> readiness.requires(link.reason(), link.up()));
        RoomEvents fanout = live.events();
        Presence presence = live.presence();
        SettingsChanges chatSettings = live.settings();
        // One pool for every hash (rooms, room passwords, the admin's): at most one per core at once.
        PasswordHashing hasher = PasswordHashing.perCore(new PasswordHasher());
        Settings.Budgets budgets = settings.budgets();
        // Gaps in a room's delivery (a cluster's fan-out lost a message) are filled from the store on this thread.
        ExecutorService repairs = Executors.newSingleThreadExecutor(daemon("webtalk-delivery-repair"));
        JoinTokens joinTokens = new JoinTokens(tokenKey, clock);
        ChatParts parts = chatParts(store, live, new AddressBudgets(budgets.roomsPerAddress(), budgets.joinsPerAddress()), repairs, clock);
        ChatService chat = new ChatService(store, fanout, hasher, joinTokens, clock, metrics.chat(), parts);
        // Room owners and moderators (issue #14): their slow mode checks every message, on every node.
        SlowMode slowMode = new SlowMode(store.ownership(), clock);
        chat.checkSendsWith(slowMode);
        RoomOwners roomOwners = new RoomOwners(store.ownership(), parts.rooms(), parts.moderation(), fanout, slowMode, clock);
        AuditLog audit = new AuditLog(store, clock);
        // Poll permissions follow the room's owners: the role is the connection's, so the realtime layer answers it.
        OwnerSocketHandler ownerSockets = new OwnerSocketHandler(roomOwners, audit, zone);
        Polls polls = new Polls(store.polls(), fanout, parts.rooms(), joinTokens, clock, new OwnerPollPermissions(roomOwners, ownerSockets));
        AdminPassword adminPassword = new AdminPassword(store, hasher, settings.adminPassword(), announceGeneratedPassword);
        OriginPolicy origins = new OriginPolicy(settings.allowedOrigins());

        // A cluster's sids name their node, so a stray long-poll or upgrade is forwarded to its owner.
        Optional<DirectoryRouting> routing = live.link().flatMap(Deployment.Link::directory)
                .map(directory -> new DirectoryRouting(directory, nodeId));
        SocketIoOptions socketOptions = SocketIoOptions.defaults();
        if (routing.isPresent()) {
            socketOptions = socketOptions.withSessionRouting(routing.get());
        }
        SocketIoServer sockets = new SocketIoServer(socketOptions
                .withMaxPayload(MAX_SOCKET_PAYLOAD)
                .withMaxConnectionsPerAddress(settings.maxConnectionsPerAddress())
                .withMaxConnections(ConnectionCeiling.of(budgets.maxConnections()))
                .withClientAddress(clientAddresses::resolve)
                .withOriginAllowed(origins::allows)
                // No chat listener asks a socket for a handshake header: keeping none saves each
                // connection a copy of its user agent, host, origin and languages.
                .withKeptHeaders(Set.of())
                .withMalformedPacketNotice(ChatEvents.ERROR, Payloads.socketError(ChatError.INVALID_PACKET, ChatError.INVALID_PACKET.message())));
        new ChatSocketHandler(chat, sockets.namespace("/"), zone, polls, ownerSockets);
        // Every node hears each settings change (SettingsChanges) and tells its own connections.
        chatSettings.subscribe(changed -> sockets.namespace("/").all().emit(ChatEvents.LIMITS_CHANGED, Payloads.limits(changed)));
        metrics.connections(sockets::connectionCount, sockets::webSocketConnectionCount);
        metrics.socketStats(sockets.stats());
        metrics.rooms(chat::liveRooms, chat::usersOnline);
        OpsRoutes ops = new OpsRoutes(readiness, metrics, metricsAccess);

        Statistics statistics = new Statistics(chat, store, store, store, sockets::connectionCount, clock, zone);
        Retention retention = new Retention(store, store, chat::settings, audit, clock);
        RateLimiter searchesPerAddress = new RateLimiter(() -> RoomSearch.PER_MINUTE, () -> RoomSearch.BURST, clock);
        WebApi.Data data = new WebApi.Data(store.backup(), settings.dataDir().resolve(BACKUP_SPOOL),
                new RoomExport(store, store, mapper, zone), retention, clock);
        WebApi web = new WebApi(chat, statistics, audit, adminPassword, live.adminSessions(),
                live.attempts().counter("login-admin", 5, Duration.ofMinutes(5)), origins, clientAddresses, mapper, zone, data, polls,
                new RoomSearch(store, store, joinTokens, searchesPerAddress), roomOwners);

        Javalin http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            // Few threads: the work per request is short and mostly non-blocking; hundreds of threads
            // on a core or two only add context switches (measured in docs/benchmarks.md).
            config.jetty.threadPool = new org.eclipse.jetty.util.thread.QueuedThreadPool(THREADS, 4);
            config.jetty.addConnector((server, httpConfiguration) -> {
                ServerConnector connector;
                try {
                    // Bound at the start's beginning, or passed by systemd: see ListeningSocket.
                    connector = listening.connector(server, new HttpConnectionFactory(httpConfiguration), settings);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                // Above the 25 s an Engine.IO long-poll is held, so a held poll is never cut as idle.
                connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                new SlowRequests(REQUEST_READ_LIMIT).attachTo(connector);
                return connector;
            });
            config.jsonMapper(new JavalinJackson(mapper, false));
            // On stop, requests in flight get up to 5 s to finish; then the process exits regardless.
            config.jetty.modifyServer(server -> server.setStopTimeout(5_000));
            web.install(config);
            ops.install(config);
            sockets.mount(config);
        });
        Housekeeping housekeeping = new Housekeeping(live.leadership());
        try {
            http.start();
            // A first start's password is hashed beside the HTTP stack's start; started means it is
            // stored (and a generated one announced). A restart checks ADMIN_PASSWORD at its first use.
            adminPassword.awaitStarted();
        } catch (RuntimeException e) {
            housekeeping.close();
            sockets.close();
            throw listenFailure(settings, e);
        }
        live.link().ifPresent(link -> {
            // Whatever the fan-out dropped while the link was down is read from the store.
            link.onRestored().accept(chat::checkPositions);
            // Joins and leaves it dropped are not stored: the members here are told what changed meanwhile.
            link.onRestored().accept(chat::resyncPresence);
            link.directory().ifPresent(directory -> {
                directory.announce();
                housekeeping.local("announcing this node", directory::announce, NODE_ANNOUNCE.toMillis(), NODE_ANNOUNCE.toMillis(),
                        TimeUnit.MILLISECONDS);
            });
            routing.ifPresent(nodes -> {
                nodes.refresh();
                housekeeping.local("reading the node directory", nodes::refresh, 1, 1, TimeUnit.SECONDS);
            });
            LOG.info("cluster node {} ({}) joined: store {}, Redis {}", nodeId, nodeUrl(settings), settings.cluster().database(),
                    settings.cluster().redis());
        });
        housekeeping.shared("closing idle rooms", () -> chat.moderation().closeIdleRooms(), 1, 1, TimeUnit.MINUTES);
        housekeeping.local("sweeping expired limits and keys", chat::sweepExpired, 1, 1, TimeUnit.MINUTES);
        housekeeping.local("sweeping poll limits", polls::sweep, 1, 1, TimeUnit.MINUTES);
        housekeeping.local("sweeping search limits", searchesPerAddress::sweep, 1, 1, TimeUnit.MINUTES);
        housekeeping.local("refreshing presence", chat::refreshPresence, live.presenceRefresh().toMillis(), live.presenceRefresh().toMillis(),
                TimeUnit.MILLISECONDS);
        // Every node sweeps: a member of a dead node is swept (and its room told) by exactly one of them.
        housekeeping.local("removing members of stopped nodes", chat::departExpiredMembers, 1, 1, TimeUnit.SECONDS);
        live.positionCheck().ifPresent(period -> housekeeping.local("checking delivery positions", chat::checkPositions,
                period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS));
        // Retention deletes in short batches (see Retention); hourly is enough for a rule counted in days.
        housekeeping.shared("applying message retention", () -> retention.apply()
                .forEach((room, count) -> LOG.info("retention deleted {} messages of room {}", count, room)), 2, 60, TimeUnit.MINUTES);
        return new WebTalk(settings, dataDir, metrics, readiness, store, fanout, repairs, live.closeLast(), sockets, housekeeping, http);
    }

    /**
     * This node's live parts, built here and injected: limiters, room state over the chosen
     * presence, moderation; each reads the settings in force from {@code chatSettings}.
     */
    private static ChatParts chatParts(ChatStorage store, Deployment.LivePorts live, AddressBudgets budgets, Executor repairs,
                                       Clock clock) {
        SettingsChanges chatSettings = live.settings();
        LiveRooms rooms = new LiveRooms(store, live.events(), live.presence(), new Connections(), live.reclaimKeys());
        RecentActivity activity = new RecentActivity(10, clock);
        Moderation moderation = new Moderation(store, live.events(), clock, rooms, activity, chatSettings::current);
        return new ChatParts(chatSettings, rooms, moderation, ChatLimits.of(budgets, chatSettings::current, live.attempts(), clock),
                activity, repairs);
    }

    /** How often a cluster node renews its entry in the node directory (a third of its lease). */
    private static final Duration NODE_ANNOUNCE = Duration.ofSeconds(2);

    /** The live ports; a Redis that cannot be reached at start is the operator's to fix, in one sentence. */
    private static Deployment.LivePorts liveParts(Deployment.Mode mode, Settings settings, String nodeId, ChatDatabase store,
                                                  Clock clock) {
        try {
            return Deployment.ports(mode, settings, nodeId, nodeUrl(settings), store.loadChatSettings(), clock);
        } catch (webtalk.chat.StorageException e) {
            throw new StartupException("cannot reach Redis at " + settings.cluster().redis() + " (REDIS_URL): " + e.getMessage(), e);
        }
    }

    /** NODE_URL, or this node's HOST:PORT as another process on this machine reaches it. */
    private static String nodeUrl(Settings settings) {
        if (settings.cluster().nodeUrl() != null) {
            return settings.cluster().nodeUrl().toString();
        }
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            host = "127.0.0.1";
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + settings.port();
    }

    /** A store that cannot open is the operator's to fix: its one sentence becomes the start's. */
    private static ChatDatabase opened(CompletableFuture<ChatDatabase> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException cause) {
                throw new StartupException(cause.getMessage(), cause);
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static Thread startThread(Runnable task) {
        Thread thread = new Thread(task, "webtalk-start");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Jetty's own start failed (the port is bound already, by {@link ListeningSocket}, which names
     * a port in use): one line for the operator, before Javalin would log its stack trace.
     */
    private static StartupException listenFailure(Settings settings, RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new StartupException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + root, e);
    }

    /**
     * Whether messages are being stored: false while the disk is full or the store's writer fails,
     * with the reason in {@link #storeHealth()}. For the health endpoint; cheap (a volatile read).
     */
    public boolean healthy() {
        return store.health().ok();
    }

    public StoreHealth storeHealth() {
        return store.health();
    }

    /**
     * Marks this server not ready ({@code /health/ready} answers 503 {@code encerrando}) while it
     * keeps serving: a load balancer stops sending new clients before {@link #close()}. Close does
     * it first in any case.
     */
    public void drain() {
        readiness.drain();
    }

    public int port() {
        return http.port();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * New connections wait in the accept queue from now on instead of reaching a server that is
     * closing (which could only refuse them). With a socket the service manager holds, the next
     * process accepts them; without one, they fail when this process exits a moment later, and
     * their clients' next try finds the restarted server already listening ({@link ListeningSocket}).
     * Jetty's acceptor may take one more connection that was already being accepted.
     */
    private void stopAccepting() {
        for (org.eclipse.jetty.server.Connector connector : http.jettyServer().server().getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.AbstractConnector accepting) {
                accepting.setAccepting(false);
            }
        }
    }

    /**
     * Stops in reverse order of start: no new connection accepted, no new Socket.IO session and
     * every client told (close packet: clients reconnect and catch up elsewhere or later), HTTP
     * lets requests in flight finish (bounded), then the store closes after its last write
     * commits, and DATA_DIR is released last.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAccepting();
        readiness.drain();
        housekeeping.close();
        sockets.close();
        http.stop();
        fanout.close();
        repairs.shutdownNow();
        for (AutoCloseable link : closeLast) {
            try {
                link.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", link.getClass().getSimpleName(), e.toString());
            }
        }
        store.close();
        metrics.close();
        dataDir.close();
    }
}
