package webtalk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webtalk.chat.Poll;

/**
 * The SQL of {@link webtalk.chat.PollStore} that both engines run as it is (standard SQL on the
 * schema of {@code V9__polls} in SQLite and {@code V4__polls} in PostgreSQL); each engine adds its
 * locking and transactions around it. The guarantees rest on the schema: one vote per
 * {@code (poll_id, voter_key)} is the primary key, and a vote or a close names the room and
 * requires the poll open in the same statement.
 */
public final class PollSql {

    private PollSql() {
    }

    public static int openPolls(Connection c, String roomId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM polls WHERE room_id = ? AND closed_at IS NULL")) {
            query.setString(1, roomId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Inserts an open poll and its options; its id. */
    public static long insert(Connection c, String roomId, String question, List<String> options, String author, Instant at)
            throws SQLException {
        long id;
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO polls (room_id, question, author, created_at) VALUES (?, ?, ?, ?) RETURNING id")) {
            insert.setString(1, roomId);
            insert.setString(2, question);
            insert.setString(3, author);
            insert.setLong(4, at.toEpochMilli());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO poll_options (poll_id, position, text) VALUES (?, ?, ?)")) {
            for (int i = 0; i < options.size(); i++) {
                insert.setLong(1, id);
                insert.setInt(2, i);
                insert.setString(3, options.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return id;
    }

    /** Deletes the room's closed polls older than its {@code kept} newest (their options and votes cascade). */
    public static void prune(Connection c, String roomId, int kept) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM polls WHERE room_id = ? AND closed_at IS NOT NULL"
                + " AND id NOT IN (SELECT id FROM polls WHERE room_id = ? ORDER BY id DESC LIMIT ?)")) {
            delete.setString(1, roomId);
            delete.setString(2, roomId);
            delete.setInt(3, kept);
            delete.executeUpdate();
        }
    }

    /** One statement: recorded only if the poll is in the room and open, and this voter has no vote on it. */
    public static boolean vote(Connection c, String roomId, long pollId, String voterKey, int option, Instant at) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO poll_votes (poll_id, voter_key, option_index, voted_at) SELECT ?, ?, ?, ?"
                        + " WHERE EXISTS (SELECT 1 FROM polls WHERE id = ? AND room_id = ? AND closed_at IS NULL)"
                        + " ON CONFLICT (poll_id, voter_key) DO NOTHING")) {
            insert.setLong(1, pollId);
            insert.setString(2, voterKey);
            insert.setInt(3, option);
            insert.setLong(4, at.toEpochMilli());
            insert.setLong(5, pollId);
            insert.setString(6, roomId);
            return insert.executeUpdate() == 1;
        }
    }

    public static boolean close(Connection c, String roomId, long pollId, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE polls SET closed_at = ? WHERE id = ? AND room_id = ? AND closed_at IS NULL")) {
            update.setLong(1, at.toEpochMilli());
            update.setLong(2, pollId);
            update.setString(3, roomId);
            return update.executeUpdate() == 1;
        }
    }

    public static List<Poll> one(Connection c, String roomId, long pollId) throws SQLException {
        return load(c, "room_id = ? AND id = ?", roomId, pollId);
    }

    /** The room's open polls and its {@code recent} newest, oldest first. */
    public static List<Poll> ofRoom(Connection c, String roomId, int recent) throws SQLException {
        // Made for every join: its LIMIT is written into the SQL (SqlLimit says why).
        return load(c, "room_id = ? AND (closed_at IS NULL OR id IN (SELECT id FROM polls WHERE room_id = ? ORDER BY id DESC"
                + SqlLimit.clause(recent) + "))", roomId, roomId);
    }

    public static Map<Long, Integer> choices(Connection c, Collection<Long> pollIds, String voterKey) throws SQLException {
        Map<Long, Integer> choices = new HashMap<>();
        if (pollIds.isEmpty()) {
            return choices;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(pollIds.size(), "?"));
        try (PreparedStatement query = c.prepareStatement(
                "SELECT poll_id, option_index FROM poll_votes WHERE voter_key = ? AND poll_id IN (" + marks + ")")) {
            query.setString(1, voterKey);
            int i = 2;
            for (long id : pollIds) {
                query.setLong(i++, id);
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    choices.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        return choices;
    }

    private record Row(long id, String roomId, String question, String author, Instant createdAt, boolean open) {
    }

    /** The polls {@code where} selects, with options and counts: three statements, however many polls. */
    private static List<Poll> load(Connection c, String where, Object... params) throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, room_id, question, author, created_at, closed_at FROM polls WHERE " + where + " ORDER BY id")) {
            bind(query, params);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(6);
                    boolean open = rs.wasNull();
                    rows.put(rs.getLong(1), new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), open));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> options = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement("SELECT poll_id, text FROM poll_options WHERE poll_id IN (SELECT id FROM polls WHERE "
                + where + ") ORDER BY poll_id, position")) {
            bind(query, params);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    options.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        Map<Long, int[]> counts = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement("SELECT poll_id, option_index, count(*) FROM poll_votes WHERE poll_id IN"
                + " (SELECT id FROM polls WHERE " + where + ") GROUP BY poll_id, option_index")) {
            bind(query, params);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    List<String> of = options.get(rs.getLong(1));
                    int index = rs.getInt(2);
                    if (of != null && index >= 0 && index < of.size()) {
                        counts.computeIfAbsent(rs.getLong(1), id -> new int[of.size()])[index] = rs.getInt(3);
                    }
                }
            }
        }
        List<Poll> polls = new ArrayList<>(rows.size());
        for (Row row : rows.values()) {
            List<String> texts = options.getOrDefault(row.id(), List.of());
            int[] votes = counts.getOrDefault(row.id(), new int[texts.size()]);
            List<Integer> tally = new ArrayList<>(texts.size());
            for (int v : votes) {
                tally.add(v);
            }
            polls.add(new Poll(row.id(), row.roomId(), row.question(), texts, tally, row.author(), row.open(), row.createdAt()));
        }
        return polls;
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }
}
