package webtalk.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.chat.Appended;
import webtalk.chat.Message;
import webtalk.chat.Room;

/**
 * Two stores on one schema are two nodes on one database: their writers race for the same rooms.
 * Each room's ids must still be exactly 1..n, committed in id order (a reader paging by
 * {@code id > last} while they write never skips one), without deadlock, and one client id sent
 * to both nodes at once must be stored once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresConcurrentWritersTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> ROOMS = List.of("r0", "r1", "r2");
    private static final int THREADS_PER_NODE = 4;
    private static final int PER_THREAD = 250;  // 2 nodes x 4 threads x 250 = 2,000 messages
    /** Appends a thread keeps in flight, so each node's writer forms batches spanning all three rooms. */
    private static final int IN_FLIGHT = 16;

    private PostgresDatabase.Schema schema;
    private PostgresChatStore nodeA;
    private PostgresChatStore nodeB;

    @BeforeEach
    void twoNodesOnOneSchema() {
        PostgresDatabase.requireRunning();
        schema = PostgresDatabase.freshSchema();
        nodeA = PostgresChatStore.open(schema.url(), schema.name(), Clock.systemUTC());
        nodeB = PostgresChatStore.open(schema.url(), schema.name(), Clock.systemUTC());
        for (String room : ROOMS) {
            nodeA.createRoom(new Room(room, "Sala " + room, "", "tester", T, false, true, T), null);
        }
    }

    @AfterEach
    void close() {
        try {
            if (nodeA != null) {
                nodeA.close();
            }
            if (nodeB != null) {
                nodeB.close();
            }
        } finally {
            schema.close();
        }
    }

    @Test
    void twoNodesWritingTheSameRoomsGiveEachRoomIdsOneToNInCommitOrder() throws Exception {
        Map<String, List<Long>> given = new ConcurrentHashMap<>();
        Map<PostgresChatStore, Map<String, List<Long>>> afterCommit = Map.of(
                nodeA, new ConcurrentHashMap<>(), nodeB, new ConcurrentHashMap<>());
        for (String room : ROOMS) {
            given.put(room, Collections.synchronizedList(new ArrayList<>()));
            afterCommit.get(nodeA).put(room, new ArrayList<>());  // only that node's writer thread adds
            afterCommit.get(nodeB).put(room, new ArrayList<>());
        }
        Map<String, List<Long>> seenByReader = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE + 1);
        try {
            Future<?> reader = threads.submit(() -> {
                start.await();
                pollUntilCaughtUp(writing, seenByReader);
                return null;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (PostgresChatStore node : List.of(nodeA, nodeB)) {
                for (int t = 0; t < THREADS_PER_NODE; t++) {
                    String writer = (node == nodeA ? "a" : "b") + t;
                    writers.add(threads.submit(() -> {
                        start.await();
                        write(node, writer, given, afterCommit.get(node));
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(90, TimeUnit.SECONDS);  // a deadlock would hang here, or fail a batch with 40P01
            }
            writing.set(false);
            reader.get(30, TimeUnit.SECONDS);

            int total = 0;
            for (String room : ROOMS) {
                List<Long> stored = storedIds(room);
                assertEquals(oneTo(stored.size()), stored, room + ": ids are exactly 1..n");
                List<Long> sorted = new ArrayList<>(given.get(room));
                Collections.sort(sorted);
                assertEquals(stored, sorted, room + ": each sender got the id that was stored, none twice");
                assertEquals(stored, seenByReader.get(room), room + ": a reader paging by id > last while both nodes wrote skipped nothing");
                for (PostgresChatStore node : List.of(nodeA, nodeB)) {
                    List<Long> steps = afterCommit.get(node).get(room);
                    List<Long> increasing = new ArrayList<>(steps);
                    Collections.sort(increasing);
                    assertEquals(increasing, steps, room + ": a node runs its after-commit steps in id order");
                }
                assertEquals(stored.size(), nodeB.messageCounts().get(room), room + ": the count matches the rows");
                assertEquals(stored.size(), nodeA.lastMessageId(room));
                total += stored.size();
            }
            assertEquals(2 * THREADS_PER_NODE * PER_THREAD, total);
            assertTrue(nodeA.health().ok() && nodeB.health().ok(), "no batch failed: " + nodeA.health() + ", " + nodeB.health());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theSameClientIdSentToBothNodesAtOnceIsStoredOnce() throws Exception {
        int pairs = 200;
        for (int i = 0; i < pairs; i++) {
            String room = ROOMS.get(i % ROOMS.size());
            // Back to back, to two writer threads: the two transactions race in the database.
            CompletableFuture<Appended> viaA = nodeA.appendAsync(room, "ana", "m" + i, T, "same-" + i, m -> { });
            CompletableFuture<Appended> viaB = nodeB.appendAsync(room, "ana", "m" + i, T, "same-" + i, m -> { });
            Appended a = viaA.get(10, TimeUnit.SECONDS);
            Appended b = viaB.get(10, TimeUnit.SECONDS);
            assertEquals(a.message(), b.message(), "both nodes answer with the one stored message");
            assertTrue(a.duplicate() != b.duplicate(), "exactly one of them stored it (pair " + i + ")");
        }
        try (Connection c = PostgresDatabase.connect(schema.url());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*), count(DISTINCT (room_id, client_id)) FROM " + schema.name() + ".messages")) {
            assertTrue(rs.next());
            assertEquals(pairs, rs.getLong(1), "one row per client id");
            assertEquals(pairs, rs.getLong(2));
        }
        for (String room : ROOMS) {
            List<Long> stored = storedIds(room);
            assertEquals(oneTo(stored.size()), stored, room + ": a duplicate takes no id");
        }
    }

    /** Half the appends blocking, half async with {@link #IN_FLIGHT} outstanding, rooms in turn. */
    private static void write(PostgresChatStore node, String writer, Map<String, List<Long>> given,
                              Map<String, List<Long>> afterCommit) throws Exception {
        Deque<CompletableFuture<Appended>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < PER_THREAD; i++) {
            String room = ROOMS.get(i % ROOMS.size());
            String text = writer + "-" + i;
            if (i % 4 == 0) {
                record(node.append(room, writer, text, T, null), given);
            } else {
                inFlight.add(node.appendAsync(room, writer, text, T, i % 2 == 0 ? null : writer + "/" + i,
                        m -> afterCommit.get(m.roomId()).add(m.id())));
                if (inFlight.size() >= IN_FLIGHT) {
                    record(inFlight.poll().get(30, TimeUnit.SECONDS), given);
                }
            }
        }
        while (!inFlight.isEmpty()) {
            record(inFlight.poll().get(30, TimeUnit.SECONDS), given);
        }
    }

    private static void record(Appended appended, Map<String, List<Long>> given) {
        assertFalse(appended.duplicate());
        given.get(appended.message().roomId()).add(appended.message().id());
    }

    /** Pages each room by id > last through a third connection's view (node A's reads) until the writers are done and it has all. */
    private void pollUntilCaughtUp(AtomicBoolean writing, Map<String, List<Long>> seen) {
        for (String room : ROOMS) {
            seen.put(room, new ArrayList<>());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        while (System.nanoTime() < deadline) {
            boolean finished = !writing.get();
            boolean caughtUp = true;
            for (String room : ROOMS) {
                List<Long> ids = seen.get(room);
                long last = ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
                for (Message m : nodeA.after(room, last, 50)) {
                    ids.add(m.id());
                }
                long newest = ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
                caughtUp &= newest == nodeA.lastMessageId(room);
            }
            if (finished && caughtUp) {
                return;
            }
        }
    }

    private List<Long> storedIds(String room) {
        return nodeB.after(room, 0, 100_000).stream().map(Message::id).toList();
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }
}
