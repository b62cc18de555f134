package webtalk.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import webtalk.chat.ChatError;
import webtalk.chat.ChatObserver;

/**
 * The chat's counters. Every meter is registered here, once: the message path only increments a
 * counter it already holds (refusals look theirs up in an {@link EnumMap}, no tags built per
 * message), so the series are bounded by {@link ChatError}, never by anything a client sends.
 */
final class ChatMeters implements ChatObserver {

    /** Buckets for accept → broadcast: a healthy commit is a few ms; seconds mean the disk is struggling. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private final Counter joins;
    private final Counter stored;
    private final Timer publishLatency;
    private final Map<ChatError, Counter> refused = new EnumMap<>(ChatError.class);

    ChatMeters(MeterRegistry registry) {
        joins = Counter.builder("webtalk.joins").description("entrar that succeeded").register(registry);
        stored = Counter.builder("webtalk.messages.stored").description("messages stored and broadcast (acked to the sender)")
                .register(registry);
        publishLatency = Timer.builder("webtalk.publish.latency")
                .description("from a message accepted to its broadcast queued to the room (store commit included)")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        for (ChatError error : ChatError.values()) {
            refused.put(error, Counter.builder("webtalk.messages.refused").tag("codigo", error.code())
                    .description("messages not stored, by the codigo the sender got").register(registry));
        }
    }

    @Override
    public void joined() {
        joins.increment();
    }

    @Override
    public void published(long nanosSinceAccepted) {
        stored.increment();
        publishLatency.record(nanosSinceAccepted, TimeUnit.NANOSECONDS);
    }

    @Override
    public void refused(ChatError error) {
        refused.get(error).increment();
    }
}
