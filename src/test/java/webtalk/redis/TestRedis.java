package webtalk.redis;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import webtalk.config.RedisUrl;

/**
 * The machine's Redis for a test class: a key prefix of its own ({@code webtalk-test-<uuid>:}),
 * nodes as separate {@link RedisConnections}, and a raw connection to look at and delete its keys.
 * A Redis that is down fails the test saying how to start it.
 */
public final class TestRedis implements AutoCloseable {

    public static final RedisUrl URL = RedisUrl.parse("redis://127.0.0.1:6379/0");
    private static final String HOW_TO_START =
            "Redis is not reachable at 127.0.0.1:6379: start it with "
                    + "`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no`";

    private final String prefix = "webtalk-test-" + UUID.randomUUID() + ":";
    private final RedisClient rawClient;
    private final StatefulRedisConnection<String, String> raw;
    private final List<RedisConnections> nodes = new ArrayList<>();

    public TestRedis() {
        rawClient = RedisClient.create(URL.url());
        try {
            raw = rawClient.connect();
        } catch (RuntimeException e) {
            rawClient.shutdown();
            throw new IllegalStateException(HOW_TO_START, e);
        }
    }

    public String prefix() {
        return prefix;
    }

    /** A node on this test's prefix, closed with the fixture. */
    public RedisConnections node(String nodeId) {
        return node(nodeId, URL);
    }

    /** A node reaching Redis at {@code url} (e.g. through a proxy). */
    public RedisConnections node(String nodeId, RedisUrl url) {
        RedisConnections node;
        try {
            node = new RedisConnections(url, prefix, nodeId);
        } catch (RedisUnavailableException e) {
            throw new IllegalStateException(HOW_TO_START, e);
        }
        nodes.add(node);
        return node;
    }

    /** Direct commands, outside any node (for looking at keys, or cutting connections). */
    public RedisCommands<String, String> raw() {
        return raw.sync();
    }

    /** The keys under this test's prefix. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = raw.sync().scan(cursor, KeyScanArgs.Builder.matches(prefix + "*").limit(500));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    /** Closes the nodes and deletes every key under the prefix. */
    @Override
    public void close() {
        try {
            for (RedisConnections node : nodes) {
                node.close();
            }
            List<String> keys = keys();
            if (!keys.isEmpty()) {
                raw.sync().del(keys.toArray(new String[0]));
            }
        } finally {
            raw.close();
            rawClient.shutdown();
        }
    }
}
