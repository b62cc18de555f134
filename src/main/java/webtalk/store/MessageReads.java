package webtalk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webtalk.chat.Message;
import webtalk.chat.MessageDrafts;

/**
 * How both stores read a message with its extras (the SQL is the same in SQLite and PostgreSQL):
 * the row, the quote of the message it replies to as that message is now (a self-join), and the
 * reaction counts of a page of messages (one grouped query per page).
 */
public final class MessageReads {

    /** The columns every message query selects, in this order, from {@link #FROM}; filter on {@code m.}. */
    public static final String COLUMNS = "m.id, m.room_id, m.author, m.text, m.created_at, m.client_id,"
            + " m.reply_to, m.mentions, m.edited_at, m.deleted, o.author, substr(o.text, 1, "
            + MessageDrafts.EXCERPT_MAX + "), o.deleted";
    /** Joined after a query's {@code messages m}: the message it replies to, for the quote's columns. */
    public static final String QUOTED = " LEFT JOIN messages o ON o.room_id = m.room_id AND o.id = m.reply_to";
    public static final String FROM = "messages m" + QUOTED;

    private static final String COUNTS = "SELECT message_id, emoji, count(*) FROM reactions"
            + " WHERE room_id = ? AND message_id BETWEEN ? AND ? GROUP BY message_id, emoji"
            + " ORDER BY message_id, min(created_at), emoji";
    private static final String COUNTS_OF_ONE = "SELECT emoji, count(*) FROM reactions"
            + " WHERE room_id = ? AND message_id = ? GROUP BY emoji ORDER BY min(created_at), emoji";

    private MessageReads() {
    }

    public static Message message(ResultSet rs) throws SQLException {
        long reply = rs.getLong(7);
        Long replyTo = rs.wasNull() ? null : reply;
        String mentions = rs.getString(8);
        long edited = rs.getLong(9);
        Instant editedAt = rs.wasNull() ? null : Instant.ofEpochMilli(edited);
        boolean deleted = rs.getBoolean(10);
        Message plain = new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6));
        if (replyTo == null && mentions == null && editedAt == null && !deleted) {
            return plain;
        }
        Message.Quote quote = null;
        String quoted = rs.getString(11);
        if (replyTo != null && quoted != null) {
            quote = rs.getBoolean(13) ? new Message.Quote(quoted, "", true)
                    : new Message.Quote(quoted, MessageDrafts.excerpt(rs.getString(12)), false);
        }
        return plain.withExtras(new Message.Extras(replyTo, quote, mentionList(mentions), editedAt, deleted, Map.of()));
    }

    /** How mentions are stored: one per line, or null for none. */
    public static String mentionsText(List<String> mentions) {
        return mentions == null || mentions.isEmpty() ? null : String.join("\n", mentions);
    }

    private static List<String> mentionList(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** The page's messages (one room, oldest first) with their reaction counts. */
    public static List<Message> withReactions(Connection c, List<Message> page) throws SQLException {
        if (page.isEmpty()) {
            return page;
        }
        Map<Long, Map<String, Integer>> counts = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement(COUNTS)) {
            query.setString(1, page.get(0).roomId());
            query.setLong(2, page.get(0).id());
            query.setLong(3, page.get(page.size() - 1).id());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3));
                }
            }
        }
        if (counts.isEmpty()) {
            return page;
        }
        List<Message> result = new ArrayList<>(page.size());
        for (Message m : page) {
            Map<String, Integer> mine = counts.get(m.id());
            result.add(mine == null ? m : m.withExtras(m.extras().withReactions(mine)));
        }
        return result;
    }

    /** One message's reaction counts, in the order first used. */
    public static Map<String, Integer> reactions(Connection c, String roomId, long messageId) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement query = c.prepareStatement(COUNTS_OF_ONE)) {
            query.setString(1, roomId);
            query.setLong(2, messageId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }
}
