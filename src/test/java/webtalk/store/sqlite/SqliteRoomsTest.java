package webtalk.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.ports.RoomsContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link RoomsContract} on SQLite, a real database file per test. */
class SqliteRoomsTest extends RoomsContract {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest openStore() {
        return SqliteStoreUnderTest.openIn(dir);
    }
}
