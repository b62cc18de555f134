package webtalk.chat.ports;

import webtalk.chat.Bans;
import webtalk.chat.MessageLog;
import webtalk.chat.Rooms;
import webtalk.chat.SettingsStore;

/**
 * One fresh, empty store for one contract test: the ports the contracts exercise and how to
 * close it. An implementation (SQLite today, PostgreSQL later) provides it from its own test
 * class; the ports may be one object or several, as long as they share one database.
 */
public interface StoreUnderTest extends AutoCloseable {

    Rooms rooms();

    MessageLog messages();

    Bans bans();

    /** Edits, tombstones' reads and reactions: the message log's object in both stores. */
    default webtalk.chat.MessageChanges changes() {
        return (webtalk.chat.MessageChanges) messages();
    }

    SettingsStore settings();

    webtalk.chat.PollStore polls();

    webtalk.chat.RoomOwnership ownership();

    @Override
    void close() throws Exception;
}
