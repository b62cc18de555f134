package webtalk.store.postgres;

import webtalk.chat.ports.RoomOwnershipContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link RoomOwnershipContract} on PostgreSQL, a fresh schema per test. */
class PostgresRoomOwnershipTest extends RoomOwnershipContract {

    @Override
    protected StoreUnderTest openStore() {
        return PostgresStoreUnderTest.open();
    }
}
