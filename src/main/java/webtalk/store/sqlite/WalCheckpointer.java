package webtalk.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the WAL back into the database file on a thread and connection of its own, so that the
 * message writer never waits for it. Left to SQLite, the commit that takes the WAL past 1,000 pages
 * checkpoints it: it copies those pages and syncs both files while every message behind it waits
 * (issue #16: under load that commit is one of the slowest deliveries' causes).
 * A {@code PASSIVE} checkpoint here runs beside the writer (SQLite lets a checkpoint and a write
 * transaction proceed at once) and copies what no reader still needs.
 *
 * <p>It runs every {@link #INTERVAL}; with nothing new in the WAL a checkpoint reads one header
 * and syncs nothing. The WAL is synced at every checkpoint ({@code synchronous=NORMAL}), so a power
 * loss now takes at most about that long of the last commits, where it could take up to 1,000 pages
 * before. The writer still checkpoints by itself past {@link #WRITER_FALLBACK_PAGES} (see
 * {@link #writerSettings}), so a checkpointer that cannot keep up (or has failed) bounds the WAL.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    static final Duration INTERVAL = Duration.ofMillis(500);
    /**
     * The writer's own checkpoint threshold, in pages of 4 KiB (16 MiB of WAL). Under writes that never
     * pause, a checkpoint beside the writer seldom finds the WAL fully copied, which SQLite needs to
     * start the WAL file over; the writer's own checkpoint does, and by then this thread has copied
     * most of it, so that one is short. The store benchmark's WAL file peaked at 19 MB with 4,000
     * pages, 44 MB with 10,000 (6.6 MB with SQLite's 1,000 and no checkpointer).
     */
    static final int WRITER_FALLBACK_PAGES = 4_000;

    private final Connection connection;
    private final Thread thread;
    private volatile boolean closing;
    /** A failure is logged once, then again only after a checkpoint succeeded. */
    private boolean failureLogged;

    /** Starts checkpointing through {@code connection}, which it owns and closes. */
    WalCheckpointer(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::run, "webtalk-wal-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    /** What the writer's connection needs: checkpointing left to this class up to the fallback. */
    static void writerSettings(Connection writer) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = " + WRITER_FALLBACK_PAGES);
        }
    }

    private void run() {
        while (!closing) {
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                break;  // close()
            }
            checkpoint();
        }
    }

    /** One passive checkpoint: copies what it can, never waits for the writer or a reader. */
    private void checkpoint() {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            failureLogged = false;
        } catch (SQLException e) {
            if (!closing && !failureLogged) {
                failureLogged = true;
                LOG.error("WAL checkpoint failed ({}); the writer checkpoints by itself past {} pages", e.getMessage(),
                        WRITER_FALLBACK_PAGES);
            }
        }
    }

    boolean running() {
        return thread.isAlive();
    }

    /** Stops the thread, waiting for a checkpoint under way, then closes the connection. */
    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("closing the WAL checkpoint connection: {}", e.getMessage());
        }
    }
}
