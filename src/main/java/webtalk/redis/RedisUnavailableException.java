package webtalk.redis;

import webtalk.chat.ChatError;
import webtalk.chat.StorageException;

/**
 * Redis did not answer (down, unreachable, timed out): the caller's operation did not happen, and
 * the sender is told the store is unavailable, as for PostgreSQL.
 */
public final class RedisUnavailableException extends StorageException {

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ChatError error() {
        return ChatError.STORE_UNAVAILABLE;
    }
}
