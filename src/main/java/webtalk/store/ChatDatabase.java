package webtalk.store;

import java.util.Optional;
import webtalk.admin.AuditTrail;
import webtalk.chat.ChatStorage;
import webtalk.chat.MessageSearch;
import webtalk.chat.MessageStats;
import webtalk.security.AdminCredentials;

/**
 * One database engine providing every storage port, as the application opens and closes it:
 * SQLite in DATA_DIR for one node, PostgreSQL for a cluster. Each port keeps its own guarantee
 * (stated on the port, checked by its contract test); this adds only what the application needs
 * to run an engine: metrics of its commits, an online backup where the engine makes one, and close.
 */
public interface ChatDatabase extends ChatStorage, MessageStats, MessageSearch, AuditTrail, AdminCredentials, AutoCloseable {

    /** What room owners and moderators store (keys' hashes, slow mode, topic, pins), in this database. */
    webtalk.chat.RoomOwnership ownership();

    /** From now on each group commit is told to {@code observer} (metrics). */
    void observeCommits(CommitObserver observer);

    /**
     * The online backup the admin panel and {@code webtalk backup} make, if this engine has one
     * WebTalk makes itself; empty where the engine's own tools do it (pg_dump for PostgreSQL).
     */
    Optional<DatabaseBackup> backup();

    /** Polls and their votes, in this database (issue #14). */
    webtalk.chat.PollStore polls();

    /** Stops taking writes, waits for the ones accepted to commit, and releases the engine. */
    @Override
    void close();
}
