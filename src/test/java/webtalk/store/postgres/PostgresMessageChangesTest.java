package webtalk.store.postgres;

import webtalk.chat.ports.MessageChangesContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link MessageChangesContract} on PostgreSQL, a fresh schema per test. */
class PostgresMessageChangesTest extends MessageChangesContract {

    @Override
    protected StoreUnderTest openStore() {
        return PostgresStoreUnderTest.open();
    }
}
