package webtalk.store.sqlite;

import java.nio.file.Path;
import webtalk.chat.Bans;
import webtalk.chat.MessageLog;
import webtalk.chat.Rooms;
import webtalk.chat.SettingsStore;
import webtalk.chat.ports.StoreUnderTest;

/** The SQLite store as the contracts see it: one real database file in a test's temp dir. */
final class SqliteStoreUnderTest implements StoreUnderTest {

    private final SqliteChatStore store;

    private SqliteStoreUnderTest(SqliteChatStore store) {
        this.store = store;
    }

    static SqliteStoreUnderTest openIn(Path dir) {
        return new SqliteStoreUnderTest(SqliteChatStore.open(dir));
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
        store.close();
    }
}
