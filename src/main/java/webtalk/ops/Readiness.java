package webtalk.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import webtalk.chat.MessageLog;
import webtalk.chat.StoreHealth;

/**
 * Whether this server should get traffic: the store answers, the message path stores, and the
 * server is not draining for shutdown. Cheap enough for a probe every second from every load
 * balancer: the store's health is a volatile read, and its ping (one trivial query) runs at most
 * once per {@link #PING_EVERY}, whoever asks.
 */
public final class Readiness {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Readiness.class);
    static final Duration PING_EVERY = Duration.ofSeconds(1);
    /** Why not ready, as sent in {@code motivos}: stable codes, pt-BR like the rest of the contract. */
    static final String DRAINING = "encerrando";
    static final String STORE_SILENT = "banco_sem_resposta";

    private record Ping(Instant at, boolean answered) {
    }

    /** Something else the node needs to serve (a cluster's Redis subscription), as a cheap check and the code told when it fails. */
    private record Link(String reason, BooleanSupplier up) {
    }

    private final List<Link> links = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final MessageLog messages;
    private final Clock clock;
    private volatile boolean draining;
    private volatile Ping last;

    public Readiness(MessageLog messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Not ready while {@code up} says no, told as {@code reason}; {@code up} must be cheap (a volatile
     * read): the probe asks every second.
     */
    public void requires(String reason, BooleanSupplier up) {
        links.add(new Link(reason, up));
    }

    /** From now on not ready: load balancers stop sending new clients before the sockets close. */
    public void drain() {
        draining = true;
    }

    /** Why this server is not ready; empty when it is. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>(3);
        if (draining) {
            reasons.add(DRAINING);
        }
        if (!storeAnswers()) {
            reasons.add(STORE_SILENT);
        }
        StoreHealth health = messages.health();
        if (!health.ok()) {
            reasons.add(health.refusal().code());
        }
        for (Link link : links) {
            if (!link.up().getAsBoolean()) {
                reasons.add(link.reason());
            }
        }
        return reasons;
    }

    private boolean storeAnswers() {
        Ping ping = last;
        Instant now = clock.instant();
        if (ping != null && now.isBefore(ping.at().plus(PING_EVERY))) {
            return ping.answered();
        }
        synchronized (this) {
            ping = last;
            if (ping == null || !now.isBefore(ping.at().plus(PING_EVERY))) {
                Ping before = ping;
                ping = new Ping(clock.instant(), answers());
                last = ping;
                if (before != null && before.answered() != ping.answered()) {
                    LOG.warn(ping.answered() ? "store answers the readiness ping again" : "store does not answer the readiness ping: not ready");
                }
            }
            return ping.answered();
        }
    }

    private boolean answers() {
        try {
            messages.ping();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
