package webtalk.store;

import webtalk.chat.ChatError;
import webtalk.chat.StorageException;

/**
 * A store (of any engine) failed for a reason no user caused (disk, corruption, a bug); its {@link Kind} tells
 * the domain which: a full disk and a store that cannot write are answered with their own codes,
 * the rest as erro_interno, logged with context.
 */
public final class StoreException extends StorageException {

    /** Why the store failed, in the terms a sender is answered in. */
    public enum Kind {
        /** The disk is full (SQLITE_FULL; PostgreSQL's 53100 disk_full): the disk (or the database's size limit) has no room; clears when space returns. */
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

    public Kind kind() {
        return kind;
    }

    @Override
    public ChatError error() {
        return kind.error();
    }
}
