package webtalk.store.sqlite;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import webtalk.chat.ChatError;
import webtalk.chat.StorageException;

/**
 * The store failed for a reason no user caused (disk, corruption, a bug); its {@link Kind} tells
 * the domain which: a full disk and a store that cannot write are answered with their own codes,
 * the rest as erro_interno, logged with context.
 */
public final class StoreException extends StorageException {

    /** Why the store failed, in the terms a sender is answered in. */
    public enum Kind {
        /** SQLITE_FULL: the disk (or the database's size limit) has no room; clears when space returns. */
        DISK_FULL(ChatError.DISK_FULL),
        /** The store cannot take messages now (closing, writer stopped, failing batch after batch). */
        UNAVAILABLE(ChatError.STORE_UNAVAILABLE),
        /** Too many messages wait for the writer already; the sender may retry in a moment. */
        BUSY(ChatError.SERVER_BUSY),
        /** This message broke a constraint (e.g. its room was deleted meanwhile): the message, not the store. */
        REJECTED(ChatError.INTERNAL),
        /** Anything else: corruption, an I/O error, a bug. */
        FAILED(ChatError.INTERNAL);

        private final ChatError error;

        Kind(ChatError error) {
            this.error = error;
        }

        public ChatError error() {
            return error;
        }
    }

    private final Kind kind;

    public StoreException(String message, Throwable cause) {
        this(Kind.FAILED, message, cause);
    }

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** {@code what} failed in SQLite: the kind read from SQLite's result code, the message made readable. */
    static StoreException of(String what, SQLException e) {
        Kind kind = diskFull(e) ? Kind.DISK_FULL
                : e instanceof SQLiteException s && s.getResultCode().code == SQLiteErrorCode.SQLITE_CONSTRAINT.code ? Kind.REJECTED
                : (e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code ? Kind.REJECTED
                : Kind.FAILED;
        return new StoreException(kind, what + ": " + e.getMessage(), e);
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public ChatError error() {
        return kind.error();
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
