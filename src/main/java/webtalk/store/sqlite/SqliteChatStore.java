package webtalk.store.sqlite;

import webtalk.store.ChatDatabase;
import webtalk.store.CommitObserver;
import webtalk.store.DatabaseBackup;
import webtalk.store.SchemaMigrations;
import webtalk.store.SqlLimit;
import webtalk.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import webtalk.admin.AuditEntry;
import webtalk.admin.AuditTrail;
import webtalk.chat.Appended;
import webtalk.chat.Ban;
import webtalk.chat.Bans;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatSetting;
import webtalk.chat.ChatSettings;
import webtalk.chat.ChatStorage;
import webtalk.chat.CommitScope;
import webtalk.chat.Message;
import webtalk.chat.MessageStats;
import webtalk.chat.NameKeys;
import webtalk.chat.Room;
import webtalk.chat.StoreHealth;
import webtalk.security.AdminCredentials;

/**
 * The embedded store: one SQLite file in WAL mode. One connection writes (messages through
 * {@link SqliteMessageWriter}'s group commit) and one reads, each
 * behind its own lock; WAL lets the reader run while the writer commits. {@code synchronous=NORMAL}
 * makes every commit survive a crash of the process (the WAL is in the OS page cache before
 * commit returns); only a power loss can take the last commits, see docs/guarantees.md.
 * {@code temp_store=MEMORY} keeps statement journals in memory: a multi-row INSERT of a batch
 * journals the pages it changes, so that the statement alone can be undone, and past 64 KiB SQLite
 * would spill that journal to a file in /var/tmp. It is never read after a crash (the WAL is), so
 * durability is unchanged. The WAL is checkpointed by {@link WalCheckpointer} on a connection and
 * thread of its own, twice a second, not by the commit that fills it: the WAL is only synced at a
 * checkpoint, so that also bounds what a power loss can take.
 *
 * <p>One database, one writer thread, so one object implements every storage port; callers are
 * given only the port they need. Message ids are per room: each room's {@code last_message_id}
 * is advanced in the same transaction as the insert (see {@link MessageBatchSql}).
 *
 * <p>{@link #completeCommitsIn(CommitScope)} sets the scope the writer runs the after-commit
 * steps and future completions of each committed batch in (see {@link SqliteMessageWriter}).
 */
public final class SqliteChatStore implements ChatDatabase {

    /**
     * The newest migration's version (SQL files in {@code db/migration/sqlite} and classes in
     * {@code db.migration.sqlite}); SqliteMigrationsTest keeps it so. A restart on a schema at it
     * does not load Flyway (see {@link SchemaMigrations}).
     */
    static final int LATEST_MIGRATION = 12;

    private final Clock clock;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final SqliteMessageWriter messages;
    private final SqliteSearchIndex searchIndex;
    private final SqliteConnections connections;
    private final SqliteMessageChanges changes;
    private final Path dataDir;
    private final SqlitePolls polls;
    private final SqliteRoomOwnership ownership;
    private final WalCheckpointer checkpointer;

    private SqliteChatStore(Path dataDir, Connection writer, Connection reader, Connection checkpoints, Clock clock)
            throws SQLException {
        this.dataDir = dataDir;
        this.clock = clock;
        this.writer = writer;
        this.reader = reader;
        WalCheckpointer.writerSettings(writer);
        this.searchIndex = new SqliteSearchIndex(writer, writeLock);
        this.messages = new SqliteMessageWriter(writer, writeLock, searchIndex);
        this.connections = new SqliteConnections(writer, writeLock, reader, readLock);
        this.changes = new SqliteMessageChanges(connections);
        this.polls = new SqlitePolls(connections);
        this.ownership = new SqliteRoomOwnership(connections);
        this.checkpointer = new WalCheckpointer(checkpoints);  // last: a constructor that failed leaves no thread behind
    }

    @Override
    public webtalk.chat.PollStore polls() {
        return polls;
    }

    @Override
    public webtalk.chat.RoomOwnership ownership() {
        return ownership;
    }

    /** Opens (creating if needed) {@code dataDir/webtalk.db} and applies pending migrations. */
    public static SqliteChatStore open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /** The settings of both connections (the writer's and the reader's); see the class comment. */
    static SQLiteConfig connectionSettings() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // Nothing here reads generated keys (ids are given by the store, or RETURNING): else
        // sqlite-jdbc prepares and runs SELECT last_insert_rowid() after every INSERT, a tenth
        // of a message batch's commit in the 40k/s profile (issue #16).
        config.setGetGeneratedKeys(false);
        return config;
    }

    /** Like {@link #open(Path)}; {@code clock} stamps what the store records itself (a ban's creation). */
    public static SqliteChatStore open(Path dataDir, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Path database = dataDir.resolve("webtalk.db").toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
            String url = "jdbc:sqlite:" + database;
            SQLiteDataSource dataSource = new SQLiteDataSource(connectionSettings());
            dataSource.setUrl(url);
            SchemaMigrations.migrate(dataSource, "classpath:db/migration/sqlite", null, LATEST_MIGRATION, database.toString());
            return new SqliteChatStore(dataDir, dataSource.getConnection(), KeptStatements.over(dataSource.getConnection()),
                    dataSource.getConnection(), clock);
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            if (unreadable(e)) {
                throw new StoreException("database " + database + " is corrupt or not a WebTalk database (" + rootMessage(e)
                        + ") — restore it from a backup, or move it away to start with an empty one", e);
            }
            throw new StoreException("cannot open SQLite store in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** SQLITE_NOTADB or SQLITE_CORRUPT anywhere in the failure. */
    private static boolean unreadable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException s) {
                int primary = s.getResultCode().code & 0xff;
                if (primary == org.sqlite.SQLiteErrorCode.SQLITE_NOTADB.code || primary == org.sqlite.SQLiteErrorCode.SQLITE_CORRUPT.code) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Override
    public Room createRoom(Room room, String passwordHash) {
        return write(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO rooms (id, name, name_key, description, creator, created_at, password_hash, active, last_activity_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)")) {
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

    /**
     * Whether a write to {@code rooms} broke the active-name index: its only UNIQUE constraint (the
     * id is the PRIMARY KEY, which SQLite reports as SQLITE_CONSTRAINT_PRIMARYKEY), told by the
     * extended result code rather than by the wording of the message.
     */
    private static boolean nameTaken(SQLException e) {
        return e instanceof org.sqlite.SQLiteException s && s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
    }

    /** Room names are unique among active rooms by this key: no two look alike. */
    static String nameKey(String name) {
        return NameKeys.of(name.strip());
    }

    @Override
    public Optional<Room> findRoom(String id) {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT * FROM rooms WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.of(room(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<String> passwordHash(String roomId) {
        return read(c -> {
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
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT * FROM rooms WHERE active = 1 ORDER BY created_at DESC, id");
                 ResultSet rs = query.executeQuery()) {
                List<Room> rooms = new ArrayList<>();
                while (rs.next()) {
                    rooms.add(room(rs));
                }
                return rooms;
            }
        });
    }

    @Override
    public int countRooms() {
        return (int) scalar("SELECT count(*) FROM rooms");
    }

    @Override
    public int countActiveRooms() {
        return (int) scalar("SELECT count(*) FROM rooms WHERE active = 1");
    }

    @Override
    public Map<String, Long> messageCounts() {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT id, message_count FROM rooms");
                 ResultSet rs = query.executeQuery()) {
                Map<String, Long> counts = new LinkedHashMap<>();
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
                return counts;
            }
        });
    }

    @Override
    public Appended append(String roomId, String author, String text, Instant at, String clientId) {
        return messages.append(roomId, author, text, at, clientId);
    }

    @Override
    public StoreHealth health() {
        return messages.health();
    }

    @Override
    public void ping() {
        read(c -> {
            try (java.sql.Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery("SELECT 1")) {
                return rs.next();
            }
        });
    }

    @Override
    public void completeCommitsIn(CommitScope scope) {
        messages.completeCommitsIn(scope);
    }

    /** From now on {@code observer} is told about every group commit (one observer; the last one set wins). */
    @Override
    public void observeCommits(CommitObserver observer) {
        messages.observeCommits(observer);
    }

    /** SQLite's online backup of {@code webtalk.db} (see {@link SqliteBackup}). */
    @Override
    public Optional<DatabaseBackup> backup() {
        return Optional.of(new SqliteBackup(dataDir));
    }

    /** Test hook: from now on every message batch throws {@code error} inside its transaction; null stops it. */
    void failBatchesWith(Error error) {
        messages.failBatchesWith(error);
    }

    /**
     * Test hook: SQLite's own size limit on the writer connection, {@code PRAGMA max_page_count}, set
     * to the pages in use plus {@code spare} (the disk is full as far as the writer can tell), or,
     * with a negative {@code spare}, lifted again (space came back).
     */
    void limitPages(int spare) {
        write(c -> {
            try (java.sql.Statement statement = c.createStatement()) {
                long limit = 4_294_967_294L;  // SQLite's default and largest
                if (spare >= 0) {
                    try (ResultSet rs = statement.executeQuery("PRAGMA page_count")) {
                        rs.next();
                        limit = rs.getLong(1) + spare;
                    }
                }
                statement.execute("PRAGMA max_page_count = " + limit);
                return null;
            }
        });
    }

    @Override
    public java.util.concurrent.CompletableFuture<Appended> appendAsync(String roomId, String author, String text, Instant at,
                                                                        String clientId, Message.Extras extras,
                                                                        java.util.function.Consumer<Message> afterCommit) {
        return messages.appendAsync(roomId, author, text, at, clientId, extras, afterCommit);
    }

    @Override
    public Map<String, Long> lastMessageIds() {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT room_id, max(id) FROM messages GROUP BY room_id");
                 ResultSet rs = query.executeQuery()) {
                Map<String, Long> ids = new java.util.HashMap<>();
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
                return ids;
            }
        });
    }

    @Override
    public List<Message> latest(String roomId, int limit) {
        List<Message> newestFirst = messages(
                "SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM + " WHERE m.room_id = ? ORDER BY m.id DESC" + SqlLimit.clause(limit),
                roomId);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public List<Message> after(String roomId, long afterId, int limit) {
        return messages("SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM + " WHERE m.room_id = ? AND m.id > ? ORDER BY m.id" + SqlLimit.clause(limit),
                roomId, afterId);
    }

    @Override
    public List<Message> before(String roomId, long beforeId, int limit) {
        List<Message> newestFirst = messages(
                "SELECT " + MessageRows.COLUMNS + " FROM " + MessageRows.FROM + " WHERE m.room_id = ? AND m.id < ? ORDER BY m.id DESC" + SqlLimit.clause(limit),
                roomId, beforeId);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public List<Message> search(String roomId, List<String> terms, int offset, int limit) {
        searchIndex.catchUp();  // so it finds every message stored before it, indexed or still waiting
        return read(c -> SqliteMessageSearch.search(c, roomId, terms, offset, limit));
    }

    @Override
    public long lastMessageId(String roomId) {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT max(id) FROM messages WHERE room_id = ?")) {
                query.setString(1, roomId);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public boolean deleteRoom(String roomId) {
        return write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM rooms WHERE id = ?")) {
                delete.setString(1, roomId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<String> deactivateRoomsIdleSince(Instant cutoff, Set<String> keepOpen) {
        return write(c -> {
            List<String> idle = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id FROM rooms WHERE active = 1 AND last_activity_at < ?")) {
                query.setLong(1, cutoff.toEpochMilli());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        if (!keepOpen.contains(rs.getString(1))) {
                            idle.add(rs.getString(1));
                        }
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE rooms SET active = 0 WHERE id = ?")) {
                for (String id : idle) {
                    update.setString(1, id);
                    update.executeUpdate();
                }
            }
            return idle;
        });
    }

    @Override
    public long countMessages() {
        return scalar("SELECT count(*) FROM messages");
    }

    @Override
    public long countMessagesSince(Instant since) {
        return read(c -> {
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
        return read(c -> {
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
    public boolean deactivateRoom(String roomId) {
        return write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE rooms SET active = 0 WHERE id = ? AND active = 1")) {
                update.setString(1, roomId);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean reactivateRoom(String roomId, Instant now) {
        return write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE rooms SET active = 1, last_activity_at = ? WHERE id = ? AND active = 0")) {
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
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT * FROM rooms WHERE active = 0 ORDER BY last_activity_at DESC, id LIMIT ?")) {
                query.setInt(1, limit);
                try (ResultSet rs = query.executeQuery()) {
                    List<Room> rooms = new ArrayList<>();
                    while (rs.next()) {
                        rooms.add(room(rs));
                    }
                    return rooms;
                }
            }
        });
    }

    @Override
    public boolean setRoomRetention(String roomId, Integer days) {
        return write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE rooms SET retention_days = ? WHERE id = ?")) {
                update.setObject(1, days);
                update.setString(2, roomId);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Map<String, Integer> roomRetentions() {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, retention_days FROM rooms WHERE retention_days IS NOT NULL");
                 ResultSet rs = query.executeQuery()) {
                Map<String, Integer> days = new LinkedHashMap<>();
                while (rs.next()) {
                    days.put(rs.getString(1), rs.getInt(2));
                }
                return days;
            }
        });
    }

    @Override
    public int deleteMessagesBefore(String roomId, Instant cutoff, int limit) {
        // The key (room_id, id) finds the room's oldest first; ids grow with time, created_at is checked
        // per row. Ids are per room, so the rows are picked by rowid: "id IN (...)" would hit other rooms.
        return write(c -> Transactions.run(c, () -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM messages WHERE rowid IN (SELECT rowid FROM messages WHERE room_id = ? AND created_at < ? ORDER BY id LIMIT ?)");
                 PreparedStatement count = c.prepareStatement(
                         "UPDATE rooms SET message_count = max(0, message_count - ?) WHERE id = ?")) {
                delete.setString(1, roomId);
                delete.setLong(2, cutoff.toEpochMilli());
                delete.setInt(3, limit);
                int deleted = delete.executeUpdate();
                if (deleted > 0) {
                    count.setInt(1, deleted);
                    count.setString(2, roomId);
                    count.executeUpdate();
                }
                return deleted;
            }
        }));
    }

    @Override
    public void addBan(Ban ban) {
        write(c -> {
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
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT kind, value, until_at FROM bans WHERE room_id = ? AND until_at > ?")) {
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
        return read(c -> {
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
        return write(c -> {
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

    @Override
    public void appendAudit(AuditEntry entry) {
        write(c -> {
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
        return read(c -> {
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
        return Optional.ofNullable(settings().get("admin_password_hash"));
    }

    @Override
    public void saveAdminPasswordHash(String hash) {
        putSettings(Map.of("admin_password_hash", hash));
    }

    private Map<String, String> settings() {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT key, value FROM settings");
                 ResultSet rs = query.executeQuery()) {
                Map<String, String> values = new LinkedHashMap<>();
                while (rs.next()) {
                    values.put(rs.getString(1), rs.getString(2));
                }
                return values;
            }
        });
    }

    private void putSettings(Map<String, String> values) {
        write(c -> Transactions.run(c, () -> {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
                for (Map.Entry<String, String> entry : values.entrySet()) {
                    upsert.setString(1, entry.getKey());
                    upsert.setString(2, entry.getValue());
                    upsert.executeUpdate();
                }
                return null;
            }
        }));
    }

    private long scalar(String sql) {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement(sql); ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private List<Message> messages(String sql, Object... params) {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    query.setObject(i + 1, params[i]);
                }
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

    private static Room room(ResultSet rs) throws SQLException {
        return new Room(rs.getString("id"), rs.getString("name"), rs.getString("description"), rs.getString("creator"),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("password_hash") != null,
                rs.getInt("active") == 1, Instant.ofEpochMilli(rs.getLong("last_activity_at")));
    }

    private <T> T write(SqliteConnections.Work<T> work) {
        return connections.write(work);
    }

    private <T> T read(SqliteConnections.Work<T> work) {
        return connections.read(work);
    }

    @Override
    public void close() {
        messages.close();
        checkpointer.close();
        writeLock.lock();
        readLock.lock();
        try {
            reader.close();
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("closing SQLite store: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }
}
