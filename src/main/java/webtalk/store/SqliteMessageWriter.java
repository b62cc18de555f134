package webtalk.store;

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
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.Message;

/**
 * Appends messages with group commit: callers queue their message and wait; one writer thread
 * takes everything queued (up to {@link #MAX_BATCH}) and commits it in one transaction, then wakes
 * each caller. Each caller still returns only after its own message is committed (store before
 * ack), so the guarantee is that of one transaction per message, at the cost of one commit per
 * batch. A batch that fails is retried one message at a time, so one bad message cannot fail the
 * others. Callers wait on their own message's future, not on a lock (no lock convoy), or do not
 * wait at all ({@link #appendAsync}).
 *
 * <p>The after-commit steps and future completions of one committed batch run, in id order, inside
 * one call of the {@code batchScope} given at construction: the scope gets a {@link Runnable} that
 * does them all, and must run it on the calling thread before it returns. The socket layer uses it
 * to coalesce writes: the fan-out and the acks of a whole batch can queue their frames during the
 * scope and send all the frames bound for one connection in one write at its end. Whatever the
 * scope throws is logged and the writer carries on; completions it did not run are then run outside
 * it, so no caller is left waiting.
 */
final class SqliteMessageWriter implements AutoCloseable {

    static final int MAX_BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteMessageWriter.class);

    private final Connection connection;
    private final ReentrantLock writeLock;
    private final MessageBatchSql sql;
    private final Consumer<Runnable> batchScope;
    private final BlockingQueue<PendingMessage> queued = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    SqliteMessageWriter(Connection connection, ReentrantLock writeLock, Consumer<Runnable> batchScope) {
        this.connection = connection;
        this.writeLock = writeLock;
        this.batchScope = batchScope;
        this.sql = new MessageBatchSql(connection);
        this.writer = new Thread(this::run, "sqlite-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    Appended append(String roomId, String author, String text, Instant at, String clientId) {
        try {
            return appendAsync(roomId, author, text, at, clientId, null).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    CompletableFuture<Appended> appendAsync(String roomId, String author, String text, Instant at,
                                            String clientId, Consumer<Message> afterCommit) {
        if (closed) {
            return CompletableFuture.failedFuture(new StoreException("store is closed", null));
        }
        PendingMessage mine = new PendingMessage(roomId, author, text, at, clientId, afterCommit);
        queued.add(mine);
        return mine.future;
    }

    private void run() {
        List<PendingMessage> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queued.isEmpty()) {
            try {
                PendingMessage first = queued.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queued.drainTo(batch, MAX_BATCH - 1);
                writeLock.lock();
                try {
                    commitBatch(batch);
                } finally {
                    writeLock.unlock();
                }
            } catch (InterruptedException e) {
                closed = true;
            } finally {
                finishInScope(batch);
                batch.clear();
            }
        }
        closeStatements();
    }

    private void finishInScope(List<PendingMessage> batch) {
        try {
            batchScope.accept(() -> {
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
            p.failure = new StoreException("message not stored: the store is closing", null);
        }
        if (p.failure != null) {
            p.future.completeExceptionally(p.failure);
            return;
        }
        try {
            if (p.afterCommit != null && !p.result.duplicate()) {
                p.afterCommit.accept(p.result.message());
            }
        } catch (RuntimeException e) {
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

    /** Called with the write lock held. */
    private void commitBatch(List<PendingMessage> batch) {
        try {
            commit(batch);
        } catch (SQLException | RuntimeException batchFailed) {
            for (PendingMessage one : batch) {
                try {
                    commit(List.of(one));
                } catch (SQLException e) {
                    one.failure = new StoreException("SQLite: " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    one.failure = e;
                }
            }
        }
    }

    private void commit(List<PendingMessage> batch) throws SQLException {
        List<Appended> outcomes = Transactions.run(connection, () -> sql.store(batch));
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
