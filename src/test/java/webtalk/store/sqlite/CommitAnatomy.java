package webtalk.store.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteDataSource;
import webtalk.chat.Room;

/**
 * What a one-message commit costs in SQLite, statement by statement, on WebTalk's own schema (its
 * migrations, indexes and search triggers) and the writer's settings: at 10k deliveries/s in rooms
 * of 100 every message is a commit of its own, so this is the store's share of that workload.
 * Three shapes of the same transaction, alternated round by round so that a busy machine weighs on
 * each alike:
 * <ul>
 * <li>{@code returning}: what {@link MessageBatchSql} does, the room row's {@code UPDATE … RETURNING}
 *     (the id, the count and the last activity) then the {@code INSERT};</li>
 * <li>{@code update}: the same {@code UPDATE} without {@code RETURNING} (ids kept in memory);</li>
 * <li>{@code insert}: the {@code INSERT} alone (no room row written at all).</li>
 * </ul>
 * {@code java -cp target/test-classes:target/classes:<deps> webtalk.store.sqlite.CommitAnatomy [commits per round] [rounds]};
 * prints each round and one RESULT line of mean microseconds per commit. Used for bench/analysis.md.
 */
public final class CommitAnatomy {

    private static final int ROOMS = 10;

    private CommitAnatomy() {
    }

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("webtalk-commit-anatomy");
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant now = Instant.now();
            for (int r = 0; r < ROOMS; r++) {
                store.createRoom(new Room("r" + r, "sala " + r, "uma descrição", "bench", now, false, true, now), null);
            }
        }
        try (Connection c = writerConnection(dir.resolve("webtalk.db"))) {
            Shapes shapes = new Shapes(c);
            Map<String, List<Double>> micros = new LinkedHashMap<>();
            for (int round = 0; round <= rounds; round++) {
                StringBuilder line = new StringBuilder("round " + round + ":");
                for (String shape : List.of("returning", "update", "insert")) {
                    long start = System.nanoTime();
                    for (int i = 0; i < perRound; i++) {
                        shapes.commitOne(shape);
                    }
                    double us = (System.nanoTime() - start) / 1_000.0 / perRound;
                    line.append(String.format(" %s %.1f µs", shape, us));
                    if (round > 0) {  // round 0 warms the JIT and SQLite's caches up
                        micros.computeIfAbsent(shape, s -> new ArrayList<>()).add(us);
                    }
                }
                System.out.println(line);
            }
            StringBuilder result = new StringBuilder("RESULT commit_anatomy commits_per_round=" + perRound + " rounds=" + rounds);
            micros.forEach((shape, values) -> result.append(String.format(" %s_us=%.1f", shape,
                    values.stream().mapToDouble(Double::doubleValue).average().orElse(0))));
            System.out.println(result);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A connection with the store's own settings ({@link SqliteChatStore#connectionSettings}). */
    private static Connection writerConnection(Path database) throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource(SqliteChatStore.connectionSettings());
        source.setUrl("jdbc:sqlite:" + database);
        return source.getConnection();
    }

    private static final class Shapes {
        private final Connection c;
        private final PreparedStatement returning;
        private final PreparedStatement update;
        private final PreparedStatement insert;
        private final long[] lastId = new long[ROOMS];
        private int next;

        Shapes(Connection c) throws SQLException {
            this.c = c;
            String set = "UPDATE rooms SET last_message_id = last_message_id + ?, message_count = message_count + ?,"
                    + " last_activity_at = max(last_activity_at, ?) WHERE id = ?";
            returning = c.prepareStatement(set + " RETURNING last_message_id");
            update = c.prepareStatement(set);
            insert = c.prepareStatement("INSERT INTO messages (room_id, id, author, text, created_at, client_id, reply_to, mentions)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        }

        /** One message, one transaction, as the writer commits it (Transactions.run). */
        void commitOne(String shape) throws SQLException {
            int room = next++ % ROOMS;
            String roomId = "r" + room;
            long now = System.currentTimeMillis();
            c.setAutoCommit(false);
            if (!shape.equals("insert")) {
                PreparedStatement counter = shape.equals("returning") ? returning : update;
                counter.setInt(1, 1);
                counter.setInt(2, 1);
                counter.setLong(3, now);
                counter.setString(4, roomId);
                if (shape.equals("returning")) {
                    try (ResultSet rs = counter.executeQuery()) {
                        rs.next();
                    }
                } else {
                    counter.executeUpdate();
                }
            }
            long id = ++lastId[room];  // ids of the room's rows, whatever the counter says
            insert.setString(1, roomId);
            insert.setLong(2, id);
            insert.setString(3, "bench-user-" + room);
            insert.setString(4, "mensagem de carga número " + id);
            insert.setLong(5, now);
            insert.setNull(6, Types.VARCHAR);
            insert.setNull(7, Types.BIGINT);
            insert.setNull(8, Types.VARCHAR);
            insert.executeUpdate();
            c.commit();
            c.setAutoCommit(true);
        }
    }
}
