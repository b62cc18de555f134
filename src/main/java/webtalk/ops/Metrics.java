package webtalk.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.IntSupplier;
import webtalk.chat.ChatObserver;
import webtalk.socketio.SocketIoStats;
import webtalk.store.CommitObserver;

/**
 * WebTalk's meters in one Prometheus registry: what the chat, the store and the socket layer
 * report, plus the JVM's and the process's. Counters are pushed by the parts' observers; gauges
 * read the parts at scrape time. Holds the GC listener, so it is closed with the server.
 */
public final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ChatMeters chat = new ChatMeters(registry);
    private final CommitMeters commits = new CommitMeters(registry);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** For {@link webtalk.chat.ChatService}: joins, messages stored and refused, publish latency. */
    public ChatObserver chat() {
        return chat;
    }

    /** For the store's writer: group-commit sizes and latencies, store errors. */
    public CommitObserver commits() {
        return commits;
    }

    /** Connections by transport, read from the socket layer at each scrape. */
    public void connections(IntSupplier all, IntSupplier webSocket) {
        Gauge.builder("webtalk.connections", webSocket, s -> s.getAsInt()).tag("transport", "websocket")
                .strongReference(true).description("open Engine.IO sessions, by transport").register(registry);
        Gauge.builder("webtalk.connections", () -> Math.max(0, all.getAsInt() - webSocket.getAsInt()))
                .tag("transport", "polling").description("open Engine.IO sessions, by transport").register(registry);
    }

    public void socketStats(SocketIoStats stats) {
        FunctionCounter.builder("webtalk.deliveries", stats, SocketIoStats::deliveries)
                .description("broadcast packets written to a receiver (one event to n members counts n)").register(registry);
        FunctionCounter.builder("webtalk.slow.consumers.dropped", stats, SocketIoStats::slowConsumersDropped)
                .description("connections closed for letting too many packets wait").register(registry);
        // A cluster without sticky sessions: what this node passed on to the node holding the session.
        FunctionCounter.builder("webtalk.cluster.forwarded.requests", stats, SocketIoStats::forwardedRequests)
                .description("long-poll requests forwarded to the node that holds their session").register(registry);
        FunctionCounter.builder("webtalk.cluster.forwards.refused", stats, SocketIoStats::forwardsRefused)
                .description("stray requests refused: the owner gone (400) or too many forwards at once (503)").register(registry);
        FunctionCounter.builder("webtalk.cluster.relays.opened", stats, SocketIoStats::relaysOpened)
                .description("WebSocket upgrades relayed to the node that holds their session").register(registry);
        Gauge.builder("webtalk.cluster.relays.open", stats, SocketIoStats::relaysOpen).description("relayed WebSockets open now")
                .register(registry);
    }

    public void rooms(IntSupplier liveRooms, IntSupplier usersOnline) {
        // Strong references: a gauge holds its object weakly, and these suppliers are held by nothing else.
        Gauge.builder("webtalk.rooms.active", liveRooms, s -> s.getAsInt()).strongReference(true).description("rooms live on this node").register(registry);
        Gauge.builder("webtalk.users.online", usersOnline, s -> s.getAsInt()).strongReference(true).description("members in rooms on this node")
                .register(registry);
    }

    /** The Prometheus text exposition (format 0.0.4) of every meter. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
