package webtalk.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.ports.PollStoreContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link PollStoreContract} on SQLite, a real database file per test. */
class SqlitePollStoreTest extends PollStoreContract {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest openStore() {
        return SqliteStoreUnderTest.openIn(dir);
    }
}
