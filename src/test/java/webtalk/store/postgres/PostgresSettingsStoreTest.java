package webtalk.store.postgres;

import webtalk.chat.ports.SettingsStoreContract;
import webtalk.chat.ports.StoreUnderTest;

/** The {@link SettingsStoreContract} on PostgreSQL, a fresh schema per test. */
class PostgresSettingsStoreTest extends SettingsStoreContract {

    @Override
    protected StoreUnderTest openStore() {
        return PostgresStoreUnderTest.open();
    }
}
