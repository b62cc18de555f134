package webtalk.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import webtalk.chat.ports.SettingsStoreContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link SettingsStoreContract} on SQLite, a real database file per test. */
class SqliteSettingsStoreTest extends SettingsStoreContract {

    @TempDir
    Path dir;

    @Override
    protected StoreUnderTest openStore() {
        return SqliteStoreUnderTest.openIn(dir);
    }
}
