package webtalk.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import webtalk.chat.MessageSearch;
import webtalk.chat.ports.MessageSearchContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link MessageSearchContract} on PostgreSQL full-text search, a fresh schema per test. */
class PostgresMessageSearchTest extends MessageSearchContract {

    @Override
    protected StoreUnderTest openStore() {
        return PostgresStoreUnderTest.open();
    }

    @Override
    protected MessageSearch search() {
        return (MessageSearch) store.messages();
    }

    @Override
    protected void rewriteText(String roomId, long id, String text) throws Exception {
        PostgresDatabase.Schema schema = ((PostgresStoreUnderTest) store).schema();
        try (Connection c = PostgresDatabase.connect(schema.url());
             PreparedStatement update = c.prepareStatement("UPDATE messages SET text = ? WHERE room_id = ? AND id = ?")) {
            c.createStatement().execute("SET search_path TO " + schema.name());
            update.setString(1, text);
            update.setString(2, roomId);
            update.setLong(3, id);
            if (update.executeUpdate() != 1) {
                throw new AssertionError("no message " + roomId + "/" + id);
            }
        }
    }
}
