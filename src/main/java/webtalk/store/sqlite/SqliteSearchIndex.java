package webtalk.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import webtalk.store.SqlLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the search index (FTS5, migrations V10 and V12) up to the stored messages, a few hundred
 * at a time. A message's commit only queues its key in {@code message_search_pending}; indexing it
 * there made FTS5 write a segment per group-commit batch, about 13 % of the CPU per delivery at 400
 * messages a second (issue #16). Here one transaction indexes what waits, so FTS5 writes one segment
 * per {@link #BATCH} messages.
 *
 * <p>When: the message writer reports what it committed ({@link #stored}) and asks after every
 * turn of its loop ({@link #catchUpIfDue}), so a message waits at most {@link #MAX_WAIT_NANOS} plus
 * one turn (100 ms when idle), or until {@link #BATCH} wait; and a search first indexes everything
 * that waits ({@link #catchUp}), so it finds every message stored before it. What waits is stored
 * with its message, so a crash loses nothing: the next start indexes it.
 *
 * <p>Thread-safe: everything runs under the store's write lock, on its writer connection.
 */
final class SqliteSearchIndex {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteSearchIndex.class);

    /** Messages left waiting before the writer indexes them: one FTS5 segment for this many. */
    static final int BATCH = 256;
    /** The longest a stored message waits for the index while few messages come. */
    static final long MAX_WAIT_NANOS = 1_000_000_000L;
    /**
     * Rows per transaction: bounds how long one catch-up holds the write lock, and so how long a
     * message that arrives meanwhile waits for its commit (a few milliseconds).
     */
    private static final int ROWS_PER_TRANSACTION = 512;

    private static final String LAST_OF_NEXT = "SELECT max(key) FROM"
            + " (SELECT key FROM message_search_pending ORDER BY key" + SqlLimit.clause(ROWS_PER_TRANSACTION) + ")";
    private static final String INDEX = "INSERT INTO message_search (rowid, room, text)"
            + " SELECT k.key, k.room_id, m.text FROM message_search_pending p"
            + " JOIN message_search_keys k ON k.key = p.key"
            + " JOIN messages m ON m.room_id = k.room_id AND m.id = k.message_id"
            + " WHERE p.key <= ? ORDER BY p.key";
    private static final String DEQUEUE = "DELETE FROM message_search_pending WHERE key <= ?";

    private final Connection writer;
    private final ReentrantLock writeLock;
    /** Messages stored and not yet indexed, as far as this process knows. Under writeLock. */
    private long waiting;
    /** When the oldest of them was stored (System.nanoTime). Under writeLock. */
    private long waitingSince;
    /** A failure is logged once, not at every turn of the writer, until a catch-up succeeds. */
    private boolean failureLogged;

    /** Reads what an earlier process left waiting (its stop, or a crash): the writer's first turn indexes it. */
    SqliteSearchIndex(Connection writer, ReentrantLock writeLock) throws SQLException {
        this.writer = writer;
        this.writeLock = writeLock;
        try (PreparedStatement query = writer.prepareStatement("SELECT count(*) FROM message_search_pending");
             ResultSet rs = query.executeQuery()) {
            rs.next();
            waiting = rs.getLong(1);
            waitingSince = System.nanoTime() - MAX_WAIT_NANOS;
        }
    }

    /** The writer committed {@code messages} new messages, their keys wait; called under the commit's lock. */
    void stored(int messages) {
        writeLock.lock();
        try {
            if (waiting == 0) {
                waitingSince = System.nanoTime();
            }
            waiting += messages;
        } finally {
            writeLock.unlock();
        }
    }

    /** Indexes what waits if {@link #BATCH} messages wait or the oldest has waited its time. Never throws. */
    void catchUpIfDue() {
        writeLock.lock();
        try {
            if (waiting >= BATCH || (waiting > 0 && System.nanoTime() - waitingSince >= MAX_WAIT_NANOS)) {
                catchUp();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Indexes every message that waits. Never throws: the messages are stored whatever happens here
     * and a later turn retries; meanwhile (a full disk) a search reads what is indexed.
     */
    void catchUp() {
        writeLock.lock();
        try {
            if (waiting == 0) {
                // Nothing waits: only this process's writer adds to the queue (its data directory is
                // locked to it), and it counts a batch under the lock of the batch's commit.
                return;
            }
            while (indexNext() > 0) {
                // one bounded transaction at a time
            }
            waiting = 0;
            failureLogged = false;
        } catch (SQLException | RuntimeException e) {
            if (!failureLogged) {
                failureLogged = true;
                LOG.error("search index: catching up failed ({}); the messages are stored, a search finds only"
                        + " those indexed until a catch-up succeeds (retried after every batch and before every search)",
                        e.toString());
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Indexes the next {@link #ROWS_PER_TRANSACTION} waiting messages in one transaction; returns how many. */
    private int indexNext() throws SQLException {
        return Transactions.run(writer, () -> {
            long last;
            try (PreparedStatement query = writer.prepareStatement(LAST_OF_NEXT); ResultSet rs = query.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
                if (rs.wasNull()) {
                    return 0;
                }
            }
            try (PreparedStatement index = writer.prepareStatement(INDEX)) {
                index.setLong(1, last);
                index.executeUpdate();
            }
            try (PreparedStatement dequeue = writer.prepareStatement(DEQUEUE)) {
                dequeue.setLong(1, last);
                return dequeue.executeUpdate();
            }
        });
    }
}
