package webtalk.store.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import webtalk.admin.AuditTrailContract;

/** The {@link AuditTrailContract} on SQLite, a real database file per test. */
class SqliteAuditTrailTest extends AuditTrailContract {

    @TempDir
    Path dir;

    @Override
    protected Opened openAuditTrail() {
        SqliteChatStore store = SqliteChatStore.open(dir);
        return new Opened(store, store);
    }
}
