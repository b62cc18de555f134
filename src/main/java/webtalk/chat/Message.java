package webtalk.chat;

import java.time.Instant;

/**
 * A stored chat message. {@code id} comes from the store and increases with every message, so it
 * orders messages within a room and lets a client resume after the last id it saw.
 *
 * @param clientId the sender's own id for idempotent retry, or null
 */
public record Message(long id, String roomId, String author, String text, Instant at, String clientId) {
}
