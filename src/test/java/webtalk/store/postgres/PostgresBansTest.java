package webtalk.store.postgres;

import webtalk.chat.ports.BansContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link BansContract} on PostgreSQL, a fresh schema per test. */
class PostgresBansTest extends BansContract {

    @Override
    protected StoreUnderTest openStore() {
        return PostgresStoreUnderTest.open();
    }
}
