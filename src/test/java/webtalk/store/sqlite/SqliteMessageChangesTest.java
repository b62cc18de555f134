package webtalk.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.ports.MessageChangesContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link MessageChangesContract} on SQLite, a real database file per test. */
class SqliteMessageChangesTest extends MessageChangesContract {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest openStore() {
        return SqliteStoreUnderTest.openIn(dir);
    }
}
