package webtalk.store.sqlite;

import java.sql.ResultSet;
import java.sql.SQLException;
import webtalk.chat.Message;
import webtalk.store.MessageReads;

/** How a message is read from a row: the columns every message query selects, in this order (see {@link MessageReads}). */
final class MessageRows {

    static final String COLUMNS = MessageReads.COLUMNS;
    /** What message queries select from; their conditions name the message's columns {@code m.}. */
    static final String FROM = MessageReads.FROM;
    /** For queries that join {@code messages m} themselves: the quote's join, after it. */
    static final String QUOTED = MessageReads.QUOTED;

    private MessageRows() {
    }

    static Message message(ResultSet rs) throws SQLException {
        return MessageReads.message(rs);
    }
}
