package webtalk.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webtalk.chat.Appended;
import webtalk.chat.Message;

/**
 * The SQL of one group-commit batch, run on the writer's connection inside the caller's
 * transaction, made cheap per message:
 * <ul>
 * <li>ids are per room: each room in the batch first advances its {@code rooms.last_message_id}
 *     by its count of new messages, in this transaction ({@code UPDATE … RETURNING}), and its
 *     messages take the ids of that range in batch order. The counter and the rows commit
 *     together, so a room's ids are its commit order without gaps, whatever else writes: a second
 *     writer's UPDATE of the same room waits for this transaction (it holds the row, or in SQLite
 *     the database) and continues from its end. The same UPDATE adds the count and the last
 *     activity: one statement per room per batch;</li>
 * <li>new messages go in with multi-row INSERTs ({@link #RUN_SIZES} rows each) carrying their ids:
 *     one trip through JDBC and the SQLite VM per run of rows;</li>
 * <li>a message with a client id is first looked up among the stored ones (the partial unique
 *     index {@code messages_client_id} answers) and among the batch's own (a map), so a retry gets
 *     the earlier message instead of a second row;</li>
 * </ul>
 * Statements are prepared once and kept for the writer's lifetime. Only the writer thread uses it.
 */
final class MessageBatchSql implements AutoCloseable {

    /** Rows per INSERT, largest first: a batch's new messages are cut into runs of these sizes. */
    private static final int[] RUN_SIZES = {64, 8, 1};

    private record ClientKey(String roomId, String clientId) {
    }

    /** The room columns a batch changes, summed over its new messages, and the next id to give. */
    private static final class RoomTally {
        int added;
        long newestAt = Long.MIN_VALUE;
        long nextId;
    }

    private final Connection connection;
    private final Map<ClientKey, Integer> firstWithClientId = new HashMap<>();
    private final Map<String, RoomTally> rooms = new LinkedHashMap<>();
    private final PreparedStatement[] inserts = new PreparedStatement[RUN_SIZES.length];
    private PreparedStatement earlier;
    private PreparedStatement reserve;

    MessageBatchSql(Connection connection) {
        this.connection = connection;
    }

    /**
     * Stores the batch's messages in the current transaction and returns their outcomes in batch
     * order, ids increasing in that order. A client id seen before in the room, in the store or
     * earlier in this batch, yields the earlier message flagged duplicate. Call with the
     * connection's write lock held; nothing is final until the caller commits.
     */
    List<Appended> store(List<PendingMessage> batch) throws SQLException {
        prepare();
        Appended[] outcomes = new Appended[batch.size()];
        int[] retryOf = findRetries(batch, outcomes);
        insertNew(batch, outcomes, retryOf);
        for (int i = 0; i < outcomes.length; i++) {
            if (retryOf[i] >= 0) {
                outcomes[i] = new Appended(outcomes[retryOf[i]].message(), true);
            }
        }
        return Arrays.asList(outcomes);
    }

    /**
     * Fills in the outcome of each retry of a stored message, and returns for each message the
     * index of the earlier one in this batch it retries, or -1.
     */
    private int[] findRetries(List<PendingMessage> batch, Appended[] outcomes) throws SQLException {
        int[] retryOf = new int[batch.size()];
        Arrays.fill(retryOf, -1);
        firstWithClientId.clear();
        for (int i = 0; i < retryOf.length; i++) {
            PendingMessage p = batch.get(i);
            if (p.clientId == null) {
                continue;
            }
            Integer first = firstWithClientId.putIfAbsent(new ClientKey(p.roomId, p.clientId), i);
            if (first != null) {
                retryOf[i] = first;
            } else {
                outcomes[i] = earlier(p);
            }
        }
        return retryOf;
    }

    private Appended earlier(PendingMessage p) throws SQLException {
        earlier.setString(1, p.roomId);
        earlier.setString(2, p.clientId);
        try (ResultSet rs = earlier.executeQuery()) {
            return rs.next() ? new Appended(MessageRows.message(rs), true) : null;
        }
    }

    /** Inserts the messages that are neither retries nor stored already, in batch order. */
    private void insertNew(List<PendingMessage> batch, Appended[] outcomes, int[] retryOf) throws SQLException {
        rooms.clear();
        int[] fresh = new int[outcomes.length];
        // Each new message's room, looked up once: the writer thread is what bounds throughput.
        RoomTally[] roomOf = new RoomTally[outcomes.length];
        int count = 0;
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null && retryOf[i] < 0) {
                fresh[count++] = i;
                PendingMessage p = batch.get(i);
                RoomTally room = rooms.computeIfAbsent(p.roomId, r -> new RoomTally());
                roomOf[i] = room;
                room.added++;
                room.newestAt = Math.max(room.newestAt, p.at.toEpochMilli());
            }
        }
        reserveIds();
        int done = 0;
        while (done < count) {
            int size = 0;
            while (RUN_SIZES[size] > count - done) {
                size++;
            }
            insertRun(inserts[size], RUN_SIZES[size], batch, outcomes, fresh, roomOf, done);
            done += RUN_SIZES[size];
        }
    }

    private void insertRun(PreparedStatement insert, int rows, List<PendingMessage> batch, Appended[] outcomes,
                           int[] fresh, RoomTally[] roomOf, int from) throws SQLException {
        int column = 1;
        for (int row = 0; row < rows; row++) {
            int i = fresh[from + row];
            PendingMessage p = batch.get(i);
            long id = roomOf[i].nextId++;
            insert.setString(column++, p.roomId);
            insert.setLong(column++, id);
            insert.setString(column++, p.author);
            insert.setString(column++, p.text);
            insert.setLong(column++, p.at.toEpochMilli());
            insert.setString(column++, p.clientId);
            if (p.extras.replyTo() == null) {
                insert.setNull(column++, java.sql.Types.BIGINT);
            } else {
                insert.setLong(column++, p.extras.replyTo());
            }
            insert.setString(column++, webtalk.store.MessageReads.mentionsText(p.extras.mentions()));
            outcomes[i] = new Appended(new Message(id, p.roomId, p.author, p.text, p.at, p.clientId, p.extras), false);
        }
        insert.executeUpdate();
    }

    /**
     * Advances each room's counter by its new messages (with its count and last activity) and
     * notes the first id of its range. A room that is gone has no counter: its messages get ids
     * from 1 and their INSERT fails on the foreign key, as a message to a deleted room must.
     */
    private void reserveIds() throws SQLException {
        for (Map.Entry<String, RoomTally> room : rooms.entrySet()) {
            RoomTally tally = room.getValue();
            reserve.setInt(1, tally.added);
            reserve.setInt(2, tally.added);
            reserve.setLong(3, tally.newestAt);
            reserve.setString(4, room.getKey());
            try (ResultSet rs = reserve.executeQuery()) {
                tally.nextId = rs.next() ? rs.getLong(1) - tally.added + 1 : 1;
            }
        }
    }

    private void prepare() throws SQLException {
        if (reserve != null) {
            return;
        }
        earlier = connection.prepareStatement(
                "SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM + " WHERE m.room_id = ? AND m.client_id = ?");
        for (int i = 0; i < RUN_SIZES.length; i++) {
            inserts[i] = connection.prepareStatement(insertOf(RUN_SIZES[i]));
        }
        // max(): a room's last activity is its newest message, whatever order they were stored in.
        reserve = connection.prepareStatement("UPDATE rooms SET last_message_id = last_message_id + ?,"
                + " message_count = message_count + ?, last_activity_at = max(last_activity_at, ?) WHERE id = ? RETURNING last_message_id");
    }

    private static String insertOf(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO messages (room_id, id, author, text, created_at, client_id, reply_to, mentions) VALUES ");
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    /**
     * After a failed batch: sqlite-jdbc may leave a statement that failed (SQLITE_FULL does) closed
     * underneath, and every later use of it would fail with "statement is not executing"; so the
     * statements are dropped and prepared again for the next batch. Rare, so the cost is nothing.
     */
    void forget() {
        try {
            close();
        } catch (SQLException | RuntimeException ignored) {
            // they are being thrown away
        }
        Arrays.fill(inserts, null);
        earlier = null;
        reserve = null;
    }

    /** Call with the connection's write lock held. */
    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : inserts) {
            if (statement != null) {
                statement.close();
            }
        }
        if (earlier != null) {
            earlier.close();
        }
        if (reserve != null) {
            reserve.close();
        }
    }
}
