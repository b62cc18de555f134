package webtalk.store.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import webtalk.chat.Message;

/** How a message is read from a row: the columns every message query selects, in this order. */
final class MessageRows {

    static final String COLUMNS = "id, room_id, author, text, created_at, client_id";

    private MessageRows() {
    }

    static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6));
    }
}
