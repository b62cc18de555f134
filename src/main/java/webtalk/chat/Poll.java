package webtalk.chat;

import java.time.Instant;
import java.util.List;

/**
 * A room's poll as stored, with its live counts: {@code votes.get(i)} people chose
 * {@code options.get(i)}. Open until its author (or whoever {@link PollPermissions} allows) closes it.
 */
public record Poll(long id, String roomId, String question, List<String> options, List<Integer> votes, String author,
                   boolean open, Instant createdAt) {

    public Poll {
        options = List.copyOf(options);
        votes = List.copyOf(votes);
        if (options.size() != votes.size()) {
            throw new IllegalArgumentException("one count per option");
        }
    }

    public int totalVotes() {
        int total = 0;
        for (int count : votes) {
            total += count;
        }
        return total;
    }
}
