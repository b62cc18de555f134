package webtalk.store.postgres;

import webtalk.chat.ports.RoomsContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link RoomsContract} on PostgreSQL, a fresh schema per test. */
class PostgresRoomsTest extends RoomsContract {

    @Override
    protected StoreUnderTest openStore() {
        return PostgresStoreUnderTest.open();
    }
}
