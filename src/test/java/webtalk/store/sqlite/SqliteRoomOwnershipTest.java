package webtalk.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.ports.RoomOwnershipContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link RoomOwnershipContract} on SQLite, a real database file per test. */
class SqliteRoomOwnershipTest extends RoomOwnershipContract {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest openStore() {
        return SqliteStoreUnderTest.openIn(dir);
    }
}
