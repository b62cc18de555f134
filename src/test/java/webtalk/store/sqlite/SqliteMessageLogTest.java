package webtalk.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.ports.MessageLogContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link MessageLogContract} on SQLite, a real database file per test. */
class SqliteMessageLogTest extends MessageLogContract {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest openStore() {
        return SqliteStoreUnderTest.openIn(dir);
    }
}
