package webtalk.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs JDBC work as one transaction: all of it commits, or none of it. Whatever the work throws
 * (an Error too: an OutOfMemoryError half-way through a batch must not leave the transaction open,
 * or the next one would commit its rows) is rethrown as it was; a rollback or restore that fails
 * after it is attached as suppressed, never in its place. SQLite rolls a transaction back by itself
 * on some errors (SQLITE_FULL among them), so ROLLBACK then fails with "no transaction is active"
 * and restoring auto-commit with "cannot commit": both are expected and must not hide the cause.
 */
final class Transactions {

    interface Body<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    static <T> T run(Connection c, Body<T> body) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        T result;
        try {
            result = body.run();
            c.commit();
        } catch (Throwable failure) {
            try {
                c.rollback();
            } catch (SQLException | RuntimeException rollbackFailed) {
                failure.addSuppressed(rollbackFailed);
            }
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException | RuntimeException restoreFailed) {
                failure.addSuppressed(restoreFailed);
            }
            throw failure;
        }
        c.setAutoCommit(autoCommit);
        return result;
    }
}
