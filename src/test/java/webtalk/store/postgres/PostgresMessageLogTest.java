package webtalk.store.postgres;

import webtalk.chat.ports.MessageLogContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link MessageLogContract} on PostgreSQL, a fresh schema per test. */
class PostgresMessageLogTest extends MessageLogContract {

    @Override
    protected StoreUnderTest openStore() {
        return PostgresStoreUnderTest.open();
    }
}
