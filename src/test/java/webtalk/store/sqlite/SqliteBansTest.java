package webtalk.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.ports.BansContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link BansContract} on SQLite, a real database file per test. */
class SqliteBansTest extends BansContract {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest openStore() {
        return SqliteStoreUnderTest.openIn(dir);
    }
}
