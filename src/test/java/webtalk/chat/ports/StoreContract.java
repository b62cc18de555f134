package webtalk.chat.ports;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import webtalk.chat.Room;

/**
 * The base of the storage contracts: a fresh store before each test ({@link #openStore}, which
 * the implementation's test class provides), closed after it.
 */
public abstract class StoreContract {

    protected static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

    protected StoreUnderTest store;

    /** A new, empty store (its own database, schema applied). Called once per test. */
    protected abstract StoreUnderTest openStore() throws Exception;

    @BeforeEach
    void openFreshStore() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    /** An active room without password, created at {@code at}. */
    protected static Room room(String id, String name, Instant at) {
        return new Room(id, name, "", "criador", at, false, true, at);
    }

    /** Creates an active room named after its id. */
    protected Room createRoom(String id) {
        return store.rooms().createRoom(room(id, "Sala " + id, T), null);
    }
}
