package webtalk.store;

/** Reaches {@link SqliteChatStore}'s package-private test hooks from tests in other packages. */
public final class StoreHooks {

    private StoreHooks() {
    }

    /** From now on every message batch throws {@code error} inside its transaction; null stops it. */
    public static void failBatchesWith(SqliteChatStore store, Error error) {
        store.failBatchesWith(error);
    }

    /** Waits (bounded) until the store takes messages again after a failure cleared. */
    public static void awaitAccepting(ChatStore store) {
        StoreFailureTest.awaitAccepting(store);
    }
}
