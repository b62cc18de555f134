package webtalk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import webtalk.chat.MessageChanges.ReactionToggle.Outcome;

/**
 * A reaction toggle's SQL, the same in both stores, run in the caller's transaction after it has
 * checked (and, in PostgreSQL, locked) the message row, so the bounds hold under concurrency.
 */
public final class ReactionToggles {

    private ReactionToggles() {
    }

    public static Outcome toggle(Connection c, String roomId, long messageId, String memberKey, String emoji, Instant at,
                                 int maxEmoji, int maxPerMember) throws SQLException {
        try (PreparedStatement remove = c.prepareStatement(
                "DELETE FROM reactions WHERE room_id = ? AND message_id = ? AND member_key = ? AND emoji = ?")) {
            remove.setString(1, roomId);
            remove.setLong(2, messageId);
            remove.setString(3, memberKey);
            remove.setString(4, emoji);
            if (remove.executeUpdate() > 0) {
                return Outcome.REMOVED;
            }
        }
        try (PreparedStatement tally = c.prepareStatement("SELECT count(DISTINCT emoji),"
                + " coalesce(sum(CASE WHEN member_key = ? THEN 1 ELSE 0 END), 0),"
                + " coalesce(sum(CASE WHEN emoji = ? THEN 1 ELSE 0 END), 0)"
                + " FROM reactions WHERE room_id = ? AND message_id = ?")) {
            tally.setString(1, memberKey);
            tally.setString(2, emoji);
            tally.setString(3, roomId);
            tally.setLong(4, messageId);
            try (ResultSet rs = tally.executeQuery()) {
                rs.next();
                if (rs.getLong(3) == 0 && rs.getLong(1) >= maxEmoji) {
                    return Outcome.TOO_MANY_EMOJI;
                }
                if (rs.getLong(2) >= maxPerMember) {
                    return Outcome.TOO_MANY_MINE;
                }
            }
        }
        try (PreparedStatement add = c.prepareStatement(
                "INSERT INTO reactions (room_id, message_id, member_key, emoji, created_at) VALUES (?, ?, ?, ?, ?)")) {
            add.setString(1, roomId);
            add.setLong(2, messageId);
            add.setString(3, memberKey);
            add.setString(4, emoji);
            add.setLong(5, at.toEpochMilli());
            add.executeUpdate();
        }
        return Outcome.ADDED;
    }
}
