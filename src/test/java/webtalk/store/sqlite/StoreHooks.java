package webtalk.store.sqlite;

import webtalk.chat.MessageLog;

/** Reaches {@link SqliteChatStore}'s package-private test hooks from tests in other packages. */
public final class StoreHooks {

    private StoreHooks() {
    }

    /** From now on every message batch throws {@code error} inside its transaction; null stops it. */
    public static void failBatchesWith(SqliteChatStore store, Error error) {
        store.failBatchesWith(error);
    }

    /** Opens the store in {@code dir} with its commits completed in {@code scope}. */
    public static SqliteChatStore open(java.nio.file.Path dir, webtalk.chat.CommitScope scope) {
        SqliteChatStore store = SqliteChatStore.open(dir);
        store.completeCommitsIn(scope);
        return store;
    }

    /** Waits (bounded) until the store takes messages again after a failure cleared. */
    public static void awaitAccepting(MessageLog store) {
        StoreFailureTest.awaitAccepting(store);
    }
}
