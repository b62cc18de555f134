package webtalk.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The PostgreSQL store's read pool, lent one connection at a time: {@link #run} in auto-commit
 * mode, {@link #transaction} as one transaction (all of it commits, or none). The store and its
 * feature parts (message changes, polls, room ownership) share one of these. The group-commit
 * writer has its own pool and does not go through here.
 */
final class PostgresConnections {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource pool;

    PostgresConnections(DataSource pool) {
        this.pool = pool;
    }

    <T> T run(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw PostgresErrors.of("PostgreSQL", e);
        }
    }

    <T> T transaction(Work<T> work) {
        return run(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
            // Hikari puts auto-commit back when the connection returns to the pool.
        });
    }

    /** Rolls back after {@code cause}; a failing rollback is kept with the cause, not thrown over it. */
    static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailed) {
            cause.addSuppressed(rollbackFailed);
        }
    }
}
