package webtalk.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.config.RedisUrl;

/**
 * One node's link to Redis: a client, one command connection (thread-safe, asynchronous,
 * pipelined by Lettuce: commands issued back to back share the socket without waiting for each
 * other's answers), one pub/sub connection, and the key prefix of the deployment (every key and
 * every channel name starts with it: pub/sub ignores Redis's database number).
 *
 * <p>Failure behaviour: Lettuce reconnects both connections by itself, and resubscribes the
 * pub/sub connection to its channels (checked by {@code RedisConnectionsTest}). While a
 * connection is down, commands are refused at once rather than queued ({@link
 * ClientOptions.DisconnectedBehavior#REJECT_COMMANDS}): a synchronous caller gets a
 * {@link RedisUnavailableException} within {@link #COMMAND_TIMEOUT}, an asynchronous one a failed
 * future. Messages published while the subscription is down are lost to this node; the
 * {@link SubscriptionProbe} makes that visible ({@link #subscriptionAlive()}), and
 * {@link #onSubscriptionRestored} tells the node to catch up from the store.
 */
public final class RedisConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    static final int REQUEST_QUEUE_MAX = 50_000;

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final String prefix;
    private final String node;
    /** channel → its handlers; a handler gets each message's text on the dispatch thread. */
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final MessageDispatch dispatch;
    /** Lua text → its SHA-1, for EVALSHA. */
    private final Map<String, String> scripts = new ConcurrentHashMap<>();
    private final SubscriptionProbe probe;
    private volatile boolean closing;

    /**
     * Connects (both connections) and starts the probe.
     *
     * @param prefix every key and channel starts with it ({@code webtalk:<database>:} in production)
     * @param node   this node's id, naming its probe channel
     * @throws RedisUnavailableException if Redis cannot be reached now
     */
    public RedisConnections(RedisUrl url, String prefix, String node) {
        this.prefix = prefix;
        this.node = node;
        RedisURI uri = RedisURI.create(url.url());
        uri.setTimeout(COMMAND_TIMEOUT);
        // Reconnect attempts back off to at most one a second (Lettuce's default backs off to 30 s,
        // which would leave a node deaf that long after a short Redis outage).
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // Bounded: a Redis that is slow but connected makes commands fail, not this node's memory grow.
                .requestQueueSize(REQUEST_QUEUE_MAX)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).keepAlive(true).build())
                .build());
        try {
            this.commands = client.connect();
            this.pubsub = client.connectPubSub();
        } catch (RedisException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            throw new RedisUnavailableException("Redis at " + url + " cannot be reached: " + e.getMessage(), e);
        }
        this.dispatch = new MessageDispatch("redis-events-" + node);
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                List<Consumer<String>> subscribed = handlers.get(channel);
                if (subscribed != null) {
                    dispatch.offer(() -> subscribed.forEach(handler -> handler.accept(message)));
                }
            }
        });
        try {
            this.probe = new SubscriptionProbe(this, prefix + "probe:" + node);
        } catch (RuntimeException e) {
            dispatch.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == pubsub && !closing) {
                    probe.connectionLost();
                }
            }
        });
        LOG.info("connected to Redis at {} (prefix {}, node {})", url, prefix, node);
    }

    /** The deployment's prefix followed by {@code name}: the name of a key or channel. */
    public String key(String name) {
        return prefix + name;
    }

    public String node() {
        return node;
    }

    /** The shared command connection's asynchronous API: never blocks the caller. */
    public RedisAsyncCommands<String, String> async() {
        return commands.async();
    }

    /**
     * Runs {@code command} on the synchronous API (bounded by {@link #COMMAND_TIMEOUT}).
     *
     * @throws RedisUnavailableException if Redis does not answer
     */
    public <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(commands.sync());
        } catch (RedisException e) {
            throw new RedisUnavailableException("Redis did not answer: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a Lua script atomically (by its digest; sent whole only when Redis does not know it yet,
     * e.g. after a restart).
     *
     * @throws RedisUnavailableException if Redis does not answer
     */
    public <T> T script(String lua, ScriptOutputType type, String[] keys, String... args) {
        return call(redis -> {
            String sha = scripts.computeIfAbsent(lua, redis::digest);
            try {
                return redis.<T>evalsha(sha, type, keys, args);
            } catch (RedisNoScriptException e) {
                return redis.<T>eval(lua, type, keys, args);
            }
        });
    }

    /**
     * Subscribes {@code handler} to the channel (a full name, from {@link #key}). Handlers run one at
     * a time, in the order messages arrived, on this node's dispatch thread: never on Lettuce's
     * I/O thread, so a slow handler delays later messages but not Redis's other answers.
     *
     * @throws RedisUnavailableException if Redis does not confirm the subscription
     */
    public synchronized void subscribe(String channel, Consumer<String> handler) {
        boolean first = handlers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).isEmpty();
        handlers.get(channel).add(handler);
        if (first) {
            try {
                pubsub.sync().subscribe(channel);
            } catch (RedisException e) {
                throw new RedisUnavailableException("Redis refused the subscription to " + channel + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Whether this node's subscription heard its own probe within the last few seconds: false while
     * the pub/sub connection is down (or Redis is), so the node reports itself not ready.
     */
    public boolean subscriptionAlive() {
        return probe.alive();
    }

    /**
     * Runs {@code catchUp} each time the subscription hears again after it was silent past the
     * deadline or its connection dropped (even for a reconnect too quick for
     * {@link #subscriptionAlive()} to turn false): messages published meanwhile were lost to this
     * node, and the catch-up reads them from the store. Runs on the probe's thread, after the probe
     * message that proved the subscription back.
     */
    public void onSubscriptionRestored(Runnable catchUp) {
        probe.onRestored(catchUp);
    }

    /** Messages dropped because this node's dispatch queue was full (they are repaired from the store). */
    public long droppedOnArrival() {
        return dispatch.dropped();
    }

    @Override
    public void close() {
        closing = true;
        probe.close();
        try {
            pubsub.close();
            commands.close();
        } finally {
            dispatch.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
