package webtalk.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.Message;
import webtalk.chat.RoomOwnership;

/**
 * {@link RoomOwnership} on the PostgreSQL store's pool. A pin locks its room's row first (as a
 * message delete does, so it cannot deadlock with a batch) and checks the limit under that lock:
 * two pins, from any nodes, never pass it together.
 */
final class PostgresRoomOwnership implements RoomOwnership {

    private final PostgresConnections connections;

    PostgresRoomOwnership(PostgresConnections connections) {
        this.connections = connections;
    }

    @Override
    public boolean saveOwnerKeyHash(String roomId, String hash) {
        return updateRoom("UPDATE rooms SET owner_key_hash = ? WHERE id = ?", hash, roomId);
    }

    @Override
    public boolean saveModeratorKeyHash(String roomId, String hash) {
        return updateRoom("UPDATE rooms SET moderator_key_hash = ? WHERE id = ?", hash, roomId);
    }

    @Override
    public Optional<KeyHashes> keyHashes(String roomId) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT owner_key_hash, moderator_key_hash FROM rooms WHERE id = ?")) {
                query.setString(1, roomId);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.of(new KeyHashes(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean saveSlowMode(String roomId, int seconds) {
        return updateRoom("UPDATE rooms SET slow_mode_seconds = ? WHERE id = ?", seconds, roomId);
    }

    @Override
    public int slowMode(String roomId) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT slow_mode_seconds FROM rooms WHERE id = ?")) {
                query.setString(1, roomId);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public boolean savePollsModeratorsOnly(String roomId, boolean moderatorsOnly) {
        return updateRoom("UPDATE rooms SET polls_moderators_only = ? WHERE id = ?", moderatorsOnly, roomId);
    }

    @Override
    public boolean pollsModeratorsOnly(String roomId) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT polls_moderators_only FROM rooms WHERE id = ?")) {
                query.setString(1, roomId);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    @Override
    public boolean updateTopic(String roomId, String name, String description) {
        return connections.run(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE rooms SET name = ?, name_key = ?, description = ? WHERE id = ?")) {
                update.setString(1, name);
                update.setString(2, webtalk.chat.NameKeys.of(name.strip()));
                update.setString(3, description);
                update.setString(4, roomId);
                return update.executeUpdate() > 0;
            } catch (SQLException e) {
                if (PostgresErrors.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new ChatException(ChatError.ROOM_NAME_TAKEN);
                }
                throw e;
            }
        });
    }

    @Override
    public Pinning pin(String roomId, long messageId, Instant at, int limit) {
        return connections.transaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM rooms WHERE id = ? FOR UPDATE")) {
                lock.setString(1, roomId);
                lock.executeQuery().close();
            }
            if (!exists(c, "SELECT 1 FROM messages WHERE room_id = ? AND id = ? AND NOT deleted", roomId, messageId)) {  // a tombstone is no message to pin
                return Pinning.NO_SUCH_MESSAGE;
            }
            if (exists(c, "SELECT 1 FROM room_pins WHERE room_id = ? AND message_id = ?", roomId, messageId)) {
                return Pinning.ALREADY_PINNED;
            }
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM room_pins WHERE room_id = ?")) {
                count.setString(1, roomId);
                try (ResultSet rs = count.executeQuery()) {
                    if (rs.next() && rs.getInt(1) >= limit) {
                        return Pinning.LIMIT_REACHED;
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO room_pins (room_id, message_id, pinned_at) VALUES (?, ?, ?)")) {
                insert.setString(1, roomId);
                insert.setLong(2, messageId);
                insert.setLong(3, at.toEpochMilli());
                insert.executeUpdate();
            }
            return Pinning.PINNED;
        });
    }

    @Override
    public boolean unpin(String roomId, long messageId) {
        return connections.run(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM room_pins WHERE room_id = ? AND message_id = ?")) {
                delete.setString(1, roomId);
                delete.setLong(2, messageId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<Message> pinned(String roomId) {
        // Messages as every message query reads them (with their quote), in pin order.
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM
                    + " JOIN (SELECT message_id, pinned_at FROM room_pins WHERE room_id = ?) pins ON pins.message_id = m.id"
                    + " WHERE m.room_id = ? ORDER BY pins.pinned_at, pins.message_id")) {
                query.setString(1, roomId);
                query.setString(2, roomId);
                try (ResultSet rs = query.executeQuery()) {
                    List<Message> pins = new ArrayList<>();
                    while (rs.next()) {
                        pins.add(MessageRows.message(rs));
                    }
                    return pins;
                }
            }
        });
    }

    private static boolean exists(Connection c, String sql, String roomId, long messageId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, roomId);
            query.setLong(2, messageId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean updateRoom(String sql, Object value, String roomId) {
        return connections.run(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                update.setObject(1, value);
                update.setString(2, roomId);
                return update.executeUpdate() > 0;
            }
        });
    }
}
