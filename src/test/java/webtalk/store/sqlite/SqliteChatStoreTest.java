package webtalk.store.sqlite;

import webtalk.store.StoreException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.Appended;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatSettings;
import webtalk.chat.CommitScope;
import webtalk.chat.Message;
import webtalk.chat.Room;

/** The SQLite store against a real database file. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SqliteChatStoreTest {

    @TempDir
    Path dir;

    private static Room room(String id, String name, Instant at) {
        return new Room(id, name, "", "tester", at, false, true, at);
    }

    @Test
    void aTakenNameIsToldByTheConstraintNotByAnIdCollision() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("r1", "Um", t), null);
            assertEquals(ChatError.ROOM_NAME_TAKEN,
                    assertThrows(ChatException.class, () -> store.createRoom(room("r2", "UM", t), null)).error());
            StoreException sameId = assertThrows(StoreException.class, () -> store.createRoom(room("r1", "Outro", t), null));
            assertEquals(StoreException.Kind.REJECTED, sameId.kind(), "a primary-key clash is no name clash");
        }
    }

    @Test
    void aBanIsStampedByTheStoresInjectedClockNotTheMachines() throws Exception {
        Instant fixed = Instant.parse("2001-02-03T04:05:06Z");
        try (SqliteChatStore store = SqliteChatStore.open(dir, java.time.Clock.fixed(fixed, java.time.ZoneOffset.UTC))) {
            store.createRoom(room("r1", "Um", fixed), null);
            store.addBan(new webtalk.chat.Ban("r1", webtalk.chat.Ban.Kind.NICKNAME, "troll", fixed.plusSeconds(60)));
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("webtalk.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT created_at FROM bans")) {
            assertTrue(rs.next());
            assertEquals(fixed.toEpochMilli(), rs.getLong(1));
        }
    }

    @Test
    void messagesGetIncreasingIdsAndPageBothWays() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("r1", "Um", t), null);
            for (int i = 1; i <= 5; i++) {
                store.append("r1", "ana", "m" + i, t.plusSeconds(i), null);
            }
            List<Message> latest = store.latest("r1", 2);
            assertEquals(List.of("m4", "m5"), latest.stream().map(Message::text).toList());
            assertTrue(latest.get(0).id() < latest.get(1).id());
            assertEquals(List.of("m2", "m3"), store.before("r1", latest.get(0).id(), 2).stream().map(Message::text).toList());
            assertEquals(List.of("m5"), store.after("r1", latest.get(0).id(), 10).stream().map(Message::text).toList());
            assertEquals(latest.get(1).id(), store.lastMessageId("r1"));
            assertEquals(5, store.messageCounts().get("r1"));
        }
    }

    @Test
    void appendWithTheSameClientIdIsStoredOnce() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant t = Instant.now();
            store.createRoom(room("r1", "Um", t), null);
            Appended first = store.append("r1", "ana", "oi", t, "c1");
            Appended retry = store.append("r1", "ana", "oi", t, "c1");
            assertFalse(first.duplicate());
            assertTrue(retry.duplicate());
            assertEquals(first.message().id(), retry.message().id());
            assertEquals(1, store.countMessages());
        }
    }

    @Test
    void aRetryAcrossBatchesReturnsTheStoredMessageFlaggedDuplicate() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("r1", "Um", t), null);
            Appended first = store.appendAsync("r1", "ana", "oi", t, "c1", m -> { }).join();
            store.append("r1", "bia", "outra", t, null);
            Appended retry = store.appendAsync("r1", "ana", "oi de novo", t.plusSeconds(5), "c1", m -> { }).join();
            assertTrue(retry.duplicate());
            assertEquals(first.message(), retry.message(), "the retry gets the first message, text and time included");
            assertEquals(2, store.countMessages());
            assertEquals(2, store.messageCounts().get("r1"));
        }
    }

    @Test
    void aRetryInsideTheSameBatchReturnsTheFirstMessageFlaggedDuplicate() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("r1", "Um", t), null);
            store.createRoom(room("r2", "Dois", t), null);
            List<String> published = new ArrayList<>();
            List<CompletableFuture<Appended>> batch = inOneBatch(store, () -> List.of(
                    store.appendAsync("r1", "ana", "oi", t, "c1", m -> published.add(m.text())),
                    store.appendAsync("r1", "ana", "oi (retry)", t.plusSeconds(1), "c1", m -> published.add(m.text())),
                    store.appendAsync("r2", "ana", "same client id, other room", t, "c1", m -> published.add(m.text()))));
            Appended first = batch.get(0).join();
            Appended retry = batch.get(1).join();
            Appended otherRoom = batch.get(2).join();
            assertFalse(first.duplicate());
            assertTrue(retry.duplicate());
            assertEquals(first.message(), retry.message());
            assertFalse(otherRoom.duplicate(), "client ids are unique per room only");
            assertEquals(List.of("oi", "same client id, other room"), published, "no after-commit step for the duplicate");
            assertEquals(1, store.messageCounts().get("r1"));
            assertEquals(1, store.messageCounts().get("r2"));
        }
    }

    @Test
    void aBatchCompletesInAppendOrderWithIncreasingIdsAndAfterCommitStepsInIdOrder() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("r1", "Um", t), null);
            store.createRoom(room("r2", "Dois", t), null);
            List<Long> afterCommit = new ArrayList<>();
            List<String> threads = new ArrayList<>();
            List<CompletableFuture<Appended>> batch = inOneBatch(store, () -> {
                List<CompletableFuture<Appended>> futures = new ArrayList<>();
                for (int i = 0; i < 150; i++) { // enough for multi-row INSERTs of every size
                    futures.add(store.appendAsync(i % 3 == 0 ? "r2" : "r1", "ana", "m" + i, t, i % 2 == 0 ? "c" + i : null, m -> {
                        afterCommit.add(m.id());
                        threads.add(Thread.currentThread().getName());
                    }));
                }
                return futures;
            });
            // Ids are per room (issue #12): within each room they increase in append order, by one.
            java.util.Map<String, Long> previous = new java.util.HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i).join().message();
                assertEquals("m" + i, m.text());
                long before = previous.getOrDefault(m.roomId(), 0L);
                assertTrue(m.id() > before, "ids increase in append order");
                assertEquals(before + 1, m.id(), "without gaps");
                previous.put(m.roomId(), m.id());
            }
            assertEquals(batch.stream().map(f -> f.join().message().id()).toList(), afterCommit);
            assertEquals(Set.of("sqlite-group-commit"), Set.copyOf(threads), "after-commit steps run on the commit thread");
            assertEquals(batch.stream().map(f -> f.join().message()).filter(m -> m.roomId().equals("r1")).toList(),
                    store.latest("r1", 100), "what the callers got is what is stored");
        }
    }

    @Test
    void aBatchAddsEachRoomsMessagesToItsCountAndKeepsItsNewestActivity() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("r1", "Um", t), null);
            store.createRoom(room("r2", "Dois", t), null);
            store.createRoom(room("quiet", "Quieta", t), null);
            store.append("r1", "ana", "before", t.plusSeconds(1), null);
            inOneBatch(store, () -> List.of(
                    store.appendAsync("r1", "ana", "a", t.plusSeconds(10), null, m -> { }),
                    store.appendAsync("r2", "bia", "b", t.plusSeconds(25), null, m -> { }),
                    store.appendAsync("r1", "ana", "c", t.plusSeconds(30), "k", m -> { }),
                    store.appendAsync("r1", "ana", "c again", t.plusSeconds(40), "k", m -> { }),
                    store.appendAsync("r2", "bia", "d, stamped a little earlier than b", t.plusSeconds(20), null, m -> { })))
                    .forEach(CompletableFuture::join);
            store.append("r1", "ana", "stamped before the batch", t.plusSeconds(5), null);
            assertEquals(4, store.messageCounts().get("r1"), "before, a, c and the late one (c again is a retry)");
            assertEquals(2, store.messageCounts().get("r2"));
            assertEquals(0, store.messageCounts().get("quiet"));
            assertEquals(t.plusSeconds(30), store.findRoom("r1").orElseThrow().lastActivityAt(), "the newest message, not the last one");
            assertEquals(t.plusSeconds(25), store.findRoom("r2").orElseThrow().lastActivityAt());
            assertEquals(t, store.findRoom("quiet").orElseThrow().lastActivityAt());
        }
    }

    @Test
    void aBatchThatFailsIsRetriedOneByOneSoOnlyTheBadMessageFails() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("r1", "Um", t), null);
            List<Long> afterCommit = new ArrayList<>();
            List<CompletableFuture<Appended>> batch = inOneBatch(store, () -> {
                List<CompletableFuture<Appended>> futures = new ArrayList<>();
                for (int i = 0; i < 21; i++) {
                    // the foreign key fails message 10, which shares a multi-row INSERT with others
                    futures.add(store.appendAsync(i == 10 ? "no-such-room" : "r1", "ana", "m" + i, t, i == 0 ? "c0" : null,
                            m -> afterCommit.add(m.id())));
                }
                futures.add(store.appendAsync("r1", "ana", "m0 (retry)", t, "c0", m -> afterCommit.add(m.id())));
                return futures;
            });
            CompletionException bad = assertThrows(CompletionException.class, () -> batch.get(10).join());
            assertTrue(bad.getCause() instanceof StoreException, bad.getCause().toString());
            List<Message> good = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                if (i != 10) {
                    assertFalse(batch.get(i).join().duplicate());
                    good.add(batch.get(i).join().message());
                }
            }
            Appended retry = batch.get(21).join();
            assertTrue(retry.duplicate());
            assertEquals(good.get(0), retry.message());
            assertEquals(good.stream().map(Message::id).toList(), afterCommit, "in id order, nothing for the bad one or the retry");
            assertEquals(good, store.latest("r1", 100), "ids increase in append order");
            assertEquals(20, store.messageCounts().get("r1"));
        }
    }

    @Test
    void eachCommittedBatchCompletesInsideOneCallOfTheBatchScope() {
        List<Integer> completionsPerScope = new ArrayList<>();
        int[] inScope = {-1};
        CommitScope scope = completions -> {
            completionsPerScope.add(0);
            inScope[0] = completionsPerScope.size() - 1;
            try {
                completions.run();
            } finally {
                inScope[0] = -1;
            }
        };
        try (SqliteChatStore store = StoreHooks.open(dir, scope)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("r1", "Um", t), null);
            List<String> outsideTheScope = new ArrayList<>();
            List<CompletableFuture<Appended>> batch = inOneBatch(store, () -> {
                List<CompletableFuture<Appended>> futures = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String name = "m" + i;
                    CompletableFuture<Appended> stored = store.appendAsync("r1", "ana", name, t, i == 9 ? "c0" : "c" + i, m -> {
                        if (inScope[0] < 0) {
                            outsideTheScope.add("after-commit " + name);
                        }
                    });
                    // The dependent future, not the store's: join() on the store's one may return
                    // before its callbacks have run, and the count below would then miss some.
                    futures.add(stored.whenComplete((a, e) -> {
                        if (inScope[0] < 0) {
                            outsideTheScope.add("completion " + name);
                        } else {
                            completionsPerScope.set(inScope[0], completionsPerScope.get(inScope[0]) + 1);
                        }
                    }));
                }
                return futures;
            });
            batch.forEach(CompletableFuture::join);
            assertEquals(List.of(), outsideTheScope);
            assertEquals(List.of(0, 10), completionsPerScope, "one call for the holder's batch, one for the ten (a retry among them)");
        }
    }

    @Test
    void aFailingBatchScopeNeitherLeavesCallersWaitingNorStopsTheWriter() {
        boolean[] runFirst = {true};
        CommitScope scope = completions -> {
            if (runFirst[0]) {
                completions.run();
            }
            throw new IllegalStateException("scope broke");
        };
        try (SqliteChatStore store = StoreHooks.open(dir, scope)) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("r1", "Um", t), null);
            List<String> afterCommit = new ArrayList<>();
            Appended first = store.appendAsync("r1", "ana", "um", t, null, m -> afterCommit.add(m.text())).join();
            runFirst[0] = false;
            Appended second = store.appendAsync("r1", "ana", "dois", t, null, m -> afterCommit.add(m.text())).join();
            assertTrue(first.message().id() < second.message().id());
            assertEquals(List.of("um", "dois"), afterCommit, "each after-commit step ran once, inside the scope or not");
            assertEquals(2, store.countMessages());
        }
    }

    /**
     * Appends the messages while the commit thread is held inside an earlier message's
     * after-commit step, so that all of them are waiting when it takes its next batch: they are
     * committed together.
     */
    private static List<CompletableFuture<Appended>> inOneBatch(SqliteChatStore store,
                                                               java.util.function.Supplier<List<CompletableFuture<Appended>>> appends) {
        if (store.findRoom("hold").isEmpty()) {
            store.createRoom(room("hold", "Espera", Instant.EPOCH), null);
        }
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Appended> holder = store.appendAsync("hold", "holder", "holds the writer", Instant.EPOCH, null, m -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            holding.await();
            return appends.get();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            release.countDown();
            holder.join();
        }
    }

    @Test
    void activeRoomNamesAreUniqueIgnoringCase() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            store.createRoom(room("r1", "Geral", Instant.now()), null);
            ChatException e = assertThrows(ChatException.class, () -> store.createRoom(room("r2", "GERAL", Instant.now()), null));
            assertEquals(ChatError.ROOM_NAME_TAKEN, e.error());
        }
    }

    @Test
    void deletingARoomDeletesItsMessages() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            store.createRoom(room("r1", "Um", Instant.now()), null);
            store.append("r1", "ana", "oi", Instant.now(), null);
            assertTrue(store.deleteRoom("r1"));
            assertEquals(0, store.countMessages());
            assertFalse(store.deleteRoom("r1"));
        }
    }

    @Test
    void idleRoomsAreDeactivatedUnlessKeptOpen() {
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            Instant old = Instant.parse("2026-01-01T00:00:00Z");
            store.createRoom(room("idle", "Parada", old), null);
            store.createRoom(room("busy", "Ocupada", old), null);
            store.createRoom(room("fresh", "Nova", Instant.now()), null);
            assertEquals(List.of("idle"), store.deactivateRoomsIdleSince(Instant.now().minusSeconds(3600), Set.of("busy")));
            assertFalse(store.findRoom("idle").orElseThrow().active());
            assertEquals(2, store.countActiveRooms());
        }
    }

    @Test
    void settingsAndDataSurviveReopening() {
        Instant t = Instant.now();
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            store.createRoom(room("r1", "Um", t), "hash");
            store.append("r1", "ana", "fica", t, null);
            store.saveChatSettings(new ChatSettings(7, 3, 100, 10, 30, 50, false));
            store.saveAdminPasswordHash("admin-hash");
        }
        try (SqliteChatStore store = SqliteChatStore.open(dir)) {
            assertEquals("fica", store.latest("r1", 1).get(0).text());
            assertTrue(store.findRoom("r1").orElseThrow().passwordProtected());
            assertEquals(new ChatSettings(7, 3, 100, 10, 30, 50, false), store.loadChatSettings());
            assertEquals("admin-hash", store.adminPasswordHash().orElseThrow());
        }
    }
}
