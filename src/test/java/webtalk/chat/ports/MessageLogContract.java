package webtalk.chat.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.chat.Appended;
import webtalk.chat.Message;
import webtalk.chat.MessageLog;

/**
 * What every {@link MessageLog} guarantees: per-room ids in commit order without gaps (with many
 * writers at once), idempotent client ids, paging, deletes that stay within their room.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class MessageLogContract extends StoreContract {

    private MessageLog log() {
        return store.messages();
    }

    private List<Long> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void idsStartAtOneAndCountWithinEachRoom() {
        createRoom("r1");
        createRoom("r2");
        assertEquals(1, log().append("r1", "ana", "a", T, null).message().id());
        assertEquals(1, log().append("r2", "bia", "b", T, null).message().id());
        assertEquals(2, log().append("r1", "ana", "c", T, null).message().id());
        assertEquals(3, log().append("r1", "ana", "d", T, null).message().id());
        assertEquals(2, log().append("r2", "bia", "e", T, null).message().id());
        assertEquals(List.of(1L, 2L, 3L), ids(log().latest("r1", 10)));
        assertEquals(Map.of("r1", 3L, "r2", 2L), log().lastMessageIds());
        assertEquals(3, log().lastMessageId("r1"));
        assertEquals(0, log().lastMessageId(createRoom("empty").id()));
        assertEquals(3L, log().messageCounts().get("r1"));
        assertEquals(0L, log().messageCounts().get("empty"));
    }

    @Test
    void concurrentWritersInSeveralRoomsGiveEachRoomIdsOneToNInCommitOrder() throws Exception {
        int rooms = 4;
        int writers = 8;
        int perWriter = 60;
        for (int r = 0; r < rooms; r++) {
            createRoom("r" + r);
        }
        Map<String, List<Long>> committedOrder = new ConcurrentHashMap<>();
        Map<String, List<Long>> seenByReader = new ConcurrentHashMap<>();
        for (int r = 0; r < rooms; r++) {
            committedOrder.put("r" + r, Collections.synchronizedList(new ArrayList<>()));
            seenByReader.put("r" + r, new ArrayList<>());
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            // A reader that pages with "id > last" while the writers write: it must see every id.
            Future<?> reader = pool.submit(() -> {
                start.await();
                while (true) {
                    boolean finished = !writing.get();
                    for (int r = 0; r < rooms; r++) {
                        List<Long> seen = seenByReader.get("r" + r);
                        long after = seen.isEmpty() ? 0 : seen.get(seen.size() - 1);
                        seen.addAll(ids(log().after("r" + r, after, 25)));
                    }
                    if (finished && caughtUp(seenByReader)) {
                        break;
                    }
                }
                return null;
            });
            List<Future<List<Appended>>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    List<Appended> mine = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        String room = "r" + ((writer + i) % rooms);
                        String text = "w" + writer + "-" + i;
                        if (i % 2 == 0) {
                            mine.add(log().append(room, "w" + writer, text, T, null));
                        } else {
                            mine.add(log().appendAsync(room, "w" + writer, text, T, "w" + writer + "/" + i,
                                    m -> committedOrder.get(m.roomId()).add(m.id())).get(30, TimeUnit.SECONDS));
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            Map<String, List<Long>> given = new ConcurrentHashMap<>();
            for (Future<List<Appended>> writer : done) {
                for (Appended a : writer.get(60, TimeUnit.SECONDS)) {
                    assertFalse(a.duplicate());
                    given.computeIfAbsent(a.message().roomId(), k -> new ArrayList<>()).add(a.message().id());
                }
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
            int total = 0;
            for (int r = 0; r < rooms; r++) {
                String room = "r" + r;
                List<Long> stored = ids(log().after(room, 0, 10_000));
                assertEquals(oneTo(stored.size()), stored, room + ": ids are exactly 1..N");
                List<Long> sorted = new ArrayList<>(given.get(room));
                Collections.sort(sorted);
                assertEquals(stored, sorted, room + ": each writer got the id that was stored, none twice");
                List<Long> afterCommit = new ArrayList<>(committedOrder.get(room));
                List<Long> increasing = new ArrayList<>(afterCommit);
                Collections.sort(increasing);
                assertEquals(increasing, afterCommit, room + ": after-commit steps run in id order");
                assertEquals(stored, seenByReader.get(room), room + ": a reader paging by id > last skipped nothing");
                total += stored.size();
            }
            assertEquals(writers * perWriter, total);
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean caughtUp(Map<String, List<Long>> seen) {
        for (Map.Entry<String, List<Long>> room : seen.entrySet()) {
            List<Long> ids = room.getValue();
            if ((ids.isEmpty() ? 0 : ids.get(ids.size() - 1)) != log().lastMessageId(room.getKey())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theSameClientIdTwiceGivesTheSameMessageStoredOnce() {
        createRoom("r1");
        createRoom("r2");
        Appended first = log().append("r1", "ana", "oi", T, "c1");
        Appended retry = log().append("r1", "ana", "oi", T.plusSeconds(5), "c1");
        assertFalse(first.duplicate());
        assertTrue(retry.duplicate());
        assertEquals(first.message(), retry.message());
        assertEquals(1L, log().messageCounts().get("r1"));
        assertEquals(1, log().latest("r1", 10).size());
        Appended elsewhere = log().append("r2", "ana", "oi", T, "c1");
        assertFalse(elsewhere.duplicate(), "client ids are per room");
        assertEquals("c1", log().latest("r1", 1).get(0).clientId());
    }

    @Test
    void anAsyncRetryCompletesWithTheFirstMessageWithoutItsAfterCommitStep() throws Exception {
        createRoom("r1");
        List<Long> afterCommit = new CopyOnWriteArrayList<>();
        Appended first = log().appendAsync("r1", "ana", "oi", T, "c1", m -> afterCommit.add(m.id())).get(10, TimeUnit.SECONDS);
        Appended retry = log().appendAsync("r1", "ana", "oi", T, "c1", m -> afterCommit.add(m.id())).get(10, TimeUnit.SECONDS);
        assertTrue(retry.duplicate());
        assertEquals(first.message().id(), retry.message().id());
        assertEquals(List.of(first.message().id()), afterCommit);
    }

    @Test
    void pagesAreOldestFirstAndRespectTheirLimits() {
        createRoom("r1");
        createRoom("other");
        for (int i = 1; i <= 10; i++) {
            log().append("r1", "ana", "m" + i, T.plusSeconds(i), null);
            log().append("other", "bia", "x" + i, T.plusSeconds(i), null);
        }
        List<Message> latest = log().latest("r1", 3);
        assertEquals(List.of(8L, 9L, 10L), ids(latest));
        assertEquals(List.of("m8", "m9", "m10"), latest.stream().map(Message::text).toList());
        assertEquals("r1", latest.get(0).roomId());
        assertEquals(T.plusSeconds(8), latest.get(0).at());
        assertEquals(List.of(3L, 4L, 5L), ids(log().after("r1", 2, 3)));
        assertEquals(List.of(), log().after("r1", 10, 5));
        assertEquals(List.of(3L, 4L), ids(log().before("r1", 5, 2)));
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(log().before("r1", 5, 50)));
        assertEquals(List.of(), log().before("r1", 1, 5));
        assertEquals(10, log().latest("r1", 50).size());
        assertTrue(log().after("r1", 0, 50).stream().allMatch(m -> m.roomId().equals("r1")), "pages stay in their room");
        assertEquals(List.of(), log().latest("nosuch", 5));
    }

    @Test
    void deletesStayInTheirRoomAndIdsAreNeverGivenAgain() {
        createRoom("r1");
        createRoom("r2");
        for (int i = 1; i <= 3; i++) {
            log().append("r1", "ana", "a" + i, T, null);
            log().append("r2", "bia", "b" + i, T, null);
        }
        assertTrue(log().deleteMessage("r1", 3));
        assertFalse(log().deleteMessage("r1", 3), "already a tombstone");
        assertFalse(log().deleteMessage("r1", 99));
        assertEquals(List.of(1L, 2L, 3L), ids(log().latest("r2", 10)), "the other room's id 3 is untouched");
        assertEquals("b3", log().latest("r2", 10).get(2).text());
        Message tombstone = log().latest("r1", 10).get(2);
        assertEquals(3, tombstone.id(), "a deleted message stays as a tombstone: ids stay gap-free");
        assertTrue(tombstone.extras().deleted());
        assertEquals("", tombstone.text(), "its text is erased");
        assertEquals(3L, log().messageCounts().get("r1"), "the count is of stored rows, tombstones included");
        assertEquals(4, log().append("r1", "ana", "a4", T, null).message().id(), "a deleted id is not given again");
    }

    @Test
    void retentionDeletesTheRoomsOldestBeforeTheCutoffAtMostLimitAtATime() {
        createRoom("r1");
        createRoom("r2");
        for (int i = 1; i <= 6; i++) {
            log().append("r1", "ana", "a" + i, T.plusSeconds(i), null);
            log().append("r2", "bia", "b" + i, T.plusSeconds(i), null);
        }
        Instant cutoff = T.plusSeconds(5);  // a1..a4 are older
        assertEquals(3, log().deleteMessagesBefore("r1", cutoff, 3));
        assertEquals(List.of(4L, 5L, 6L), ids(log().latest("r1", 10)));
        assertEquals(1, log().deleteMessagesBefore("r1", cutoff, 3));
        assertEquals(0, log().deleteMessagesBefore("r1", cutoff, 3));
        assertEquals(List.of(5L, 6L), ids(log().latest("r1", 10)));
        assertEquals(2L, log().messageCounts().get("r1"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ids(log().latest("r2", 10)), "other rooms (same ids) untouched");
        assertEquals(6L, log().messageCounts().get("r2"));
        assertEquals(7, log().append("r1", "ana", "a7", T.plusSeconds(7), null).message().id());
    }

    @Test
    void aHealthyLogSaysSoAndAnswersItsPing() {
        assertTrue(log().health().ok());
        assertTrue(log().health().accepting());
        log().ping();
    }
}
