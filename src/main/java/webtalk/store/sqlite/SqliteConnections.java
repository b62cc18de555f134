package webtalk.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite store's two connections, each behind its lock: every write on the one writer (so a
 * check and its insert are one transaction no other writer interleaves with), reads on the reader.
 * The store and its feature parts (message changes, polls, room ownership) share one of these.
 */
final class SqliteConnections {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connection writer;
    private final ReentrantLock writeLock;
    private final Connection reader;
    private final ReentrantLock readLock;

    SqliteConnections(Connection writer, ReentrantLock writeLock, Connection reader, ReentrantLock readLock) {
        this.writer = writer;
        this.writeLock = writeLock;
        this.reader = reader;
        this.readLock = readLock;
    }

    <T> T write(Work<T> work) {
        return locked(writeLock, writer, work);
    }

    <T> T read(Work<T> work) {
        return locked(readLock, reader, work);
    }

    private static <T> T locked(ReentrantLock lock, Connection connection, Work<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqliteErrors.of("SQLite", e);
        } finally {
            lock.unlock();
        }
    }
}
