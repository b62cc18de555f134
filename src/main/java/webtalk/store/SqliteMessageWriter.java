package webtalk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import webtalk.chat.Message;

/**
 * Appends messages with group commit: callers queue their message and wait; one writer thread
 * takes everything queued (up to {@link #MAX_BATCH}) and commits it in one transaction, then wakes
 * each caller. Each caller still returns only after its own message is committed (store before
 * ack), so the guarantee is that of one transaction per message, at the cost of one commit per
 * batch. A batch that fails is retried one message at a time, so one bad message cannot fail the
 * others. Callers wait on their own message's future, not on a lock (no lock convoy), or do not
 * wait at all ({@link #appendAsync}).
 */
final class SqliteMessageWriter implements AutoCloseable {

    static final int MAX_BATCH = 1000;

    private static final class Pending {
        final String roomId;
        final String author;
        final String text;
        final Instant at;
        final String clientId;
        final java.util.concurrent.CompletableFuture<Appended> future = new java.util.concurrent.CompletableFuture<>();
        final java.util.function.Consumer<Message> afterCommit;
        Appended result;
        RuntimeException failure;
        boolean done;

        Pending(String roomId, String author, String text, Instant at, String clientId,
                java.util.function.Consumer<Message> afterCommit) {
            this.afterCommit = afterCommit;
            this.roomId = roomId;
            this.author = author;
            this.text = text;
            this.at = at;
            this.clientId = clientId;
        }
    }

    private final Connection connection;
    private final ReentrantLock writeLock;
    private final java.util.concurrent.BlockingQueue<Pending> queued = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    SqliteMessageWriter(Connection connection, ReentrantLock writeLock) {
        this.connection = connection;
        this.writeLock = writeLock;
        this.writer = new Thread(this::run, "sqlite-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    Appended append(String roomId, String author, String text, Instant at, String clientId) {
        try {
            return appendAsync(roomId, author, text, at, clientId, null).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    java.util.concurrent.CompletableFuture<Appended> appendAsync(String roomId, String author, String text, Instant at,
                                                                 String clientId, java.util.function.Consumer<Message> afterCommit) {
        if (closed) {
            return java.util.concurrent.CompletableFuture.failedFuture(new StoreException("store is closed", null));
        }
        Pending mine = new Pending(roomId, author, text, at, clientId, afterCommit);
        queued.add(mine);
        return mine.future;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queued.isEmpty()) {
            try {
                Pending first = queued.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
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
                for (Pending p : batch) {
                    finish(p);
                }
                batch.clear();
            }
        }
    }

    /** Runs the caller's after-commit step, then completes its future; always on this thread, in batch order. */
    private static void finish(Pending p) {
        if (!p.done) {
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
            org.slf4j.LoggerFactory.getLogger(SqliteMessageWriter.class).error("after-commit step failed: {}", e.toString());
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
    private void commitBatch(List<Pending> batch) {
        try {
            commit(batch);
        } catch (SQLException | RuntimeException batchFailed) {
            for (Pending one : batch) {
                try {
                    commit(List.of(one));
                } catch (SQLException e) {
                    one.failure = new StoreException("SQLite: " + e.getMessage(), e);
                    one.done = true;
                } catch (RuntimeException e) {
                    one.failure = e;
                    one.done = true;
                }
            }
        }
    }

    private void commit(List<Pending> batch) throws SQLException {
        Connection c = connection;
        List<Appended> results = Transactions.run(c, () -> {
            List<Appended> stored = new ArrayList<>(batch.size());
            try (PreparedStatement existing = c.prepareStatement(
                    "SELECT " + SqliteChatStore.MESSAGE_COLUMNS + " FROM messages WHERE room_id = ? AND client_id = ?");
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO messages (room_id, author, text, created_at, client_id) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement count = c.prepareStatement(
                         "UPDATE rooms SET message_count = message_count + 1, last_activity_at = ? WHERE id = ?")) {
                for (Pending p : batch) {
                    Appended earlier = p.clientId == null ? null : earlier(existing, p);
                    stored.add(earlier != null ? earlier : insert(insert, count, p));
                }
            }
            return stored;
        });
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result = results.get(i);
            batch.get(i).done = true;
        }
    }

    private static Appended earlier(PreparedStatement existing, Pending p) throws SQLException {
        existing.setString(1, p.roomId);
        existing.setString(2, p.clientId);
        try (ResultSet rs = existing.executeQuery()) {
            return rs.next() ? new Appended(SqliteChatStore.message(rs), true) : null;
        }
    }

    private static Appended insert(PreparedStatement insert, PreparedStatement count, Pending p) throws SQLException {
        insert.setString(1, p.roomId);
        insert.setString(2, p.author);
        insert.setString(3, p.text);
        insert.setLong(4, p.at.toEpochMilli());
        insert.setString(5, p.clientId);
        insert.executeUpdate();
        long id;
        try (ResultSet keys = insert.getGeneratedKeys()) {
            keys.next();
            id = keys.getLong(1);
        }
        count.setLong(1, p.at.toEpochMilli());
        count.setString(2, p.roomId);
        count.executeUpdate();
        return new Appended(new Message(id, p.roomId, p.author, p.text, p.at, p.clientId), false);
    }
}
