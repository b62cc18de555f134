package webtalk.chat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Polls and their votes, per room. Guarantees, across every node sharing the store: a room never
 * has more than {@code maxOpen} open polls (checked with the insert, atomically); a voter (a
 * nickname's {@link NameKeys} key) has at most one vote per poll, so two nodes cannot count one
 * person twice; a vote is recorded only while its poll is open; a poll is in one room only, and
 * every lookup names the room. Polls go with their room when it is deleted.
 */
public interface PollStore {

    /**
     * Stores a new open poll, unless the room already has {@code maxOpen} open ones: empty then. The
     * room keeps at most {@code kept} polls: older closed ones (and their votes) go as new ones come.
     */
    Optional<Poll> openPoll(String roomId, String question, List<String> options, String author, Instant at, int maxOpen, int kept);

    /**
     * Records {@code voterKey}'s choice of option {@code option} (an index the caller checked) if the
     * poll is in {@code roomId}, open, and the voter has not voted on it yet.
     *
     * @return whether the vote was recorded
     */
    boolean vote(String roomId, long pollId, String voterKey, int option, Instant at);

    /** Closes the poll if it is in {@code roomId} and open; whether it was. */
    boolean closePoll(String roomId, long pollId, Instant at);

    /** The poll with its counts now, if it is in {@code roomId}. */
    Optional<Poll> poll(String roomId, long pollId);

    /** The room's open polls and its {@code recent} newest ones (open or closed), oldest first. */
    List<Poll> polls(String roomId, int recent);

    /** The option {@code voterKey} chose in each of {@code pollIds} it voted in (poll id → option). */
    Map<Long, Integer> choices(Collection<Long> pollIds, String voterKey);
}
