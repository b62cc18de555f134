package webtalk.store.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import webtalk.chat.Appended;
import webtalk.chat.Message;
import webtalk.store.StoreException;

/**
 * The SQL of one group-commit batch, run in the writer's open transaction, with a constant number
 * of statements per batch (arrays through {@code unnest}, not one statement per message):
 * <ol>
 * <li>lock the batch's rooms, <b>in id order</b>: {@code SELECT … ORDER BY id FOR NO KEY UPDATE}
 *     (the lock the counter's UPDATE would take anyway: writers exclude each other, while inserts
 *     that only reference the room, a ban, are not held up; a DELETE of the room waits). Every
 *     writer on every node takes its rooms in that one order, so two batches sharing rooms wait for
 *     each other instead of deadlocking; the locks are held to commit, so the next writer of a
 *     room reads the counter this one leaves, and a room's ids commit in id order;</li>
 * <li>only then look up the batch's client ids among the stored messages (READ COMMITTED: each
 *     statement sees what committed before it, so also what the previous holder of the lock
 *     stored, from any node): a client id already stored, or earlier in this batch, yields that
 *     message flagged duplicate and stores nothing;</li>
 * <li>give each new message its room's next id, insert them all, and advance each room's counter,
 *     count and last activity.</li>
 * </ol>
 * A room not found (deleted meanwhile) fails only its own messages, with
 * {@link StoreException.Kind#REJECTED}; the rest of the batch goes on.
 */
final class MessageBatchSql {

    private static final String LOCK_ROOMS =
            "SELECT id, last_message_id FROM rooms WHERE id = ANY(?) ORDER BY id FOR NO KEY UPDATE";
    // "client_id IS NOT NULL" lets the planner use the partial unique index messages_client_id.
    private static final String STORED_WITH_CLIENT_IDS = "SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM
            + " WHERE m.client_id IS NOT NULL AND (m.room_id, m.client_id) IN (SELECT * FROM unnest(?::text[], ?::text[]))";
    private static final String INSERT = "INSERT INTO messages (room_id, id, author, text, created_at, client_id, reply_to, mentions)"
            + " SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])";
    private static final String ADVANCE_ROOMS = "UPDATE rooms SET last_message_id = r.last, message_count = message_count + r.added,"
            + " last_activity_at = greatest(last_activity_at, r.newest)"
            + " FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) AS r(id, last, added, newest) WHERE rooms.id = r.id";

    private record ClientKey(String roomId, String clientId) {
    }

    /** A locked room: its counter as this batch advances it, and what the batch adds. */
    private static final class RoomTally {
        long lastId;
        long added;
        long newestAt = Long.MIN_VALUE;

        RoomTally(long lastId) {
            this.lastId = lastId;
        }
    }

    private MessageBatchSql() {
    }

    /**
     * Stores the batch in {@code c}'s open transaction and returns one outcome per message in batch
     * order: an {@link Appended}, or (a room that is gone) a {@link StoreException} for that message.
     * Nothing is final until the caller commits.
     */
    static List<Object> store(Connection c, List<PendingMessage> batch) throws SQLException {
        Map<String, RoomTally> rooms = lockRooms(c, batch);
        Map<ClientKey, Message> stored = storedWithClientIds(c, batch, rooms);
        List<Object> outcomes = new ArrayList<>(batch.size());
        Map<ClientKey, Message> inThisBatch = new HashMap<>();
        List<Message> fresh = new ArrayList<>(batch.size());
        for (PendingMessage p : batch) {
            RoomTally room = rooms.get(p.roomId);
            if (room == null) {
                outcomes.add(new StoreException(StoreException.Kind.REJECTED, "room " + p.roomId + " does not exist (deleted?)", null));
                continue;
            }
            ClientKey key = p.clientId == null ? null : new ClientKey(p.roomId, p.clientId);
            Message earlier = key == null ? null : stored.getOrDefault(key, inThisBatch.get(key));
            if (earlier != null) {
                outcomes.add(new Appended(earlier, true));
                continue;
            }
            Message message = new Message(++room.lastId, p.roomId, p.author, p.text, p.at, p.clientId, p.extras);
            room.added++;
            room.newestAt = Math.max(room.newestAt, p.at.toEpochMilli());
            if (key != null) {
                inThisBatch.put(key, message);
            }
            fresh.add(message);
            outcomes.add(new Appended(message, false));
        }
        if (!fresh.isEmpty()) {
            insert(c, fresh);
            advance(c, rooms);
        }
        return outcomes;
    }

    private static Map<String, RoomTally> lockRooms(Connection c, List<PendingMessage> batch) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        for (PendingMessage p : batch) {
            ids.add(p.roomId);
        }
        Map<String, RoomTally> rooms = new HashMap<>();
        try (PreparedStatement lock = c.prepareStatement(LOCK_ROOMS)) {
            lock.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    rooms.put(rs.getString(1), new RoomTally(rs.getLong(2)));
                }
            }
        }
        return rooms;
    }

    private static Map<ClientKey, Message> storedWithClientIds(Connection c, List<PendingMessage> batch,
                                                               Map<String, RoomTally> rooms) throws SQLException {
        List<String> roomIds = new ArrayList<>();
        List<String> clientIds = new ArrayList<>();
        for (PendingMessage p : batch) {
            if (p.clientId != null && rooms.containsKey(p.roomId)) {
                roomIds.add(p.roomId);
                clientIds.add(p.clientId);
            }
        }
        if (roomIds.isEmpty()) {
            return Map.of();
        }
        Map<ClientKey, Message> stored = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement(STORED_WITH_CLIENT_IDS)) {
            query.setArray(1, c.createArrayOf("text", roomIds.toArray()));
            query.setArray(2, c.createArrayOf("text", clientIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    Message m = MessageRows.message(rs);
                    stored.put(new ClientKey(m.roomId(), m.clientId()), m);
                }
            }
        }
        return stored;
    }

    private static void insert(Connection c, List<Message> fresh) throws SQLException {
        int n = fresh.size();
        String[] roomIds = new String[n];
        Long[] ids = new Long[n];
        String[] authors = new String[n];
        String[] texts = new String[n];
        Long[] times = new Long[n];
        String[] clientIds = new String[n];
        Long[] replies = new Long[n];
        String[] mentions = new String[n];
        for (int i = 0; i < n; i++) {
            Message m = fresh.get(i);
            roomIds[i] = m.roomId();
            ids[i] = m.id();
            authors[i] = m.author();
            texts[i] = m.text();
            times[i] = m.at().toEpochMilli();
            clientIds[i] = m.clientId();
            replies[i] = m.extras().replyTo();
            mentions[i] = webtalk.store.MessageReads.mentionsText(m.extras().mentions());
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setArray(1, c.createArrayOf("text", roomIds));
            insert.setArray(2, c.createArrayOf("bigint", ids));
            insert.setArray(3, c.createArrayOf("text", authors));
            insert.setArray(4, c.createArrayOf("text", texts));
            insert.setArray(5, c.createArrayOf("bigint", times));
            insert.setArray(6, c.createArrayOf("text", clientIds));
            insert.setArray(7, c.createArrayOf("bigint", replies));
            insert.setArray(8, c.createArrayOf("text", mentions));
            insert.executeUpdate();
        }
    }

    private static void advance(Connection c, Map<String, RoomTally> rooms) throws SQLException {
        List<String> ids = new ArrayList<>();
        List<Long> last = new ArrayList<>();
        List<Long> added = new ArrayList<>();
        List<Long> newest = new ArrayList<>();
        for (Map.Entry<String, RoomTally> room : rooms.entrySet()) {
            RoomTally tally = room.getValue();
            if (tally.added > 0) {
                ids.add(room.getKey());
                last.add(tally.lastId);
                added.add(tally.added);
                newest.add(tally.newestAt);
            }
        }
        try (PreparedStatement update = c.prepareStatement(ADVANCE_ROOMS)) {
            update.setArray(1, array(c, "text", ids.toArray()));
            update.setArray(2, array(c, "bigint", last.toArray()));
            update.setArray(3, array(c, "bigint", added.toArray()));
            update.setArray(4, array(c, "bigint", newest.toArray()));
            update.executeUpdate();
        }
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }
}
