package webtalk.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import webtalk.chat.Message;
import webtalk.chat.MessageChanges;
import webtalk.store.MessageReads;
import webtalk.store.ReactionToggles;

/**
 * PostgreSQL's {@link MessageChanges} and tombstones. A toggle locks its message's row first
 * ({@code FOR NO KEY UPDATE}), so toggles of one message on any number of nodes run one after the
 * other and its bounds hold; the primary key keeps one reaction per member and emoji. A tombstone
 * takes the same row lock, so a toggle never adds to a message being deleted.
 */
final class PostgresMessageChanges implements MessageChanges {

    private final PostgresConnections connections;

    PostgresMessageChanges(PostgresConnections connections) {
        this.connections = connections;
    }

    @Override
    public Optional<Message> findMessage(String roomId, long messageId) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM + " WHERE m.room_id = ? AND m.id = ?")) {
                query.setString(1, roomId);
                query.setLong(2, messageId);
                try (ResultSet rs = query.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(MessageReads.withReactions(c, List.of(MessageRows.message(rs))).get(0));
                }
            }
        });
    }

    @Override
    public boolean editMessage(String roomId, long messageId, String text, List<String> mentions, Instant editedAt) {
        return connections.run(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE messages SET text = ?, mentions = ?, edited_at = ? WHERE room_id = ? AND id = ? AND NOT deleted")) {
                update.setString(1, text);
                update.setString(2, MessageReads.mentionsText(mentions));
                update.setLong(3, editedAt.toEpochMilli());
                update.setString(4, roomId);
                update.setLong(5, messageId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The tombstone: text and mentions erased, reactions gone, the row (and its id) kept. */
    boolean deleteMessage(String roomId, long messageId) {
        return connections.transaction(c -> {
            try (PreparedStatement tomb = c.prepareStatement("UPDATE messages SET text = '', mentions = NULL, deleted = TRUE"
                    + " WHERE room_id = ? AND id = ? AND NOT deleted");
                 PreparedStatement reactions = c.prepareStatement("DELETE FROM reactions WHERE room_id = ? AND message_id = ?");
                 // A tombstone keeps its row, so its pin does not go by the foreign key's cascade: it goes here.
                 PreparedStatement pin = c.prepareStatement("DELETE FROM room_pins WHERE room_id = ? AND message_id = ?")) {
                tomb.setString(1, roomId);
                tomb.setLong(2, messageId);
                if (tomb.executeUpdate() == 0) {
                    return false;
                }
                for (PreparedStatement dependent : new PreparedStatement[] {reactions, pin}) {
                    dependent.setString(1, roomId);
                    dependent.setLong(2, messageId);
                    dependent.executeUpdate();
                }
                return true;
            }
        });
    }

    @Override
    public ReactionToggle toggleReaction(String roomId, long messageId, String memberKey, String emoji, Instant at,
                                         int maxEmoji, int maxPerMember) {
        return connections.transaction(c -> {
            try (PreparedStatement message = c.prepareStatement(
                    "SELECT deleted FROM messages WHERE room_id = ? AND id = ? FOR NO KEY UPDATE")) {
                message.setString(1, roomId);
                message.setLong(2, messageId);
                try (ResultSet rs = message.executeQuery()) {
                    if (!rs.next()) {
                        return ReactionToggle.refused(ReactionToggle.Outcome.NO_MESSAGE);
                    }
                    if (rs.getBoolean(1)) {
                        return ReactionToggle.refused(ReactionToggle.Outcome.DELETED);
                    }
                }
            }
            ReactionToggle.Outcome outcome = ReactionToggles.toggle(c, roomId, messageId, memberKey, emoji, at, maxEmoji, maxPerMember);
            if (outcome != ReactionToggle.Outcome.ADDED && outcome != ReactionToggle.Outcome.REMOVED) {
                return ReactionToggle.refused(outcome);
            }
            return new ReactionToggle(outcome, MessageReads.reactions(c, roomId, messageId));
        });
    }
}
