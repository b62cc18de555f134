package webtalk.app;

import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import webtalk.chat.ChatSettings;
import webtalk.chat.Leadership;
import webtalk.chat.Presence;
import webtalk.chat.ReclaimKeys;
import webtalk.chat.RoomEvents;
import webtalk.chat.SettingsChanges;
import webtalk.config.Settings;
import webtalk.fanout.local.LocalRoomEvents;
import webtalk.fanout.local.LocalSettingsChanges;
import webtalk.fanout.redis.RedisRoomEvents;
import webtalk.fanout.redis.RedisSettingsChanges;
import webtalk.presence.local.LocalLeadership;
import webtalk.presence.local.LocalPresence;
import webtalk.presence.local.LocalReclaimKeys;
import webtalk.presence.redis.RedisAdminSessions;
import webtalk.presence.redis.RedisAttempts;
import webtalk.presence.redis.RedisLeadership;
import webtalk.presence.redis.RedisNodeDirectory;
import webtalk.presence.redis.RedisPresence;
import webtalk.presence.redis.RedisReclaimKeys;
import webtalk.redis.RedisConnections;
import webtalk.security.AdminSessions;
import webtalk.security.AttemptCounters;
import webtalk.security.InMemoryAdminSessions;
import webtalk.store.postgres.PostgresChatStore;
import webtalk.store.sqlite.SqliteChatStore;

/**
 * The one place that chooses how WebTalk runs, and so which implementation of each node-spanning
 * port it gets: the store ({@link #store}) and the live ones (room events, presence, settings
 * changes, leadership, admin sessions, reclaim keys, attempt counters: {@link #ports}). A new way
 * of running is a new {@link Mode} and a new case in each switch; they have no default, so a mode
 * without its implementations does not compile.
 */
final class Deployment {

    /** How long a cluster member lives without its node refreshing it: a killed node's members leave within about this. */
    static final Duration PRESENCE_LEASE = Duration.ofSeconds(4);
    static final Duration PRESENCE_REFRESH = Duration.ofSeconds(1);
    /** How often a cluster node compares its rooms' delivered positions with PostgreSQL (the bound for a lost publish). */
    static final Duration POSITION_CHECK = Duration.ofMillis(500);
    static final Duration LEADERSHIP_LEASE = Duration.ofSeconds(10);
    /** A node's entry in the directory other nodes forward requests by. */
    static final Duration NODE_LEASE = Duration.ofSeconds(6);

    /** How this process runs, chosen by DATABASE_URL and REDIS_URL ({@link #mode}). */
    enum Mode {
        /** One process: SQLite in DATA_DIR, everything live in this JVM. */
        SINGLE_NODE,
        /** One process on PostgreSQL (DATABASE_URL without REDIS_URL): the store shared, nothing else. */
        SINGLE_NODE_ON_POSTGRESQL,
        /** One of several nodes: PostgreSQL for what is stored, Redis for what the nodes tell each other. */
        CLUSTER
    }

    /**
     * The live ports for one process of a deployment, and how often its timed chores run for them.
     *
     * @param presenceRefresh how often this node pushes its members' expiry forward
     * @param positionCheck   how often delivery positions are compared with the store (empty: never; one
     *                        node delivers from its own commits, in order, and needs no check)
     * @param link            this node's link to the others, for readiness and a catch-up after it is back
     * @param closeLast       closed after everything that uses them, in this order
     */
    record LivePorts(RoomEvents events, Presence presence, SettingsChanges settings, Leadership leadership,
                     AdminSessions adminSessions, ReclaimKeys reclaimKeys, AttemptCounters attempts, Duration presenceRefresh,
                     Optional<Duration> positionCheck, Optional<Link> link, List<AutoCloseable> closeLast) {
    }

    /** A cluster node's link to the others: whether it is up (cheap), and what to run once it is back after a break. */
    record Link(String reason, BooleanSupplier up, Consumer<Runnable> onRestored, Optional<RedisNodeDirectory> directory) {
    }

    private Deployment() {
    }

    /** @throws StartupException when the settings name no way of running, with what to set */
    static Mode mode(Settings settings) {
        Settings.Cluster cluster = settings.cluster();
        if (cluster.redis() != null && cluster.database() == null) {
            throw new StartupException("REDIS_URL is set without DATABASE_URL: the nodes of a cluster keep their rooms and messages"
                    + " in PostgreSQL — set DATABASE_URL too, or unset REDIS_URL to run one node on SQLite", null);
        }
        if (cluster.redis() != null) {
            if (settings.secretKey() == null || settings.secretKey().isBlank()) {
                throw new StartupException("cluster mode (DATABASE_URL and REDIS_URL) needs SECRET_KEY, the same on every node:"
                        + " a join token signed by one node must be accepted by the others", null);
            }
            return Mode.CLUSTER;
        }
        return cluster.database() != null ? Mode.SINGLE_NODE_ON_POSTGRESQL : Mode.SINGLE_NODE;
    }

    /** NODE_ID, or a name made up for this run (logged at start). */
    static String nodeId(Settings settings) {
        String configured = settings.cluster().nodeId();
        if (configured != null) {
            return configured;
        }
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "node-" + HexFormat.of().formatHex(random);
    }

    static WebTalk.StoreOpener store(Mode mode) {
        return switch (mode) {
            case SINGLE_NODE -> settings -> SqliteChatStore.open(settings.dataDir());
            case SINGLE_NODE_ON_POSTGRESQL, CLUSTER -> settings -> PostgresChatStore.open(settings.cluster().database(), Clock.systemUTC());
        };
    }

    /**
     * @param nodeId     stamps this node's room events, so that a node tells its own from others'
     * @param stored     the chat settings as stored: the value in force until a change is published
     * @param nodeUrl    where the other nodes reach this one (its directory entry)
     */
    static LivePorts ports(Mode mode, Settings settings, String nodeId, String nodeUrl, ChatSettings stored, Clock clock) {
        return switch (mode) {
            case SINGLE_NODE, SINGLE_NODE_ON_POSTGRESQL -> {
                SettingsChanges changes = new LocalSettingsChanges(stored);
                yield new LivePorts(new LocalRoomEvents(nodeId), new LocalPresence(), changes, new LocalLeadership(),
                        new InMemoryAdminSessions(clock), new LocalReclaimKeys(clock, () -> changes.current().maxUsersPerRoom()),
                        AttemptCounters.inMemory(clock), Duration.ofSeconds(10), Optional.empty(), Optional.empty(), List.of());
            }
            case CLUSTER -> {
                Settings.Cluster cluster = settings.cluster();
                // Keys and channels under the database's name: clusters sharing a Redis but not a database never meet.
                RedisConnections redis = new RedisConnections(cluster.redis(), "webtalk:" + cluster.database().database() + ":", nodeId);
                RedisLeadership leadership = new RedisLeadership(redis, LEADERSHIP_LEASE);
                RedisNodeDirectory directory = new RedisNodeDirectory(redis, nodeUrl, NODE_LEASE);
                yield new LivePorts(new RedisRoomEvents(redis), new RedisPresence(redis, clock, PRESENCE_LEASE),
                        new RedisSettingsChanges(redis, stored), leadership, new RedisAdminSessions(redis, clock),
                        new RedisReclaimKeys(redis, clock), RedisAttempts.counters(redis, clock), PRESENCE_REFRESH, Optional.of(POSITION_CHECK),
                        Optional.of(new Link("redis_indisponivel", redis::subscriptionAlive, redis::onSubscriptionRestored,
                                Optional.of(directory))),
                        List.of(directory, leadership, redis));
            }
        };
    }
}
