package webtalk.chat;

/**
 * A storage port failed for a reason no user caused (disk, connection, a bug). The domain needs
 * only the code to answer the sender with; each implementation says why in its own subclass.
 */
public abstract class StorageException extends RuntimeException {

    protected StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The code a sender gets for this failure. */
    public abstract ChatError error();
}
