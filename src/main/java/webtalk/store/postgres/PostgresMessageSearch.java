package webtalk.store.postgres;

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
 * {@link MessageSearch} on the generated {@code search_words} tsvector of migration V5 and its GIN
 * index: the words and the room's lexeme are looked up together in the index, the room's newest
 * {@link MessageSearch#MAX_CANDIDATES} matches are kept, ranked by {@code ts_rank}, ties newest first.
 */
final class PostgresMessageSearch {

    private PostgresMessageSearch() {
    }

    static List<Message> search(Connection c, String roomId, List<String> terms, int offset, int limit) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql(terms))) {
            int at = 1;
            for (String term : terms) {
                query.setString(at++, term);
            }
            query.setString(at++, roomLexeme(roomId));
            query.setString(at++, roomId);
            for (String term : terms) {
                query.setString(at++, term);
            }
            query.setInt(at++, limit);
            query.setInt(at, offset);
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
     * Each term is a bound value folded by the same function as the text, quoted as one tsquery
     * lexeme by quote_literal and made a prefix ({@code :*}) unless one character long: nothing typed is read as tsquery syntax.
     * The query is written out where it is used (not taken from a CTE), so that the planner sees an
     * expression of the parameters and looks it up in the GIN index even in a generic plan (from a
     * CTE it guesses blind and may scan the table).
     */
    private static String sql(List<String> terms) {
        StringBuilder words = new StringBuilder("(");
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                words.append(" && ");
            }
            words.append(SearchQuery.prefix(terms.get(i))
                    ? "to_tsquery('simple', quote_literal(webtalk_search_text(?)) || ':*')"
                    : "to_tsquery('simple', quote_literal(webtalk_search_text(?)))");
        }
        words.append(')');
        return "WITH candidates AS (SELECT m.room_id AS hit_room, m.id AS hit_id FROM messages m"
                + " WHERE m.search_words @@ (" + words + " && ?::tsquery)"
                + " ORDER BY m.id DESC LIMIT " + MessageSearch.MAX_CANDIDATES + ")"
                + " SELECT " + MessageRows.COLUMNS + " FROM candidates JOIN messages m ON m.room_id = candidates.hit_room"
                + " AND m.id = candidates.hit_id" + MessageRows.QUOTED + " WHERE candidates.hit_room = ?"
                + " ORDER BY ts_rank(m.search_words, " + words + ") DESC, m.id DESC LIMIT ? OFFSET ?";
    }

    /** '#room' as tsquery input: one quoted lexeme, its quotes doubled and backslashes escaped. */
    static String roomLexeme(String roomId) {
        return "'#" + roomId.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
