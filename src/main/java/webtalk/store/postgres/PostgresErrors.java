package webtalk.store.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import webtalk.store.StoreException;
import webtalk.store.StoreException.Kind;

/**
 * PostgreSQL's failures in the store's terms: which {@link StoreException.Kind} a SQLSTATE means
 * (<a href="https://www.postgresql.org/docs/current/errcodes-appendix.html">Appendix A</a>).
 */
final class PostgresErrors {

    static final String UNIQUE_VIOLATION = "23505";
    static final String DEADLOCK = "40P01";
    static final String SERIALIZATION = "40001";

    private PostgresErrors() {
    }

    /** {@code what} failed in PostgreSQL: the kind read from its SQLSTATE, the message made readable. */
    static StoreException of(String what, SQLException e) {
        return new StoreException(kindOf(e), what + ": " + firstLine(e.getMessage()), e);
    }

    static Kind kindOf(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("53100")) {
            return Kind.DISK_FULL;
        }
        // Hikari's "connection is not available" (pool exhausted, database unreachable) is transient.
        if (e instanceof SQLTransientConnectionException || unreachable(state)) {
            return Kind.UNAVAILABLE;
        }
        if (state.startsWith("23")) {
            return Kind.REJECTED;
        }
        return Kind.FAILED;
    }

    /**
     * Class 08 (connection exception), 57P01..57P03 (the server shutting down or starting), 53300
     * (too many connections): the database cannot be reached now, whatever the statement was.
     */
    static boolean unreachable(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300");
    }

    /** A deadlock or serialization failure: nothing was stored, and the same work may simply be run again. */
    static boolean transientConflict(SQLException e) {
        return DEADLOCK.equals(e.getSQLState()) || SERIALIZATION.equals(e.getSQLState());
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse(message);
    }
}
