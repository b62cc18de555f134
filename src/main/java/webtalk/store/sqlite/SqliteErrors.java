package webtalk.store.sqlite;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import webtalk.store.StoreException;
import webtalk.store.StoreException.Kind;

/** SQLite's failures in the store's terms: which {@link StoreException.Kind} a result code means. */
final class SqliteErrors {

    private SqliteErrors() {
    }

    /** {@code what} failed in SQLite: the kind read from SQLite's result code, the message made readable. */
    static StoreException of(String what, SQLException e) {
        Kind kind = diskFull(e) ? Kind.DISK_FULL
                : e instanceof SQLiteException s && s.getResultCode().code == SQLiteErrorCode.SQLITE_CONSTRAINT.code ? Kind.REJECTED
                : (e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code ? Kind.REJECTED
                : Kind.FAILED;
        return new StoreException(kind, what + ": " + e.getMessage(), e);
    }

    /**
     * SQLITE_FULL anywhere in the failure: sqlite-jdbc reports it as the exception's result code,
     * or (extended codes, older paths) only as the primary code in the low byte of the error code.
     */
    static boolean diskFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
                return true;
            }
            if (t instanceof SQLException s && (s.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_FULL.code) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
