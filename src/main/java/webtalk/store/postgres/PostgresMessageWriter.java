package webtalk.store.postgres;

import webtalk.store.BusyRoomPacing;
import webtalk.store.WriterHealth;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.Appended;
import webtalk.chat.CommitScope;
import webtalk.chat.Message;
import webtalk.chat.StoreHealth;
import webtalk.store.CommitObserver;
import webtalk.store.StoreException;

/**
 * Appends messages with group commit: callers queue their message; one writer thread takes what
 * is queued (up to {@link #MAX_BATCH}) and stores it in one transaction ({@link MessageBatchSql}),
 * then, after the commit, runs each message's after-commit step and completes its future, in batch
 * order (which is each room's id order), inside one call of the {@link CommitScope}. Store before
 * ack: a future completes normally only after its transaction committed with
 * {@code synchronous_commit = on}, i.e. flushed to PostgreSQL's WAL on disk.
 * While a room is busy ({@link BusyRoomPacing}: 250 messages a second or more) the writer takes at
 * most one batch every 4 ms, so that room's messages share a commit and each member's write.
 *
 * <p>Failures: a batch whose failure is PostgreSQL's own (before COMMIT) was rolled back whole, so
 * it is retried one message at a time and one bad message (text PostgreSQL refuses) fails alone; a
 * deadlock or serialization failure is retried whole once first. A database that is full or cannot
 * be reached fails the whole batch at once (each message would wait for the same failure). A
 * connection lost <em>during</em> COMMIT leaves the outcome unknown: the batch is failed (never
 * acked) and not retried, since messages without a client id could then be stored twice; a sender
 * that retries with its {@code id_cliente} gets the stored message if it did commit.
 * {@link WriterHealth} turns failures into a refusal senders see at once, and lets a batch try
 * again every second, so the store recovers by itself.
 *
 * <p>What waits is bounded: at most {@link #MAX_QUEUED} messages and {@link #MAX_QUEUED_CHARS}
 * characters; past either a sender is refused with {@link StoreException.Kind#BUSY}.
 */
final class PostgresMessageWriter implements AutoCloseable {

    static final int MAX_BATCH = 1024;
    static final int MAX_QUEUED = 32 * MAX_BATCH;
    static final long MAX_QUEUED_CHARS = 8L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMessageWriter.class);

    private final DataSource writerPool;
    private final BlockingQueue<PendingMessage> queued = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong queuedChars = new AtomicLong();
    private final WriterHealth health = new WriterHealth(System::nanoTime);
    private final BusyRoomPacing pacing = new BusyRoomPacing(System::nanoTime);
    private final Thread writer;
    private volatile CommitScope batchScope = CommitScope.DIRECT;
    private volatile CommitObserver commits = CommitObserver.NONE;
    private volatile boolean closed;
    private volatile boolean stopped;
    private volatile boolean busyLogged;

    /** Thrown when COMMIT itself failed: whether the batch is stored cannot be known. */
    private static final class CommitOutcomeUnknown extends Exception {
        CommitOutcomeUnknown(SQLException cause) {
            super(cause);
        }
    }

    PostgresMessageWriter(DataSource writerPool) {
        this.writerPool = writerPool;
        this.writer = new Thread(this::run, "postgres-group-commit");
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
        if ((stopped || closed && !writer.isAlive()) && queued.remove(mine)) {
            // The writer ended between the check above and the offer: nobody would take it.
            mine.future.completeExceptionally(new StoreException(StoreException.Kind.UNAVAILABLE, "store is closed", null));
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

    StoreHealth health() {
        return health.current();
    }

    void completeCommitsIn(CommitScope scope) {
        batchScope = Objects.requireNonNull(scope, "scope");
    }

    void observeCommits(CommitObserver observer) {
        commits = Objects.requireNonNull(observer, "observer");
    }

    private void run() {
        List<PendingMessage> batch = new ArrayList<>(MAX_BATCH);
        Throwable ended = null;
        try {
            while (!closed || !queued.isEmpty()) {
                try {
                    runOnce(batch);
                } catch (RuntimeException unexpected) {
                    LOG.error("message writer: {} outside a batch; carrying on", unexpected.toString());
                }
            }
        } catch (Throwable fatal) {
            ended = fatal;
        } finally {
            if (!closed) {
                stopped = true;
                health.stopped(ended != null ? ended : new IllegalStateException("writer loop ended"));
            }
            failQueued();
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
            for (PendingMessage p : batch) {
                pacing.counted(p.roomId);
                chars += p.text.length();
            }
            queuedChars.addAndGet(-chars);
            if (busyLogged && queued.size() < MAX_QUEUED / 2) {
                busyLogged = false;
            }
            long started = System.nanoTime();
            if (commitBatch(batch)) {
                report(batch.size(), System.nanoTime() - started);
            }
        } catch (InterruptedException e) {
            closed = true;
        } catch (Throwable error) {
            // An Error mid-batch (OutOfMemoryError, a bug): the transaction was rolled back (the
            // connection's close does it), so nothing of it is stored; its senders are told.
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

    /** Stores the batch (see the class comment for the failure rules); true if anything of it committed. */
    private boolean commitBatch(List<PendingMessage> batch) {
        StoreException failure;
        try {
            try {
                commit(batch);
            } catch (SQLException e) {
                if (!PostgresErrors.transientConflict(e)) {
                    throw e;
                }
                commit(batch);
            }
            health.committed();
            return true;
        } catch (CommitOutcomeUnknown e) {
            failAll(batch, new StoreException(StoreException.Kind.UNAVAILABLE,
                    "the connection to PostgreSQL failed during COMMIT; the messages may or may not be stored: "
                            + PostgresErrors.firstLine(e.getCause().getMessage()), e.getCause()));
            return false;
        } catch (SQLException e) {
            failure = PostgresErrors.of("PostgreSQL", e);
        }
        if (failure.kind() == StoreException.Kind.DISK_FULL || failure.kind() == StoreException.Kind.UNAVAILABLE
                || batch.size() == 1) {
            failAll(batch, failure);
            return false;
        }
        return oneByOne(batch);
    }

    private boolean oneByOne(List<PendingMessage> batch) {
        boolean anyCommitted = false;
        StoreException last = null;
        for (PendingMessage one : batch) {
            if (last != null && (last.kind() == StoreException.Kind.DISK_FULL || last.kind() == StoreException.Kind.UNAVAILABLE)) {
                one.failure = last;
                continue;
            }
            try {
                commit(List.of(one));
                anyCommitted = true;
            } catch (SQLException e) {
                one.failure = last = PostgresErrors.of("PostgreSQL", e);
            } catch (CommitOutcomeUnknown e) {
                one.failure = last = new StoreException(StoreException.Kind.UNAVAILABLE,
                        "the connection to PostgreSQL failed during COMMIT; the message may or may not be stored", e.getCause());
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
        return anyCommitted;
    }

    private void failAll(List<PendingMessage> batch, StoreException failure) {
        for (PendingMessage p : batch) {
            p.result = null;
            p.failure = failure;
        }
        health.failed(failure);
        reportFailure(failure.kind());
    }

    /** One transaction: lock, insert, advance, COMMIT; the outcomes are set only once it committed. */
    private void commit(List<PendingMessage> batch) throws SQLException, CommitOutcomeUnknown {
        List<Object> outcomes;
        try (Connection c = writerPool.getConnection()) {  // auto-commit is off in the writer's pool
            try {
                outcomes = MessageBatchSql.store(c, batch);
            } catch (SQLException | RuntimeException | Error e) {
                PostgresConnections.rollback(c, e);
                throw e;
            }
            try {
                c.commit();
            } catch (SQLException e) {
                throw new CommitOutcomeUnknown(e);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            PendingMessage p = batch.get(i);
            if (outcomes.get(i) instanceof Appended appended) {
                p.result = appended;
            } else {
                p.failure = (StoreException) outcomes.get(i);
            }
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

    /** The caller's after-commit step, then its future; on this thread, in batch order, once per message. */
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

    /** Lets queued messages commit (for up to 10 s), then stops the writer thread. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
