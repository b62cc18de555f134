package webtalk.socketio;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of this server's outbound work, for whoever reports them (WebTalk's /metrics).
 * Each is one {@link LongAdder} increment where it happens: broadcasting stays as cheap as before.
 */
public final class SocketIoStats {

    private final LongAdder deliveries = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();

    SocketIoStats() {
    }

    /** Broadcast packets written to a receiver: one event to a room of n sockets counts n. */
    public long deliveries() {
        return deliveries.sum();
    }

    /** Connections closed because they let too many packets wait (maxQueuedPackets). */
    public long slowConsumersDropped() {
        return slowConsumers.sum();
    }

    void delivered(int receivers) {
        deliveries.add(receivers);
    }

    void slowConsumerDropped() {
        slowConsumers.increment();
    }
}
