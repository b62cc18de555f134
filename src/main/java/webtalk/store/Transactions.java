package webtalk.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs JDBC work as one transaction: all of it commits, or none of it. */
final class Transactions {

    interface Body<T> {
        T run() throws SQLException;
    }

    private Transactions() {
    }

    static <T> T run(Connection c, Body<T> body) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = body.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
