package webtalk.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import webtalk.store.CommitObserver;
import webtalk.store.StoreException;

/** The store's group commit: how many messages each commit took, how long it took, and what failed. */
final class CommitMeters implements CommitObserver {

    private static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

    private final DistributionSummary batchSize;
    private final Timer commitLatency;
    private final Map<StoreException.Kind, Counter> errors = new EnumMap<>(StoreException.Kind.class);

    CommitMeters(MeterRegistry registry) {
        batchSize = DistributionSummary.builder("webtalk.store.batch.size").baseUnit("messages")
                .description("messages written by one group commit").serviceLevelObjectives(BATCH_BUCKETS).register(registry);
        commitLatency = Timer.builder("webtalk.store.commit.latency")
                .description("one group commit: the transaction, and its one-by-one retry if it failed")
                .serviceLevelObjectives(ChatMeters.LATENCY_BUCKETS).register(registry);
        for (StoreException.Kind kind : StoreException.Kind.values()) {
            errors.put(kind, Counter.builder("webtalk.store.errors").tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .description("failed group commits, by kind").register(registry));
        }
    }

    @Override
    public void committed(int messages, long nanos) {
        batchSize.record(messages);
        commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed(StoreException.Kind kind) {
        errors.get(kind).increment();
    }
}
