package webtalk.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import webtalk.chat.Poll;
import webtalk.chat.PollStore;
import webtalk.store.PollSql;

/**
 * {@link PollStore} on PostgreSQL, shared by every node: "at most N open polls" holds across nodes
 * because opening takes a transaction-scoped advisory lock on the room first (never the room's row,
 * which message batches lock), so two nodes' counts and inserts for one room run one after the other;
 * one vote per person is the primary key of {@code poll_votes}.
 */
final class PostgresPolls implements PollStore {

    /** The advisory lock's first key: polls, so that other advisory locks on a room never meet it. */
    private static final int POLL_LOCKS = 0x706f6c6c;

    private final PostgresConnections connections;

    PostgresPolls(PostgresConnections connections) {
        this.connections = connections;
    }

    @Override
    public Optional<Poll> openPoll(String roomId, String question, List<String> options, String author, Instant at, int maxOpen, int kept) {
        return connections.transaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, POLL_LOCKS);
                lock.setString(2, roomId);
                lock.execute();
            }
            if (PollSql.openPolls(c, roomId) >= maxOpen) {
                return Optional.<Poll>empty();
            }
            long id = PollSql.insert(c, roomId, question, options, author, at);
            PollSql.prune(c, roomId, kept);
            return PollSql.one(c, roomId, id).stream().findFirst();
        });
    }

    @Override
    public boolean vote(String roomId, long pollId, String voterKey, int option, Instant at) {
        return connections.run(c -> PollSql.vote(c, roomId, pollId, voterKey, option, at));
    }

    @Override
    public boolean closePoll(String roomId, long pollId, Instant at) {
        return connections.run(c -> PollSql.close(c, roomId, pollId, at));
    }

    @Override
    public Optional<Poll> poll(String roomId, long pollId) {
        return connections.run(c -> PollSql.one(c, roomId, pollId).stream().findFirst());
    }

    @Override
    public List<Poll> polls(String roomId, int recent) {
        return connections.run(c -> PollSql.ofRoom(c, roomId, recent));
    }

    @Override
    public Map<Long, Integer> choices(Collection<Long> pollIds, String voterKey) {
        return connections.run(c -> PollSql.choices(c, pollIds, voterKey));
    }
}
