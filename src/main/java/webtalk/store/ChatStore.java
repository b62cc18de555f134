package webtalk.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import webtalk.chat.ChatSettings;
import webtalk.chat.Message;
import webtalk.chat.Room;

/**
 * Durable storage of rooms, messages and settings. Guarantee: when a write method returns, its
 * data is committed and survives a crash of the process; message ids increase in commit order.
 * Implementations: {@link SqliteChatStore} (embedded default); a PostgreSQL one for clusters.
 */
public interface ChatStore extends AutoCloseable {

    /** @throws webtalk.chat.ChatException ROOM_NAME_TAKEN when an active room has the same name (case-insensitive) */
    Room createRoom(Room room, String passwordHash);

    Optional<Room> findRoom(String id);

    Optional<String> passwordHash(String roomId);

    /** Active rooms, newest first. */
    List<Room> activeRooms();

    int countRooms();

    int countActiveRooms();

    /** Stored message count per room id, for the given rooms. */
    Map<String, Long> messageCounts();

    /**
     * Commits a message and returns it with its id. With a non-null {@code clientId} already used
     * in the room, stores nothing and returns the message stored the first time, marked duplicate
     * (idempotent retry).
     */
    Appended append(String roomId, String author, String text, Instant at, String clientId);

    /**
     * Like {@link #append}, without blocking the caller: {@code afterCommit} runs once the message
     * is committed, on the store's commit thread and in commit order (so in id order), before the
     * returned future completes; it is not called for a duplicate.
     */
    java.util.concurrent.CompletableFuture<Appended> appendAsync(String roomId, String author, String text, Instant at,
                                                                 String clientId, java.util.function.Consumer<Message> afterCommit);

    /**
     * Whether messages can be stored now, and if not why (disk full, writer failing or stopped).
     * Read on every send: one volatile read, no I/O. A store that is down recovers by itself when
     * the condition clears, and says so in its log.
     */
    StoreHealth health();

    /**
     * Answers a trivial query on a read connection, or throws {@link StoreException}: for the
     * readiness probe, which calls it at most about once a second.
     */
    void ping();

    /** From now on {@code observer} is told about every group commit (one observer; the last one set wins). */
    void observeCommits(CommitObserver observer);

    /** The newest message id of every room that has messages. */
    Map<String, Long> lastMessageIds();

    /** The room's newest {@code limit} messages, oldest first. */
    List<Message> latest(String roomId, int limit);

    /** Messages with id greater than {@code afterId}, oldest first, at most {@code limit}. */
    List<Message> after(String roomId, long afterId, int limit);

    /** The {@code limit} messages just before {@code beforeId}, oldest first. */
    List<Message> before(String roomId, long beforeId, int limit);

    long lastMessageId(String roomId);

    /** Deletes the room and its messages; false if there was no such room. */
    boolean deleteRoom(String roomId);

    /** Marks inactive the active rooms with no message (or creation) since {@code cutoff}; returns their ids. */
    List<String> deactivateRoomsIdleSince(Instant cutoff, java.util.Set<String> keepOpen);

    long countMessages();

    long countMessagesSince(Instant since);

    /** Message counts per minute since {@code since}, keyed by the minute's start, only minutes with messages. */
    Map<Instant, Long> messagesPerMinute(Instant since);

    /** Deletes one message of the room; false if the room has no such message. */
    boolean deleteMessage(String roomId, long messageId);

    /** Marks the room inactive (closed by an admin); false if there was no such active room. */
    boolean deactivateRoom(String roomId);

    /**
     * Makes an inactive room active again; its inactivity clock restarts at {@code now}. False if
     * there was no such inactive room.
     *
     * @throws webtalk.chat.ChatException ROOM_NAME_TAKEN when an active room took its name meanwhile
     */
    boolean reactivateRoom(String roomId, Instant now);

    /** Inactive (closed) rooms, most recently active first, at most {@code limit}. */
    List<Room> inactiveRooms(int limit);

    /** Sets the room's own retention in days ({@code null} clears it: the setting applies); false if there is no such room. */
    boolean setRoomRetention(String roomId, Integer days);

    /** The retention override of every room that has one, in days. */
    Map<String, Integer> roomRetentions();

    /**
     * Deletes at most {@code limit} of the room's oldest messages created before {@code cutoff}, in
     * one short transaction (so the message writer waits for one batch, never for a whole purge);
     * returns how many were deleted.
     */
    int deleteMessagesBefore(String roomId, Instant cutoff, int limit);

    void addBan(webtalk.chat.Ban ban);

    /** The room's bans still in force at {@code now}. */
    List<webtalk.chat.Ban> bans(String roomId, Instant now);

    void appendAudit(webtalk.admin.AuditEntry entry);

    /** The newest {@code limit} audit entries, newest first. */
    List<webtalk.admin.AuditEntry> auditLog(int limit);

    ChatSettings loadChatSettings();

    void saveChatSettings(ChatSettings settings);

    Optional<String> adminPasswordHash();

    void saveAdminPasswordHash(String hash);

    @Override
    void close();
}
