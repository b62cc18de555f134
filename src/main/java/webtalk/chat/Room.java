package webtalk.chat;

import java.time.Instant;

/** A chat room as stored. {@code passwordProtected} rooms admit only holders of a join token. */
public record Room(String id, String name, String description, String creator, Instant createdAt,
                   boolean passwordProtected, boolean active, Instant lastActivityAt) {
}
