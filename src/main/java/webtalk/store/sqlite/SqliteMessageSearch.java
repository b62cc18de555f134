package webtalk.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import webtalk.chat.Message;
import webtalk.chat.MessageSearch;
import webtalk.chat.SearchQuery;

/**
 * {@link MessageSearch} on the FTS5 index of migration V10: the room's newest
 * {@link MessageSearch#MAX_CANDIDATES} matches (FTS5 walks its rowids backwards and stops there),
 * ranked by bm25 on the text column (the room column weighs nothing), ties newest first.
 */
final class SqliteMessageSearch {

    private static final String SQL = "WITH candidates (hit_key, hit_score) AS ("
            + " SELECT rowid, bm25(message_search, 0.0, 1.0) FROM message_search WHERE message_search MATCH ?"
            + " ORDER BY rowid DESC LIMIT " + MessageSearch.MAX_CANDIDATES
            + "), hits (hit_room, hit_id, hit_key, hit_score) AS ("
            + " SELECT k.room_id, k.message_id, c.hit_key, c.hit_score FROM candidates c JOIN message_search_keys k ON k.key = c.hit_key"
            + ") SELECT " + MessageRows.COLUMNS + " FROM hits JOIN messages m ON m.room_id = hits.hit_room AND m.id = hits.hit_id"
            + MessageRows.QUOTED
            + " WHERE hits.hit_room = ? ORDER BY hits.hit_score, hits.hit_key DESC LIMIT ? OFFSET ?";

    private SqliteMessageSearch() {
    }

    static List<Message> search(Connection c, String roomId, List<String> terms, int offset, int limit) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(SQL)) {
            query.setString(1, matchExpression(roomId, terms));
            query.setString(2, roomId);
            query.setInt(3, limit);
            query.setInt(4, offset);
            try (ResultSet rs = query.executeQuery()) {
                List<Message> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(MessageRows.message(rs));
                }
                return found;
            }
        }
    }

    /**
     * {@code room : "r1" AND text : "aviao"* AND ...}: every value a quoted FTS5 string (inner quotes
     * doubled), so nothing a person types is read as FTS5 syntax; each term a prefix but one-character ones.
     */
    static String matchExpression(String roomId, List<String> terms) {
        StringBuilder match = new StringBuilder("room : ").append(quoted(roomId));
        for (String term : terms) {
            match.append(" AND text : ").append(quoted(term));
            if (SearchQuery.prefix(term)) {
                match.append('*');
            }
        }
        return match.toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
