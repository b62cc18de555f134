package webtalk.store.sqlite;

import webtalk.store.BusyRoomPacing;
import webtalk.store.WriterHealth;
import webtalk.store.CommitObserver;
import webtalk.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import webtalk.chat.Appended;
import webtalk.chat.CommitScope;
import webtalk.chat.StoreHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.Message;

/**
 * Appends messages with group commit: callers queue their message and wait; one writer thread
 * takes everything queued (up to {@link #MAX_BATCH}) and commits it in one transaction, then wakes
 * each caller. Each caller still returns only after its own message is committed (store before
 * ack), so the guarantee is that of one transaction per message, at the cost of one commit per
 * batch. A batch that fails is retried one message at a time, so one bad message cannot fail the
 * others (unless it failed for SQLITE_FULL: then every message would). Callers wait on their own
 * message's future, not on a lock (no lock convoy), or do not wait at all ({@link #appendAsync}).
 * While a room is busy ({@link BusyRoomPacing}: 250 messages a second or more) the writer takes at
 * most one batch every 4 ms, so that room's messages share a commit and each member's write.
 *
 * <p>The writer never dies silently: whatever a batch throws, an Error included (an
 * OutOfMemoryError under an attack), fails that batch's messages with a typed
 * {@link StoreException}, is logged in one line, and the writer carries on; {@link WriterHealth}
 * turns repeated failures into a refusal senders see at once. If its thread ends all the same, the
 * store says so, fails what is queued and refuses the rest.
 *
 * <p>What waits is bounded: at most {@link #MAX_QUEUED} messages and {@link #MAX_QUEUED_CHARS}
 * characters of text; past either a sender is refused with {@link StoreException.Kind#BUSY}.
 *
 * <p>The after-commit steps and future completions of one committed batch run, in id order, inside
 * one call of the {@link CommitScope} last given to {@link #completeCommitsIn} (none: they run
 * directly): the scope gets a {@link Runnable} that
 * does them all, and must run it on the calling thread before it returns. The socket layer uses it
 * to coalesce writes: the fan-out and the acks of a whole batch can queue their frames during the
 * scope and send all the frames bound for one connection in one write at its end. Whatever the
 * scope throws is logged and the writer carries on; completions it did not run are then run outside
 * it, so no caller is left waiting.
 */
final class SqliteMessageWriter implements AutoCloseable {

    static final int MAX_BATCH = 1000;
    /** Eight full batches: far above what a healthy writer ever has waiting (about one batch). */
    static final int MAX_QUEUED = 8 * MAX_BATCH;
    /** 16 MiB of UTF-16 at most, whatever the admin set as the longest message. */
    static final long MAX_QUEUED_CHARS = 8L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteMessageWriter.class);

    private final Connection connection;
    private final ReentrantLock writeLock;
    private final MessageBatchSql sql;
    private final SqliteSearchIndex searchIndex;
    private volatile CommitScope batchScope = CommitScope.DIRECT;
    private final BlockingQueue<PendingMessage> queued = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong queuedChars = new AtomicLong();
    private final WriterHealth health = new WriterHealth(System::nanoTime);
    private final BusyRoomPacing pacing = new BusyRoomPacing(System::nanoTime);
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean stopped;
    private volatile boolean busyLogged;
    private volatile CommitObserver commits = CommitObserver.NONE;
    /** Test hook: thrown inside every batch's transaction while set. */
    private volatile Error failBatchesWith;

    SqliteMessageWriter(Connection connection, ReentrantLock writeLock, SqliteSearchIndex searchIndex) {
        this.connection = connection;
        this.writeLock = writeLock;
        this.searchIndex = searchIndex;
        this.sql = new MessageBatchSql(connection);
        this.writer = new Thread(this::run, "sqlite-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    Appended append(String roomId, String author, String text, Instant at, String clientId) {
        try {
            return appendAsync(roomId, author, text, at, clientId, Message.Extras.NONE, null).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    CompletableFuture<Appended> appendAsync(String roomId, String author, String text, Instant at,
                                            String clientId, Message.Extras extras, Consumer<Message> afterCommit) {
        if (closed || stopped) {
            return CompletableFuture.failedFuture(new StoreException(StoreException.Kind.UNAVAILABLE,
                    stopped ? "the message writer stopped" : "store is closed", null));
        }
        int chars = text.length();
        if (queuedChars.addAndGet(chars) > MAX_QUEUED_CHARS) {
            queuedChars.addAndGet(-chars);
            return busy("characters of text");
        }
        PendingMessage mine = new PendingMessage(roomId, author, text, at, clientId, extras, afterCommit);
        if (!queued.offer(mine)) {
            queuedChars.addAndGet(-chars);
            return busy("messages");
        }
        if (stopped && queued.remove(mine)) {
            // The writer ended between the check above and the offer: nobody would take it.
            mine.future.completeExceptionally(new StoreException(StoreException.Kind.UNAVAILABLE, "the message writer stopped", null));
        }
        return mine.future;
    }

    private CompletableFuture<Appended> busy(String what) {
        if (!busyLogged) {
            busyLogged = true;
            LOG.warn("message queue full ({} messages or {} characters waiting for the writer): refusing with servidor_ocupado ({} bound hit)",
                    MAX_QUEUED, MAX_QUEUED_CHARS, what);
        }
        return CompletableFuture.failedFuture(new StoreException(StoreException.Kind.BUSY, "too many " + what + " waiting to be stored", null));
    }

    /** Whether senders may queue messages, and if not why; one volatile read. */
    StoreHealth health() {
        return health.current();
    }

    void completeCommitsIn(CommitScope scope) {
        batchScope = java.util.Objects.requireNonNull(scope, "scope");
    }

    void observeCommits(CommitObserver observer) {
        commits = java.util.Objects.requireNonNull(observer, "observer");
    }

    /** Test hook: while non-null, every batch throws it inside its transaction, as an OutOfMemoryError would. */
    void failBatchesWith(Error error) {
        failBatchesWith = error;
    }

    private void run() {
        List<PendingMessage> batch = new ArrayList<>(MAX_BATCH);
        Throwable ended = null;
        try {
            while (!closed || !queued.isEmpty()) {
                try {
                    runOnce(batch);
                    // After the batch's deliveries, not before them: indexing delays no delivery.
                    searchIndex.catchUpIfDue();
                } catch (Throwable unexpected) {
                    // Outside a batch's commit (its completions, the log): keep the writer alive.
                    LOG.error("message writer: {} outside a batch; carrying on", unexpected.toString());
                }
            }
        } catch (Throwable fatal) {
            ended = fatal;
        } finally {
            if (!closed) {
                stopped = true;
                health.stopped(ended != null ? ended : new IllegalStateException("writer loop ended"));
                failQueued();
            }
            closeStatements();
        }
    }

    private void runOnce(List<PendingMessage> batch) {
        try {
            health.tick();
            PendingMessage first = queued.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return;
            }
            pacing.lingerThenStartBatch();
            batch.add(first);
            queued.drainTo(batch, MAX_BATCH - 1);
            long chars = 0;
            for (int i = 0; i < batch.size(); i++) {
                pacing.counted(batch.get(i).roomId);
                chars += batch.get(i).text.length();
            }
            queuedChars.addAndGet(-chars);
            if (busyLogged && queued.size() < MAX_QUEUED / 2) {
                busyLogged = false;
            }
            long started = System.nanoTime();
            writeLock.lock();
            try {
                commitBatch(batch);
            } finally {
                writeLock.unlock();
            }
            report(batch.size(), System.nanoTime() - started);
        } catch (InterruptedException e) {
            closed = true;
        } catch (Throwable error) {
            // An Error mid-batch (OutOfMemoryError, StackOverflowError, a bug): the transaction was
            // rolled back (Transactions), so nothing of this batch is stored; its senders are told.
            LOG.error("message batch of {} failed: {}; its senders are told, the writer carries on", batch.size(), error.toString());
            StoreException failure = new StoreException(StoreException.Kind.UNAVAILABLE, "message writer error: " + error, error);
            for (PendingMessage p : batch) {
                if (p.result == null) {
                    p.failure = failure;
                }
            }
            health.failed(failure);
            reportFailure(failure.kind());
        } finally {
            finishInScope(batch);
            batch.clear();
        }
    }

    private void failQueued() {
        List<PendingMessage> left = new ArrayList<>();
        queued.drainTo(left);
        StoreException failure = new StoreException(StoreException.Kind.UNAVAILABLE, "the message writer stopped", null);
        for (PendingMessage p : left) {
            p.failure = failure;
            p.finished = true;
            p.future.completeExceptionally(failure);
        }
    }

    private void finishInScope(List<PendingMessage> batch) {
        try {
            batchScope.run(() -> {
                for (PendingMessage p : batch) {
                    finish(p);
                }
            });
        } catch (Throwable failure) {
            LOG.error("batch scope failed: {}", failure.toString());
        }
        int leftUndone = 0;
        for (PendingMessage p : batch) {
            if (!p.finished) {
                leftUndone++;
                finish(p);
            }
        }
        if (leftUndone > 0) {
            LOG.error("batch scope left {} of {} completions undone; ran them outside it", leftUndone, batch.size());
        }
    }

    /**
     * Runs the caller's after-commit step, then completes its future; always on this thread, in
     * batch order, once per message however often the batch scope runs the completions.
     */
    private static void finish(PendingMessage p) {
        if (p.finished) {
            return;
        }
        p.finished = true;
        if (!p.tried()) {
            p.failure = new StoreException(StoreException.Kind.UNAVAILABLE, "message not stored: the store is closing", null);
        }
        if (p.failure != null) {
            p.future.completeExceptionally(p.failure);
            return;
        }
        try {
            if (p.afterCommit != null && !p.result.duplicate()) {
                p.afterCommit.accept(p.result.message());
            }
        } catch (Throwable e) {
            // Stored all the same; the caller still gets its ack. Delivery is the fan-out's concern.
            LOG.error("after-commit step failed: {}", e.toString());
        }
        p.future.complete(p.result);
    }

    /** Lets queued messages commit, then stops the writer thread. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Called with the write lock held. Tells {@link #health} whether anything committed; a failure
     * that is SQLITE_FULL fails the rest at once, since each of them would fail the same way.
     */
    private void commitBatch(List<PendingMessage> batch) {
        try {
            commit(batch);
            health.committed();
            searchIndex.stored(batch.size());
            return;
        } catch (SQLException | RuntimeException batchFailed) {
            StoreException failure = batchFailed instanceof SQLException e ? SqliteErrors.of("SQLite", e)
                    : batchFailed instanceof StoreException s ? s : null;
            if (failure != null && failure.kind() == StoreException.Kind.DISK_FULL) {
                failAll(batch, failure);
                return;
            }
        }
        boolean anyCommitted = false;
        StoreException last = null;
        for (PendingMessage one : batch) {
            if (last != null && last.kind() == StoreException.Kind.DISK_FULL) {
                one.failure = last;
                continue;
            }
            try {
                commit(List.of(one));
                anyCommitted = true;
                searchIndex.stored(1);
            } catch (SQLException e) {
                one.failure = last = SqliteErrors.of("SQLite", e);
            } catch (RuntimeException e) {
                one.failure = e;
                last = e instanceof StoreException s ? s : new StoreException("message not stored: " + e, e);
            }
        }
        if (anyCommitted) {
            health.committed();
        } else if (last != null) {
            health.failed(last);
        }
        if (last != null) {
            reportFailure(last.kind());
        }
    }

    private void failAll(List<PendingMessage> batch, StoreException failure) {
        for (PendingMessage p : batch) {
            p.failure = failure;
        }
        health.failed(failure);
        reportFailure(failure.kind());
    }

    /** Metrics must never stop the writer: whatever the observer throws is logged and dropped. */
    private void report(int batchSize, long nanos) {
        try {
            commits.committed(batchSize, nanos);
        } catch (RuntimeException e) {
            LOG.warn("commit observer failed: {}", e.toString());
        }
    }

    private void reportFailure(StoreException.Kind kind) {
        try {
            commits.failed(kind);
        } catch (RuntimeException e) {
            LOG.warn("commit observer failed: {}", e.toString());
        }
    }

    private void commit(List<PendingMessage> batch) throws SQLException {
        List<Appended> outcomes;
        try {
            outcomes = Transactions.run(connection, () -> {
                List<Appended> stored = sql.store(batch);
                Error injected = failBatchesWith;
                if (injected != null) {
                    throw injected;
                }
                return stored;
            });
        } catch (Throwable failed) {
            sql.forget();
            throw failed;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result = outcomes.get(i);
        }
    }

    private void closeStatements() {
        writeLock.lock();
        try {
            sql.close();
        } catch (SQLException e) {
            LOG.warn("closing the message statements: {}", e.toString());
        } finally {
            writeLock.unlock();
        }
    }
}
