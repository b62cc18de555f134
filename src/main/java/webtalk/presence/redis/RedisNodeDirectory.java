package webtalk.presence.redis;

import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Optional;
import webtalk.redis.RedisConnections;

/**
 * Which nodes are alive and where their internal endpoint is: {@code <prefix>node:<id>} holds a
 * node's base URL (e.g. {@code http://127.0.0.1:5001}) under a lease its node renews with
 * {@link #announce()} (every lease/3 or more often), so a killed node's entry goes by itself after
 * the lease. Used to forward a long-poll request to the node that owns its session.
 *
 * <p>Failure behaviour: with Redis down {@link #urlOf} throws
 * {@link webtalk.redis.RedisUnavailableException} (the caller answers as for an unknown session);
 * {@link #announce()} throws too, and this node's entry expires unless a later announce succeeds.
 */
public final class RedisNodeDirectory implements AutoCloseable {

    private final RedisConnections redis;
    private final String baseUrl;
    private final long leaseMillis;

    public RedisNodeDirectory(RedisConnections redis, String baseUrl, Duration lease) {
        this.redis = redis;
        this.baseUrl = baseUrl;
        this.leaseMillis = lease.toMillis();
    }

    /** This node is alive at its URL, for one more lease. */
    public void announce() {
        redis.call(r -> r.set(keyOf(redis.node()), baseUrl, SetArgs.Builder.px(leaseMillis)));
    }

    /** The URL of a live node; empty when it is unknown or its lease has passed. */
    public Optional<String> urlOf(String nodeId) {
        return Optional.ofNullable(redis.call(r -> r.get(keyOf(nodeId))));
    }

    /**
     * Every live node and its URL: one SCAN and one MGET. For a cache refreshed every second, not
     * for a request's path.
     */
    public java.util.Map<String, String> liveNodes() {
        return redis.call(r -> {
            java.util.List<String> keys = new java.util.ArrayList<>();
            io.lettuce.core.ScanCursor cursor = io.lettuce.core.ScanCursor.INITIAL;
            do {
                io.lettuce.core.KeyScanCursor<String> page = r.scan(cursor, io.lettuce.core.ScanArgs.Builder.matches(keyOf("*")).limit(200));
                keys.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
            java.util.Map<String, String> nodes = new java.util.HashMap<>();
            if (!keys.isEmpty()) {
                String prefix = keyOf("");
                r.mget(keys.toArray(String[]::new)).forEach(entry -> {
                    if (entry.hasValue()) {
                        nodes.put(entry.getKey().substring(prefix.length()), entry.getValue());
                    }
                });
            }
            return nodes;
        });
    }

    /** This node leaves the directory at once (a drained stop), not after its lease. */
    @Override
    public void close() {
        redis.call(r -> r.del(keyOf(redis.node())));
    }

    private String keyOf(String nodeId) {
        return redis.key("node:" + nodeId);
    }
}
