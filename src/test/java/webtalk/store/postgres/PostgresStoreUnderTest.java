package webtalk.store.postgres;

import java.time.Clock;
import webtalk.chat.Bans;
import webtalk.chat.MessageLog;
import webtalk.chat.Rooms;
import webtalk.chat.SettingsStore;
import webtalk.chat.ports.StoreUnderTest;

/** The PostgreSQL store as the contracts see it: a fresh schema {@code wt_<random>} in database test, dropped on close. */
final class PostgresStoreUnderTest implements StoreUnderTest {

    private final PostgresDatabase.Schema schema;
    private final PostgresChatStore store;

    private PostgresStoreUnderTest(PostgresDatabase.Schema schema, PostgresChatStore store) {
        this.schema = schema;
        this.store = store;
    }

    static PostgresStoreUnderTest open() {
        PostgresDatabase.requireRunning();
        PostgresDatabase.Schema schema = PostgresDatabase.freshSchema();
        try {
            return new PostgresStoreUnderTest(schema, PostgresChatStore.open(schema.url(), schema.name(), Clock.systemUTC()));
        } catch (RuntimeException e) {
            schema.close();
            throw e;
        }
    }

    PostgresDatabase.Schema schema() {
        return schema;
    }

    PostgresChatStore store() {
        return store;
    }

    @Override
    public Rooms rooms() {
        return store;
    }

    @Override
    public MessageLog messages() {
        return store;
    }

    @Override
    public Bans bans() {
        return store;
    }

    @Override
    public SettingsStore settings() {
        return store;
    }

    @Override
    public webtalk.chat.PollStore polls() {
        return store.polls();
    }

    @Override
    public webtalk.chat.RoomOwnership ownership() {
        return store.ownership();
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            schema.close();
        }
    }
}
