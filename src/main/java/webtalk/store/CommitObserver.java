package webtalk.store;

/**
 * Told by the store's writer thread what each group commit did, for metrics. Called on the writer
 * thread once per batch (not per message), so it must be quick and must not throw; it never sees a
 * message's text.
 */
public interface CommitObserver {

    CommitObserver NONE = new CommitObserver() {
        @Override
        public void committed(int batchSize, long nanos) {
        }

        @Override
        public void failed(StoreException.Kind kind) {
        }
    };

    /** A batch of {@code batchSize} messages was taken and written in {@code nanos} (retries included). */
    void committed(int batchSize, long nanos);

    /** A batch (or, on the one-by-one retry, its last message) failed with {@code kind}. */
    void failed(StoreException.Kind kind);
}
