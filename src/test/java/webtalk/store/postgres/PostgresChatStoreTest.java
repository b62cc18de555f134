package webtalk.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.chat.Appended;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.Message;
import webtalk.chat.Room;
import webtalk.config.DatabaseUrl;
import webtalk.store.StoreException;

/** What the PostgreSQL store adds to the contracts: opening, durability, batches that partly fail, health. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresChatStoreTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Room room(String id, String name) {
        return new Room(id, name, "", "tester", T, false, true, T);
    }

    @Test
    void anAckedMessageIsInTheTableForAFreshConnection() throws Exception {
        try (PostgresStoreUnderTest opened = PostgresStoreUnderTest.open()) {
            PostgresChatStore store = opened.store();
            store.createRoom(room("r1", "Um"), null);
            Appended acked = store.appendAsync("r1", "ana", "oi", T, "c1", m -> { }).get(10, TimeUnit.SECONDS);
            try (Connection fresh = PostgresDatabase.connect(PostgresDatabase.url());
                 PreparedStatement query = fresh.prepareStatement(
                         "SELECT id, author, text, client_id FROM " + schemaOf(store) + ".messages WHERE room_id = 'r1'");
                 ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next(), "the acked message is committed");
                assertEquals(acked.message().id(), rs.getLong(1));
                assertEquals("oi", rs.getString(3));
                assertEquals("c1", rs.getString(4));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void synchronousCommitIsOnEvenWhereTheDatabaseDefaultsToOff() {
        try (PostgresDatabase.Database database = PostgresDatabase.freshDatabase()) {
            PostgresDatabase.execute(database.server(), "ALTER DATABASE " + database.name() + " SET synchronous_commit = off");
            try (PostgresChatStore store = PostgresChatStore.open(database.url(), Clock.systemUTC())) {
                assertEquals("on", store.writerSetting("synchronous_commit"));
            }
        }
    }

    @Test
    void anUnreachableDatabaseIsOneSentenceNamingWhereAndWhyWithoutThePassword() {
        DatabaseUrl nowhere = new DatabaseUrl("127.0.0.1", 1, "test", "webtalk", "s3cret-pw");
        long started = System.nanoTime();
        StoreException refused = assertThrows(StoreException.class, () -> PostgresChatStore.open(nowhere, Clock.systemUTC()));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(StoreException.Kind.UNAVAILABLE, refused.kind());
        String message = refused.getMessage();
        assertTrue(message.contains("127.0.0.1:1") && message.contains("database test") && message.contains("user webtalk"), message);
        assertTrue(message.toLowerCase().contains("refused"), "the reason: " + message);
        assertFalse(message.contains("s3cret-pw"), message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(millis < 5_000, "refused in " + millis + " ms");
    }

    @Test
    void aMigratedSchemaIsCurrentSoThatARestartSkipsFlyway() throws Exception {
        try (PostgresDatabase.Schema schema = PostgresDatabase.freshSchema()) {
            try (java.sql.Connection c = PostgresDatabase.connect(schema.url())) {
                c.createStatement().execute("SET search_path TO " + schema.name());
                assertFalse(webtalk.store.SchemaMigrations.current(c, PostgresChatStore.LATEST_MIGRATION), "nothing migrated yet");
            }
            PostgresChatStore.open(schema.url(), schema.name(), Clock.systemUTC()).close();
            try (java.sql.Connection c = PostgresDatabase.connect(schema.url())) {
                c.createStatement().execute("SET search_path TO " + schema.name());
                assertTrue(webtalk.store.SchemaMigrations.current(c, PostgresChatStore.LATEST_MIGRATION));
                c.createStatement().execute("UPDATE flyway_schema_history SET success = FALSE WHERE version = '"
                        + PostgresChatStore.LATEST_MIGRATION + "'");
                assertFalse(webtalk.store.SchemaMigrations.current(c, PostgresChatStore.LATEST_MIGRATION), "a failed one is Flyway's");
            }
        }
    }

    @Test
    void aSchemaFromANewerWebTalkIsRefused() {
        try (PostgresDatabase.Schema schema = PostgresDatabase.freshSchema()) {
            PostgresChatStore.open(schema.url(), schema.name(), Clock.systemUTC()).close();
            PostgresDatabase.execute(schema.url(), "INSERT INTO " + schema.name() + ".flyway_schema_history"
                    + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                    + " VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'postgres', 0, TRUE)");
            StoreException refused = assertThrows(StoreException.class,
                    () -> PostgresChatStore.open(schema.url(), schema.name(), Clock.systemUTC()));
            assertTrue(refused.getMessage().contains("newer WebTalk (schema version 99, this one knows up to 6)"), refused.getMessage());
        }
    }

    @Test
    void aTakenNameIsToldByTheConstraintNotByAnIdCollision() {
        try (PostgresStoreUnderTest opened = PostgresStoreUnderTest.open()) {
            PostgresChatStore store = opened.store();
            store.createRoom(room("r1", "Um"), null);
            assertEquals(ChatError.ROOM_NAME_TAKEN,
                    assertThrows(ChatException.class, () -> store.createRoom(room("r2", "UM"), null)).error());
            StoreException sameId = assertThrows(StoreException.class, () -> store.createRoom(room("r1", "Outro"), null));
            assertEquals(StoreException.Kind.REJECTED, sameId.kind(), "a primary-key clash is no name clash");
        }
    }

    @Test
    void aBanIsStampedByTheStoresInjectedClock() throws Exception {
        Instant fixed = Instant.parse("2001-02-03T04:05:06Z");
        try (PostgresDatabase.Schema schema = PostgresDatabase.freshSchema();
             PostgresChatStore store = PostgresChatStore.open(schema.url(), schema.name(), Clock.fixed(fixed, ZoneOffset.UTC))) {
            store.createRoom(room("r1", "Um"), null);
            store.addBan(new webtalk.chat.Ban("r1", webtalk.chat.Ban.Kind.NICKNAME, "troll", fixed.plusSeconds(60)));
            try (Connection c = PostgresDatabase.connect(schema.url());
                 ResultSet rs = c.createStatement().executeQuery("SELECT created_at FROM " + schema.name() + ".bans")) {
                assertTrue(rs.next());
                assertEquals(fixed.toEpochMilli(), rs.getLong(1));
            }
        }
    }

    @Test
    void aRoomDeletedMeanwhileRejectsOnlyItsOwnMessages() {
        try (PostgresStoreUnderTest opened = PostgresStoreUnderTest.open()) {
            PostgresChatStore store = opened.store();
            store.createRoom(room("r1", "Um"), null);
            store.createRoom(room("r2", "Dois"), null);
            List<CompletableFuture<Appended>> batch = inOneBatch(store, () -> {
                List<CompletableFuture<Appended>> queued = List.of(
                        store.appendAsync("r1", "ana", "a", T, null, m -> { }),
                        store.appendAsync("r2", "ana", "to a room that goes", T, null, m -> { }),
                        store.appendAsync("r1", "ana", "b", T, "c-b", m -> { }));
                assertTrue(store.deleteRoom("r2"));
                return queued;
            });
            assertEquals(1, batch.get(0).join().message().id());
            CompletionException rejected = assertThrows(CompletionException.class, () -> batch.get(1).join());
            assertEquals(StoreException.Kind.REJECTED, assertInstanceOf(StoreException.class, rejected.getCause()).kind());
            assertEquals(2, batch.get(2).join().message().id());
            assertTrue(store.health().ok(), "a rejected message says nothing about the store");
        }
    }

    @Test
    void aMessagePostgresRefusesFailsAloneAndTakesNoId() {
        try (PostgresStoreUnderTest opened = PostgresStoreUnderTest.open()) {
            PostgresChatStore store = opened.store();
            store.createRoom(room("r1", "Um"), null);
            List<CompletableFuture<Appended>> batch = inOneBatch(store, () -> List.of(
                    store.appendAsync("r1", "ana", "a", T, null, m -> { }),
                    store.appendAsync("r1", "ana", "NUL \u0000 is no text for PostgreSQL", T, null, m -> { }),
                    store.appendAsync("r1", "ana", "b", T, null, m -> { })));
            assertEquals(1, batch.get(0).join().message().id());
            CompletionException refused = assertThrows(CompletionException.class, () -> batch.get(1).join());
            assertInstanceOf(StoreException.class, refused.getCause());
            assertEquals(2, batch.get(2).join().message().id(), "the refused message left no gap");
            assertEquals(List.of("a", "b"), store.after("r1", 0, 10).stream().map(Message::text).toList());
            assertTrue(store.health().ok());
        }
    }

    @Test
    void aDatabaseThatRefusesConnectionsMakesHealthNotOkAndItRecoversByItself() throws Exception {
        try (PostgresDatabase.Database database = PostgresDatabase.freshDatabase();
             PostgresChatStore store = PostgresChatStore.open(database.url(), Clock.systemUTC())) {
            store.createRoom(room("r1", "Um"), null);
            store.append("r1", "ana", "before", T, null);
            PostgresDatabase.execute(database.server(), "ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false");
            PostgresDatabase.execute(database.server(),
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.name() + "'");
            StoreException failed = assertThrows(StoreException.class, () -> store.append("r1", "ana", "while down", T, null));
            assertEquals(StoreException.Kind.UNAVAILABLE, failed.kind(), failed.getMessage());
            assertFalse(store.health().ok());
            assertFalse(store.health().accepting(), "senders are refused at once while the database is down");
            assertFalse(store.health().reason().isEmpty());
            assertThrows(StoreException.class, store::ping);

            PostgresDatabase.execute(database.server(), "ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!store.health().ok() && System.nanoTime() < deadline) {
                if (store.health().accepting()) {
                    try {
                        store.append("r1", "ana", "after", T, "after-1");
                    } catch (StoreException stillDown) {
                        // the next try comes after the writer's retry interval
                    }
                }
                Thread.sleep(100);
            }
            assertTrue(store.health().ok(), "recovered: " + store.health());
            store.ping();
            assertEquals(List.of("before", "after"), store.after("r1", 0, 10).stream().map(Message::text).toList(),
                    "nothing acked was lost, nothing refused was stored");
        }
    }

    private static String schemaOf(PostgresChatStore store) {
        return store.writerSetting("search_path").replace("\"", "");
    }

    /** Runs {@code appends} while the writer is held in an after-commit step, so that they form one batch. */
    private static List<CompletableFuture<Appended>> inOneBatch(PostgresChatStore store,
                                                               Supplier<List<CompletableFuture<Appended>>> appends) {
        if (store.findRoom("hold").isEmpty()) {
            store.createRoom(room("hold", "Espera"), null);
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
}
