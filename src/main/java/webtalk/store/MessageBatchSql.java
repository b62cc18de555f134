package webtalk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import webtalk.chat.Message;

/**
 * The SQL of one group-commit batch, run on the writer's connection inside the caller's
 * transaction. Per message: a lookup of an earlier message with the same client id (only when
 * there is one; the partial unique index {@code messages_client_id} answers it), then one INSERT
 * whose RETURNING clause gives the id (sqlite-jdbc's {@code getGeneratedKeys()} would run a
 * second statement per row). Per room, not per message: one UPDATE of its count and last activity.
 * Statements are prepared once and kept for the writer's lifetime. Only the writer thread uses it.
 */
final class MessageBatchSql implements AutoCloseable {

    /** The room columns a batch changes, summed over its messages. */
    private static final class RoomTally {
        int added;
        long newestAt = Long.MIN_VALUE;
    }

    private final Connection connection;
    private final Map<String, RoomTally> rooms = new HashMap<>();
    private PreparedStatement earlier;
    private PreparedStatement insert;
    private PreparedStatement tally;

    MessageBatchSql(Connection connection) {
        this.connection = connection;
    }

    /**
     * Stores the batch's messages in the current transaction and returns their outcomes in batch
     * order. A client id seen earlier, in the store or in this batch, yields the earlier message
     * flagged duplicate. Call with the connection's write lock held; nothing is final until the
     * caller commits.
     */
    List<Appended> store(List<PendingMessage> batch) throws SQLException {
        prepare();
        rooms.clear();
        List<Appended> outcomes = new ArrayList<>(batch.size());
        for (PendingMessage p : batch) {
            Appended stored = p.clientId == null ? null : earlier(p);
            outcomes.add(stored != null ? stored : insert(p));
        }
        for (Map.Entry<String, RoomTally> room : rooms.entrySet()) {
            tally.setInt(1, room.getValue().added);
            tally.setLong(2, room.getValue().newestAt);
            tally.setString(3, room.getKey());
            tally.executeUpdate();
        }
        return outcomes;
    }

    private void prepare() throws SQLException {
        if (insert != null) {
            return;
        }
        earlier = connection.prepareStatement(
                "SELECT " + SqliteChatStore.MESSAGE_COLUMNS + " FROM messages WHERE room_id = ? AND client_id = ?");
        insert = connection.prepareStatement(
                "INSERT INTO messages (room_id, author, text, created_at, client_id) VALUES (?, ?, ?, ?, ?) RETURNING id");
        // max(): a room's last activity is its newest message, whatever order the batch holds them in.
        tally = connection.prepareStatement(
                "UPDATE rooms SET message_count = message_count + ?, last_activity_at = max(last_activity_at, ?) WHERE id = ?");
    }

    private Appended earlier(PendingMessage p) throws SQLException {
        earlier.setString(1, p.roomId);
        earlier.setString(2, p.clientId);
        try (ResultSet rs = earlier.executeQuery()) {
            return rs.next() ? new Appended(SqliteChatStore.message(rs), true) : null;
        }
    }

    private Appended insert(PendingMessage p) throws SQLException {
        long at = p.at.toEpochMilli();
        insert.setString(1, p.roomId);
        insert.setString(2, p.author);
        insert.setString(3, p.text);
        insert.setLong(4, at);
        insert.setString(5, p.clientId);
        long id;
        try (ResultSet rs = insert.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("INSERT … RETURNING id returned no row");
            }
            id = rs.getLong(1);
        }
        RoomTally room = rooms.computeIfAbsent(p.roomId, r -> new RoomTally());
        room.added++;
        room.newestAt = Math.max(room.newestAt, at);
        return new Appended(new Message(id, p.roomId, p.author, p.text, p.at, p.clientId), false);
    }

    /** Call with the connection's write lock held. */
    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : new PreparedStatement[] {earlier, insert, tally}) {
            if (statement != null) {
                statement.close();
            }
        }
    }
}
