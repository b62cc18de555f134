package webtalk.store.postgres;

import webtalk.chat.ports.PollStoreContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link PollStoreContract} on PostgreSQL, a fresh schema per test. */
class PostgresPollStoreTest extends PollStoreContract {

    @Override
    protected StoreUnderTest openStore() {
        return PostgresStoreUnderTest.open();
    }
}
