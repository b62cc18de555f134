package webtalk.socketio.websocket;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The batching seam the broadcast code uses: one batch per thread, joined when open, gone when done. */
class BatchedWritesTest {

    @Test
    void inBatchOpensABatchWhenNoneIsOpenAndClosesItAfter() {
        AtomicReference<BatchedWrites> seen = new AtomicReference<>();
        BatchedWrites.inBatch(batch -> {
            seen.set(batch);
            assertSame(batch, BatchedWrites.current());
        });
        assertNotNull(seen.get());
        assertNull(BatchedWrites.current());
    }

    @Test
    void inBatchJoinsTheBatchAlreadyOpen() {
        BatchedWrites.run(() -> {
            BatchedWrites outer = BatchedWrites.current();
            assertNotNull(outer);
            BatchedWrites.inBatch(batch -> assertSame(outer, batch));
            assertSame(outer, BatchedWrites.current());
        });
        assertNull(BatchedWrites.current());
    }

    @Test
    void batchEndsEvenWhenTheTaskFails() {
        try {
            BatchedWrites.inBatch(batch -> {
                throw new IllegalStateException("listener failed");
            });
        } catch (IllegalStateException expected) {
            // the failure is the caller's; the thread must not stay in a batch
        }
        assertNull(BatchedWrites.current());
    }
}
