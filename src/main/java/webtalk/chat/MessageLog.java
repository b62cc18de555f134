package webtalk.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Each room's messages, durably and in order. Guarantees:
 * <ul>
 * <li><b>stored before acked</b>: when {@link #append} returns (or {@link #appendAsync}'s future
 *     completes normally) the message is committed and survives a crash of the process;</li>
 * <li><b>one order per room, without gaps</b>: a message's {@code id} is assigned within its room,
 *     in commit order, as the room's previous id plus one (ids of different rooms are unrelated).
 *     So a reader that has seen up to {@code id = last} and asks for {@code id > last} never skips
 *     a message that commits later, with one writer or many;</li>
 * <li><b>idempotent client ids</b>: a non-null {@code clientId} already used in the room stores
 *     nothing and yields the message stored the first time, marked duplicate;</li>
 * <li>reads return messages oldest first.</li>
 * </ul>
 * Ids start at 1 in a new room; deleting messages leaves their ids unused (never reassigned).
 */
public interface MessageLog {

    /** Commits a message and returns it with its id, or the earlier one for a retried {@code clientId}. */
    Appended append(String roomId, String author, String text, Instant at, String clientId);

    /**
     * Like {@link #append}, without blocking the caller: {@code afterCommit} runs once the message
     * is committed, in the room's id order, before the returned future completes; it is not called
     * for a duplicate. The steps and completions of one committed batch run inside one call of the
     * {@link CommitScope} given to {@link #completeCommitsIn} (run directly until one is given).
     */
    default CompletableFuture<Appended> appendAsync(String roomId, String author, String text, Instant at,
                                                    String clientId, Consumer<Message> afterCommit) {
        return appendAsync(roomId, author, text, at, clientId, Message.Extras.NONE, afterCommit);
    }

    /**
     * {@link #appendAsync(String, String, String, Instant, String, Consumer)} of a message with
     * extras: its {@code replyTo} and {@code mentions} are stored with it; the committed message
     * carries {@code extras} as given (the quote is the sender's view of the original at send time).
     */
    CompletableFuture<Appended> appendAsync(String roomId, String author, String text, Instant at,
                                            String clientId, Message.Extras extras, Consumer<Message> afterCommit);

    /** From now on each committed batch's after-commit steps and completions run inside one call of {@code scope}. */
    void completeCommitsIn(CommitScope scope);

    /**
     * Whether messages can be stored now, and if not why. Read on every send: no I/O. A log that
     * is down recovers by itself when the condition clears.
     */
    StoreHealth health();

    /** Answers a trivial query, or throws {@link StorageException}: for the readiness probe (about once a second). */
    void ping();

    /** The newest message id of every room that has messages. */
    Map<String, Long> lastMessageIds();

    /** The newest id in the room, 0 when it has no message. */
    long lastMessageId(String roomId);

    /** The room's newest {@code limit} messages, oldest first. */
    List<Message> latest(String roomId, int limit);

    /** The room's messages with id greater than {@code afterId}, oldest first, at most {@code limit}. */
    List<Message> after(String roomId, long afterId, int limit);

    /** The room's {@code limit} messages just before {@code beforeId}, oldest first. */
    List<Message> before(String roomId, long beforeId, int limit);

    /** Stored message count per room id, for every room. */
    Map<String, Long> messageCounts();

    /**
     * Turns one message of the room into a tombstone: its text, mentions and reactions are erased
     * (never kept), its id stays, and reads return it {@code deleted} with an empty text, so a
     * room's ids stay gap-free. False if the room has no such message, or it is a tombstone already.
     */
    boolean deleteMessage(String roomId, long messageId);

    /**
     * Deletes at most {@code limit} of the room's oldest messages created before {@code cutoff}, in
     * one short transaction (writers wait for one such step, never for a whole purge); returns how
     * many were deleted. Other rooms' messages are never touched.
     */
    int deleteMessagesBefore(String roomId, Instant cutoff, int limit);
}
