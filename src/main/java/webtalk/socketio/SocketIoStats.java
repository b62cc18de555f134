package webtalk.socketio;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of this server's outbound work, for whoever reports them (WebTalk's /metrics).
 * Each is one {@link LongAdder} increment where it happens: broadcasting stays as cheap as before.
 */
public final class SocketIoStats {

    private final LongAdder deliveries = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder forwardsRefused = new LongAdder();
    private final LongAdder relays = new LongAdder();
    private final LongAdder relaysOpen = new LongAdder();

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

    /** Polling requests for another node's session, forwarded to it (cluster mode). */
    public long forwardedRequests() {
        return forwarded.sum();
    }

    /** Requests for another node's session answered 503 because maxForwarded were already in flight. */
    public long forwardsRefused() {
        return forwardsRefused.sum();
    }

    /** WebSockets for another node's session relayed to it, since the start. */
    public long relaysOpened() {
        return relays.sum();
    }

    /** WebSocket relays open now. */
    public long relaysOpen() {
        return relaysOpen.sum();
    }

    void forwarded() {
        forwarded.increment();
    }

    void forwardRefused() {
        forwardsRefused.increment();
    }

    void relayOpened() {
        relays.increment();
        relaysOpen.increment();
    }

    void relayClosed() {
        relaysOpen.decrement();
    }

    void delivered(int receivers) {
        deliveries.add(receivers);
    }

    void slowConsumerDropped() {
        slowConsumers.increment();
    }
}
