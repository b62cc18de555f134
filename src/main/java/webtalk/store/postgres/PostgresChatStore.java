package webtalk.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.admin.AuditEntry;
import webtalk.chat.Appended;
import webtalk.chat.Ban;
import webtalk.chat.Bans;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatSetting;
import webtalk.chat.ChatSettings;
import webtalk.chat.CommitScope;
import webtalk.chat.Message;
import webtalk.chat.NameKeys;
import webtalk.chat.Room;
import webtalk.chat.StoreHealth;
import webtalk.config.DatabaseUrl;
import webtalk.store.ChatDatabase;
import webtalk.store.CommitObserver;
import webtalk.store.DatabaseBackup;
import webtalk.store.SchemaMigrations;
import webtalk.store.StoreException;

/**
 * The cluster's store: one PostgreSQL database shared by every node, each node holding one of
 * these. Two HikariCP pools: a small one for reads and the other writes (rooms, bans, settings,
 * audit: each a single statement or one short transaction, auto-committed), and one connection
 * for the group-commit writer ({@link PostgresMessageWriter}). Every connection sets
 * {@code synchronous_commit = on} itself, whatever the server's default, so a commit is on disk in
 * the WAL before anyone is told (store before ack).
 *
 * <p>Several nodes write the same rooms at once: per-room gap-free ids and idempotent client ids
 * hold across them because each batch locks its rooms' rows in id order before it reads a
 * counter or a client id ({@link MessageBatchSql}). The other writes that lock rooms take them in
 * the same order (idle rooms) or lock the one room first (message deletes), so they cannot
 * deadlock with a batch either.
 *
 * <p>Ids: rooms and messages keep SQLite's meaning exactly (the schema is V1..V6 of SQLite in one
 * migration, {@code db/migration/postgresql}); bans and audit entries take identity columns.
 */
public final class PostgresChatStore implements ChatDatabase {

    static final int READ_POOL_SIZE = 4;
    /** The newest migration in {@code db/migration/postgresql}; PostgresLatestMigrationTest keeps it so. */
    static final int LATEST_MIGRATION = 6;
    private static final String ADMIN_PASSWORD_KEY = "admin_password_hash";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChatStore.class);

    private final Clock clock;
    private final HikariDataSource pool;
    private final PostgresConnections connections;
    private final HikariDataSource writerPool;
    private final PostgresRoomOwnership ownership;
    private final PostgresMessageWriter messages;
    private final PostgresPolls polls;
    private final PostgresMessageChanges changes;

    private PostgresChatStore(HikariDataSource pool, HikariDataSource writerPool, Clock clock) {
        this.pool = pool;
        this.writerPool = writerPool;
        this.clock = clock;
        this.messages = new PostgresMessageWriter(writerPool);
        this.connections = new PostgresConnections(pool);
        this.changes = new PostgresMessageChanges(connections);
        this.polls = new PostgresPolls(connections);
        this.ownership = new PostgresRoomOwnership(connections);
    }

    @Override
    public webtalk.chat.PollStore polls() {
        return polls;
    }

    @Override
    public webtalk.chat.RoomOwnership ownership() {
        return ownership;
    }

    /** Opens the store in the connection's default schema and applies pending migrations. */
    public static PostgresChatStore open(DatabaseUrl url, Clock clock) {
        return open(url, null, clock);
    }

    /**
     * Like {@link #open(DatabaseUrl, Clock)} in {@code schema} (created if missing; null: the
     * connection's default), so that tests, or several WebTalks, can share one database.
     *
     * @throws StoreException UNAVAILABLE, in one sentence naming host, port, database, user and the
     *         reason (never the password), when the database cannot be reached or logged into;
     *         FAILED when its schema is newer than this WebTalk knows
     */
    public static PostgresChatStore open(DatabaseUrl url, String schema, Clock clock) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clock, "clock");
        HikariDataSource pool = null;
        HikariDataSource writerPool = null;
        try {
            pool = new HikariDataSource(config(url, schema, "webtalk-pg-read", READ_POOL_SIZE));
            SchemaMigrations.migrate(pool, "classpath:db/migration/postgresql", schema, LATEST_MIGRATION,
                    url.database() + " at " + url.host() + ":" + url.port());
            writerPool = new HikariDataSource(writerConfig(url, schema));
            LOG.info("PostgreSQL store open: {}:{}, database {}, schema {}, user {}", url.host(), url.port(), url.database(),
                    schema == null ? "(default)" : schema, url.user());
            return new PostgresChatStore(pool, writerPool, clock);
        } catch (RuntimeException e) {
            closeQuietly(writerPool);
            closeQuietly(pool);
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException(StoreException.Kind.UNAVAILABLE, "cannot open the PostgreSQL store at " + url.host() + ":"
                    + url.port() + ", database " + url.database() + ", user " + url.user() + ": " + reason(e)
                    + " (check DATABASE_URL and that PostgreSQL is running)", e);
        }
    }

    private static HikariConfig config(DatabaseUrl url, String schema, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        // Fail fast: a sender is better refused at once than left waiting on a database that is down.
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "webtalk");
        if (schema != null) {
            config.setSchema(schema);
        }
        // Explicit per connection: an ack means the commit is flushed to disk, whatever postgresql.conf says.
        config.setConnectionInitSql("SET synchronous_commit = on");
        return config;
    }

    /** The writer's connection stays in a transaction between commits: no auto-commit to switch off per batch. */
    private static HikariConfig writerConfig(DatabaseUrl url, String schema) {
        HikariConfig config = config(url, schema, "webtalk-pg-write", 1);
        config.setAutoCommit(false);
        return config;
    }

    /** The deepest cause's first line: pgjdbc's "Connection to … refused", or the server's FATAL. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof PSQLException) {
                break;
            }
        }
        String message = root.getMessage() == null ? root.toString() : root.getMessage();
        return PostgresErrors.firstLine(message).replaceAll("\\.\\s*$", "");
    }

    private static void closeQuietly(HikariDataSource source) {
        if (source != null) {
            source.close();
        }
    }

    // ---- Rooms

    @Override
    public Room createRoom(Room room, String passwordHash) {
        return connections.run(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO rooms (id, name, name_key, description, creator, created_at, password_hash, active, last_activity_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?)")) {
                insert.setString(1, room.id());
                insert.setString(2, room.name());
                insert.setString(3, nameKey(room.name()));
                insert.setString(4, room.description());
                insert.setString(5, room.creator());
                insert.setLong(6, room.createdAt().toEpochMilli());
                insert.setString(7, passwordHash);
                insert.setLong(8, room.createdAt().toEpochMilli());
                insert.executeUpdate();
                return room;
            } catch (SQLException e) {
                if (nameTaken(e)) {
                    throw new ChatException(ChatError.ROOM_NAME_TAKEN);
                }
                throw e;
            }
        });
    }

    /** The active-name index broken (told by the constraint's name: a clash of ids is rooms_pkey). */
    private static boolean nameTaken(SQLException e) {
        return PostgresErrors.UNIQUE_VIOLATION.equals(e.getSQLState()) && e instanceof PSQLException p
                && p.getServerErrorMessage() != null && "rooms_active_name".equals(p.getServerErrorMessage().getConstraint());
    }

    private static String nameKey(String name) {
        return NameKeys.of(name.strip());
    }

    @Override
    public Optional<Room> findRoom(String id) {
        List<Room> found = rooms("SELECT * FROM rooms WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public Optional<String> passwordHash(String roomId) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT password_hash FROM rooms WHERE id = ?")) {
                query.setString(1, roomId);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Room> activeRooms() {
        return rooms("SELECT * FROM rooms WHERE active ORDER BY created_at DESC, id");
    }

    @Override
    public int countActiveRooms() {
        return (int) scalar("SELECT count(*) FROM rooms WHERE active");
    }

    @Override
    public boolean deleteRoom(String roomId) {
        return update("DELETE FROM rooms WHERE id = ?", roomId) > 0;
    }

    @Override
    public List<String> deactivateRoomsIdleSince(Instant cutoff, Set<String> keepOpen) {
        // The rows are locked in id order, as every message batch locks its rooms: no deadlock.
        return connections.run(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "WITH idle AS (SELECT id FROM rooms WHERE active AND last_activity_at < ? AND NOT (id = ANY(?)) ORDER BY id FOR NO KEY UPDATE)"
                            + " UPDATE rooms SET active = FALSE FROM idle WHERE rooms.id = idle.id AND rooms.active RETURNING rooms.id")) {
                update.setLong(1, cutoff.toEpochMilli());
                update.setArray(2, c.createArrayOf("text", keepOpen.toArray()));
                List<String> idle = new ArrayList<>();
                try (ResultSet rs = update.executeQuery()) {
                    while (rs.next()) {
                        idle.add(rs.getString(1));
                    }
                }
                return idle;
            }
        });
    }

    @Override
    public boolean deactivateRoom(String roomId) {
        return update("UPDATE rooms SET active = FALSE WHERE id = ? AND active", roomId) > 0;
    }

    @Override
    public boolean reactivateRoom(String roomId, Instant now) {
        return connections.run(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE rooms SET active = TRUE, last_activity_at = ? WHERE id = ? AND NOT active")) {
                update.setLong(1, now.toEpochMilli());
                update.setString(2, roomId);
                return update.executeUpdate() > 0;
            } catch (SQLException e) {
                if (nameTaken(e)) {
                    throw new ChatException(ChatError.ROOM_NAME_TAKEN);
                }
                throw e;
            }
        });
    }

    @Override
    public List<Room> inactiveRooms(int limit) {
        return rooms("SELECT * FROM rooms WHERE NOT active ORDER BY last_activity_at DESC, id LIMIT ?", limit);
    }

    @Override
    public boolean setRoomRetention(String roomId, Integer days) {
        return connections.run(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE rooms SET retention_days = ? WHERE id = ?")) {
                update.setObject(1, days, java.sql.Types.INTEGER);
                update.setString(2, roomId);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Map<String, Integer> roomRetentions() {
        return connections.run(c -> {
            try (Statement query = c.createStatement();
                 ResultSet rs = query.executeQuery("SELECT id, retention_days FROM rooms WHERE retention_days IS NOT NULL")) {
                Map<String, Integer> days = new LinkedHashMap<>();
                while (rs.next()) {
                    days.put(rs.getString(1), rs.getInt(2));
                }
                return days;
            }
        });
    }

    // ---- MessageLog

    @Override
    public Appended append(String roomId, String author, String text, Instant at, String clientId) {
        return messages.append(roomId, author, text, at, clientId);
    }

    @Override
    public CompletableFuture<Appended> appendAsync(String roomId, String author, String text, Instant at,
                                                   String clientId, Message.Extras extras, Consumer<Message> afterCommit) {
        return messages.appendAsync(roomId, author, text, at, clientId, extras, afterCommit);
    }

    @Override
    public void completeCommitsIn(CommitScope scope) {
        messages.completeCommitsIn(scope);
    }

    /** One volatile read: the writer publishes its health as its batches commit or fail. */
    @Override
    public StoreHealth health() {
        return messages.health();
    }

    @Override
    public void ping() {
        scalar("SELECT 1");
    }

    @Override
    public Map<String, Long> lastMessageIds() {
        return connections.run(c -> {
            try (Statement query = c.createStatement();
                 // Every node's position check asks this about once a second: one probe of the key
                 // (room_id, id) per room, not a scan of every message (what GROUP BY room_id would be).
                 ResultSet rs = query.executeQuery("SELECT r.id, m.newest FROM rooms r"
                         + " CROSS JOIN LATERAL (SELECT max(id) AS newest FROM messages WHERE room_id = r.id) m WHERE m.newest IS NOT NULL")) {
                Map<String, Long> ids = new HashMap<>();
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
                return ids;
            }
        });
    }

    @Override
    public List<Message> search(String roomId, List<String> terms, int offset, int limit) {
        return connections.run(c -> PostgresMessageSearch.search(c, roomId, terms, offset, limit));
    }

    @Override
    public long lastMessageId(String roomId) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT coalesce(max(id), 0) FROM messages WHERE room_id = ?")) {
                query.setString(1, roomId);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public List<Message> latest(String roomId, int limit) {
        List<Message> newestFirst = messages(
                "SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM + " WHERE m.room_id = ? ORDER BY m.id DESC LIMIT ?", roomId, limit);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public List<Message> after(String roomId, long afterId, int limit) {
        return messages("SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM + " WHERE m.room_id = ? AND m.id > ? ORDER BY m.id LIMIT ?",
                roomId, afterId, limit);
    }

    @Override
    public List<Message> before(String roomId, long beforeId, int limit) {
        List<Message> newestFirst = messages(
                "SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM + " WHERE m.room_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?",
                roomId, beforeId, limit);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public Map<String, Long> messageCounts() {
        return connections.run(c -> {
            try (Statement query = c.createStatement(); ResultSet rs = query.executeQuery("SELECT id, message_count FROM rooms")) {
                Map<String, Long> counts = new LinkedHashMap<>();
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
                return counts;
            }
        });
    }

    /** A tombstone (see {@link webtalk.chat.MessageLog#deleteMessage}); the room's count keeps it, as its id. */
    @Override
    public boolean deleteMessage(String roomId, long messageId) {
        return changes.deleteMessage(roomId, messageId);
    }

    @Override
    public Optional<Message> findMessage(String roomId, long messageId) {
        return changes.findMessage(roomId, messageId);
    }

    @Override
    public boolean editMessage(String roomId, long messageId, String text, List<String> mentions, Instant editedAt) {
        return changes.editMessage(roomId, messageId, text, mentions, editedAt);
    }

    @Override
    public ReactionToggle toggleReaction(String roomId, long messageId, String memberKey, String emoji, Instant at,
                                         int maxEmoji, int maxPerMember) {
        return changes.toggleReaction(roomId, messageId, memberKey, emoji, at, maxEmoji, maxPerMember);
    }

    @Override
    public int deleteMessagesBefore(String roomId, Instant cutoff, int limit) {
        // The key (room_id, id) finds the room's oldest first; ids grow with time, created_at is checked per row.
        return deleteInRoom(roomId, "DELETE FROM messages WHERE room_id = ? AND id IN"
                + " (SELECT id FROM messages WHERE room_id = ? AND created_at < ? ORDER BY id LIMIT ?)", null, cutoff, limit);
    }

    /**
     * One short transaction: the room's row first (the order message batches lock in, so no
     * deadlock with them), then the delete, then the room's count.
     */
    private int deleteInRoom(String roomId, String delete, Long messageId, Instant cutoff, int limit) {
        return connections.transaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM rooms WHERE id = ? FOR NO KEY UPDATE");
                 PreparedStatement remove = c.prepareStatement(delete);
                 PreparedStatement count = c.prepareStatement(
                         "UPDATE rooms SET message_count = greatest(0, message_count - ?) WHERE id = ?")) {
                lock.setString(1, roomId);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        return 0;
                    }
                }
                remove.setString(1, roomId);
                if (messageId != null) {
                    remove.setLong(2, messageId);
                } else {
                    remove.setString(2, roomId);
                    remove.setLong(3, cutoff.toEpochMilli());
                    remove.setInt(4, limit);
                }
                int deleted = remove.executeUpdate();
                if (deleted > 0) {
                    count.setInt(1, deleted);
                    count.setString(2, roomId);
                    count.executeUpdate();
                }
                return deleted;
            }
        });
    }

    // ---- MessageStats

    @Override
    public int countRooms() {
        return (int) scalar("SELECT count(*) FROM rooms");
    }

    @Override
    public long countMessages() {
        // Each room's count moves in the transaction that inserts or deletes its messages, so the
        // sum is exact, and it reads one row per room instead of every message.
        return scalar("SELECT coalesce(sum(message_count), 0) FROM rooms");
    }

    @Override
    public long countMessagesSince(Instant since) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM messages WHERE created_at >= ?")) {
                query.setLong(1, since.toEpochMilli());
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public Map<Instant, Long> messagesPerMinute(Instant since) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT created_at / 60000 AS minute, count(*) FROM messages WHERE created_at >= ? GROUP BY minute ORDER BY minute")) {
                query.setLong(1, since.toEpochMilli());
                try (ResultSet rs = query.executeQuery()) {
                    Map<Instant, Long> perMinute = new LinkedHashMap<>();
                    while (rs.next()) {
                        perMinute.put(Instant.ofEpochMilli(rs.getLong(1) * 60_000), rs.getLong(2));
                    }
                    return perMinute;
                }
            }
        });
    }

    // ---- Bans

    @Override
    public void addBan(Ban ban) {
        connections.run(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO bans (room_id, kind, value, until_at, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, ban.roomId());
                insert.setString(2, ban.kind() == Ban.Kind.NICKNAME ? "nickname" : "address");
                insert.setString(3, ban.value());
                insert.setLong(4, ban.until().toEpochMilli());
                insert.setLong(5, clock.millis());
                insert.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public List<Ban> bans(String roomId, Instant now) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT kind, value, until_at FROM bans WHERE room_id = ? AND until_at > ? ORDER BY id")) {
                query.setString(1, roomId);
                query.setLong(2, now.toEpochMilli());
                try (ResultSet rs = query.executeQuery()) {
                    List<Ban> bans = new ArrayList<>();
                    while (rs.next()) {
                        bans.add(new Ban(roomId, "nickname".equals(rs.getString(1)) ? Ban.Kind.NICKNAME : Ban.Kind.ADDRESS,
                                rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
                    }
                    return bans;
                }
            }
        });
    }

    @Override
    public List<Bans.Numbered> numberedBans(String roomId, Instant now) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, kind, value, until_at FROM bans WHERE room_id = ? AND until_at > ? ORDER BY id")) {
                query.setString(1, roomId);
                query.setLong(2, now.toEpochMilli());
                try (ResultSet rs = query.executeQuery()) {
                    List<Bans.Numbered> bans = new ArrayList<>();
                    while (rs.next()) {
                        bans.add(new Bans.Numbered(rs.getLong(1), new Ban(roomId,
                                "nickname".equals(rs.getString(2)) ? Ban.Kind.NICKNAME : Ban.Kind.ADDRESS,
                                rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)))));
                    }
                    return bans;
                }
            }
        });
    }

    @Override
    public boolean liftBan(String roomId, long id, Instant now) {
        return connections.run(c -> {
            // Deleted, not shortened: a lifted ban has nothing left to say.
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM bans WHERE id = ? AND room_id = ? AND until_at > ?")) {
                delete.setLong(1, id);
                delete.setString(2, roomId);
                delete.setLong(3, now.toEpochMilli());
                return delete.executeUpdate() > 0;
            }
        });
    }

    // ---- AuditTrail

    @Override
    public void appendAudit(AuditEntry entry) {
        connections.run(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO audit_log (at, action, room_id, target, detail, address) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, entry.at().toEpochMilli());
                insert.setString(2, entry.action());
                insert.setString(3, entry.roomId());
                insert.setString(4, entry.target());
                insert.setString(5, entry.detail());
                insert.setString(6, entry.address());
                insert.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public List<AuditEntry> auditLog(int limit) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, at, action, room_id, target, detail, address FROM audit_log ORDER BY id DESC LIMIT ?")) {
                query.setInt(1, limit);
                try (ResultSet rs = query.executeQuery()) {
                    List<AuditEntry> entries = new ArrayList<>();
                    while (rs.next()) {
                        entries.add(new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                    return entries;
                }
            }
        });
    }

    // ---- SettingsStore, AdminCredentials

    @Override
    public ChatSettings loadChatSettings() {
        Map<String, String> stored = settings();
        // A value never saved, or unreadable, reads as its default (SettingsStore's guarantee).
        return ChatSetting.build(setting -> {
            Object fallback = setting.valueIn(ChatSettings.DEFAULTS);
            String text = stored.get(setting.key());
            if (text == null) {
                return fallback;
            }
            if (setting.isFlag()) {
                return Boolean.parseBoolean(text);
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return fallback;
            }
        });
    }

    @Override
    public void saveChatSettings(ChatSettings s) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ChatSetting setting : ChatSetting.values()) {
            values.put(setting.key(), String.valueOf(setting.valueIn(s)));
        }
        putSettings(values);
    }

    @Override
    public Optional<String> adminPasswordHash() {
        return Optional.ofNullable(settings().get(ADMIN_PASSWORD_KEY));
    }

    @Override
    public void saveAdminPasswordHash(String hash) {
        putSettings(Map.of(ADMIN_PASSWORD_KEY, hash));
    }

    private Map<String, String> settings() {
        return connections.run(c -> {
            try (Statement query = c.createStatement(); ResultSet rs = query.executeQuery("SELECT key, value FROM settings")) {
                Map<String, String> values = new LinkedHashMap<>();
                while (rs.next()) {
                    values.put(rs.getString(1), rs.getString(2));
                }
                return values;
            }
        });
    }

    private void putSettings(Map<String, String> values) {
        connections.transaction(c -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                for (Map.Entry<String, String> entry : values.entrySet()) {
                    upsert.setString(1, entry.getKey());
                    upsert.setString(2, entry.getValue());
                    upsert.addBatch();
                }
                upsert.executeBatch();
                return null;
            }
        });
    }

    // ---- ChatDatabase

    /** From now on {@code observer} is told about every group commit (one observer; the last one set wins). */
    @Override
    public void observeCommits(CommitObserver observer) {
        messages.observeCommits(observer);
    }

    /** Always empty: PostgreSQL is backed up with its own tools ({@code pg_dump}, or base backups and WAL archiving). */
    @Override
    public Optional<DatabaseBackup> backup() {
        return Optional.empty();
    }

    /** Test hook: {@code current_setting(name)} on the writer's connection (what a commit of messages runs under). */
    String writerSetting(String name) {
        try (Connection c = writerPool.getConnection(); PreparedStatement query = c.prepareStatement("SELECT current_setting(?)")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw PostgresErrors.of("PostgreSQL", e);
        }
    }

    /** Lets the queued messages commit, then closes both pools. */
    @Override
    public void close() {
        messages.close();
        writerPool.close();
        pool.close();
    }

    // ---- plumbing

    private long scalar(String sql) {
        return connections.run(c -> {
            try (Statement query = c.createStatement(); ResultSet rs = query.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private int update(String sql, String roomId) {
        return connections.run(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                update.setString(1, roomId);
                return update.executeUpdate();
            }
        });
    }

    private List<Room> rooms(String sql, Object... params) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                bind(query, params);
                try (ResultSet rs = query.executeQuery()) {
                    List<Room> rooms = new ArrayList<>();
                    while (rs.next()) {
                        rooms.add(new Room(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                                rs.getString("creator"), Instant.ofEpochMilli(rs.getLong("created_at")),
                                rs.getString("password_hash") != null, rs.getBoolean("active"),
                                Instant.ofEpochMilli(rs.getLong("last_activity_at"))));
                    }
                    return rooms;
                }
            }
        });
    }

    private List<Message> messages(String sql, Object... params) {
        return connections.run(c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                bind(query, params);
                try (ResultSet rs = query.executeQuery()) {
                    List<Message> result = new ArrayList<>();
                    while (rs.next()) {
                        result.add(MessageRows.message(rs));
                    }
                    if (result.size() > 1 && result.get(0).id() > result.get(result.size() - 1).id()) {
                        Collections.reverse(result);  // newest first: the counts' query wants the page's range oldest first
                        result = webtalk.store.MessageReads.withReactions(c, result);
                        Collections.reverse(result);
                        return new ArrayList<>(result);
                    }
                    return new ArrayList<>(webtalk.store.MessageReads.withReactions(c, result));
                }
            }
        });
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }
}
