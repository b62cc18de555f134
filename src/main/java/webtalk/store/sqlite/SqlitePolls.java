package webtalk.store.sqlite;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import webtalk.chat.Poll;
import webtalk.chat.PollStore;
import webtalk.store.PollSql;

/**
 * {@link PollStore} on the SQLite file, through the store's one writer and one reader connection
 * (and their locks): one writer at a time makes "at most N open polls" a count and an insert in one
 * transaction.
 */
final class SqlitePolls implements PollStore {

    private final SqliteConnections connections;

    SqlitePolls(SqliteConnections connections) {
        this.connections = connections;
    }

    @Override
    public Optional<Poll> openPoll(String roomId, String question, List<String> options, String author, Instant at, int maxOpen, int kept) {
        return connections.write(c -> Transactions.run(c, () -> {
            if (PollSql.openPolls(c, roomId) >= maxOpen) {
                return Optional.<Poll>empty();
            }
            long id = PollSql.insert(c, roomId, question, options, author, at);
            PollSql.prune(c, roomId, kept);
            return PollSql.one(c, roomId, id).stream().findFirst();
        }));
    }

    @Override
    public boolean vote(String roomId, long pollId, String voterKey, int option, Instant at) {
        return connections.write(c -> PollSql.vote(c, roomId, pollId, voterKey, option, at));
    }

    @Override
    public boolean closePoll(String roomId, long pollId, Instant at) {
        return connections.write(c -> PollSql.close(c, roomId, pollId, at));
    }

    @Override
    public Optional<Poll> poll(String roomId, long pollId) {
        return connections.read(c -> PollSql.one(c, roomId, pollId).stream().findFirst());
    }

    @Override
    public List<Poll> polls(String roomId, int recent) {
        return connections.read(c -> PollSql.ofRoom(c, roomId, recent));
    }

    @Override
    public Map<Long, Integer> choices(Collection<Long> pollIds, String voterKey) {
        return connections.read(c -> PollSql.choices(c, pollIds, voterKey));
    }
}
