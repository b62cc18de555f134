package webtalk.store;

/** The store failed for a reason no user caused (disk, corruption, a bug); logged with context, answered as erro_interno. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
