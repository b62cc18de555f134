package webtalk.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import webtalk.chat.ChatSettings;
import webtalk.chat.Leadership;
import webtalk.chat.Presence;
import webtalk.chat.ReclaimKeys;
import webtalk.chat.RoomEvents;
import webtalk.chat.SettingsChanges;
import webtalk.config.Settings;
import webtalk.fanout.local.LocalRoomEvents;
import webtalk.fanout.local.LocalSettingsChanges;
import webtalk.presence.local.LocalLeadership;
import webtalk.presence.local.LocalPresence;
import webtalk.presence.local.LocalReclaimKeys;
import webtalk.security.AdminSessions;
import webtalk.security.AttemptCounters;
import webtalk.security.InMemoryAdminSessions;
import webtalk.store.sqlite.SqliteChatStore;

/**
 * The one place that chooses how WebTalk runs, and so which implementation of each node-spanning
 * port it gets: the store ({@link #store}) and the live ones (room events, presence, settings
 * changes, leadership, admin sessions: {@link #ports}). A new way of running is a new {@link Mode}
 * and a new case in each switch; they have no default, so a mode without its implementations does
 * not compile.
 */
final class Deployment {

    /** How this process runs. Issue #13 adds the cluster (chosen by DATABASE_URL / REDIS_URL). */
    enum Mode {
        /** One process: SQLite in DATA_DIR, everything live in this JVM. */
        SINGLE_NODE
    }

    /**
     * The live ports for one process of a deployment, and how often its timed chores run for them.
     *
     * @param presenceRefresh how often this node pushes its members' expiry forward
     * @param positionCheck   how often delivery positions are compared with the store (empty: never; one
     *                        node delivers from its own commits, in order, and needs no check)
     */
    record LivePorts(RoomEvents events, Presence presence, SettingsChanges settings, Leadership leadership,
                     AdminSessions adminSessions, ReclaimKeys reclaimKeys, AttemptCounters attempts, Duration presenceRefresh,
                     Optional<Duration> positionCheck) {
    }

    private Deployment() {
    }

    /** @throws StartupException when the settings name a way of running this build does not have */
    static Mode mode(Settings settings) {
        Settings.Cluster cluster = settings.cluster();
        if (cluster.database() == null && cluster.redis() == null) {
            return Mode.SINGLE_NODE;
        }
        throw new StartupException("DATABASE_URL and REDIS_URL (cluster mode) are not supported by this build yet: unset them", null);
    }

    static WebTalk.StoreOpener store(Mode mode) {
        return switch (mode) {
            case SINGLE_NODE -> settings -> SqliteChatStore.open(settings.dataDir());
        };
    }

    /**
     * @param nodeId     stamps this node's room events, so that a node tells its own from others'
     * @param stored     the chat settings as stored: the value in force until a change is published
     */
    static LivePorts ports(Mode mode, String nodeId, ChatSettings stored, Clock clock) {
        return switch (mode) {
            case SINGLE_NODE -> {
                SettingsChanges settings = new LocalSettingsChanges(stored);
                yield new LivePorts(new LocalRoomEvents(nodeId), new LocalPresence(), settings, new LocalLeadership(),
                        new InMemoryAdminSessions(clock), new LocalReclaimKeys(clock, () -> settings.current().maxUsersPerRoom()),
                        AttemptCounters.inMemory(clock),
                        Duration.ofSeconds(10), Optional.empty());
            }
        };
    }
}
