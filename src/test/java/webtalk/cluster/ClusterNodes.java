package webtalk.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import webtalk.store.postgres.PostgresDatabase;
import webtalk.support.Http;
import webtalk.support.ServerProcess;

/**
 * A WebTalk cluster for one test class: its own PostgreSQL database ({@link PostgresDatabase#freshDatabase},
 * dropped at close) on the machine's PostgreSQL, the machine's Redis under that database's key prefix
 * (deleted at close), and node processes ({@code java webtalk.app.Main}) on random loopback
 * ports. A missing service fails the test with one line saying which and how to start it.
 */
public final class ClusterNodes implements AutoCloseable {

    public static final String REDIS = "127.0.0.1:6379";
    static final String SECRET_KEY = "cluster-test-secret-key-0123456789";

    private final PostgresDatabase.Database database;
    private final List<ServerProcess> nodes = new ArrayList<>();
    private String redisUrl = "redis://" + REDIS + "/0";
    private int databasePort;

    private ClusterNodes(PostgresDatabase.Database database) {
        this.database = database;
        this.databasePort = database.url().port();
    }

    /** A fresh, empty database; no node runs yet. */
    public static ClusterNodes create() {
        PostgresDatabase.Database database = PostgresDatabase.freshDatabase();
        try (RedisClient client = RedisClient.create("redis://" + REDIS); StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().ping();
        } catch (RuntimeException e) {
            database.close();
            throw new AssertionError("Redis at " + REDIS + " is needed and did not answer (" + e.getMessage()
                    + "): start it with redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no", e);
        }
        return new ClusterNodes(database);
    }

    /** Nodes started from now on reach Redis here (e.g. through a TCP proxy the test can cut). */
    public ClusterNodes redisUrl(String url) {
        redisUrl = url;
        return this;
    }

    public String databaseUrl() {
        return "postgresql://" + database.url().user() + "@" + database.url().host() + ":" + databasePort + "/" + database.name();
    }

    /** Nodes started from now on reach PostgreSQL on this port (e.g. a TCP proxy the test can cut). */
    public ClusterNodes databasePort(int port) {
        databasePort = port;
        return this;
    }

    /** Starts one more node, {@code node-<n>}, and waits until it serves. */
    public ServerProcess startNode(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(environment(nodes.size() + 1));
        environment.putAll(extra);
        ServerProcess node = ServerProcess.withEnvironment(environment);
        nodes.add(node);
        node.start();
        return node;
    }

    public ServerProcess startNode() {
        return startNode(Map.of());
    }

    /** The settings of the {@code n}-th node. */
    public Map<String, String> environment(int n) {
        return Map.of("DATABASE_URL", databaseUrl(), "REDIS_URL", redisUrl, "NODE_ID", "node-" + n,
                "SECRET_KEY", SECRET_KEY, "MAX_CONNECTIONS_PER_ADDRESS", "0", "JOINS_PER_ADDRESS", "0", "ROOMS_PER_ADDRESS", "0",
                // A test may speak for another client address (X-Forwarded-For), as a balancer on this machine would.
                "TRUSTED_PROXIES", "127.0.0.1");
    }

    public List<ServerProcess> nodes() {
        return nodes;
    }

    /**
     * Waits until each node forwards the others' Engine.IO sessions: a node reads the directory of
     * nodes every second, and until then answers another node's sid 400 (the client reconnects).
     * Probed the way a client that meets another node would: a session opened on one node, its
     * first POST sent to each other node, until that node relays it to the owner (200).
     */
    public void awaitSessionRouting() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Http> http = nodes.stream().map(node -> new Http(node.url())).toList();  // one client per node, not per probe
        for (int owner = 0; owner < nodes.size(); owner++) {
            for (int other = 0; other < nodes.size(); other++) {
                if (other == owner) {
                    continue;
                }
                String firstPost = "/socket.io/?EIO=4&transport=polling&sid=" + http.get(owner).openEngineSession();
                while (http.get(other).send("POST", firstPost, "40").status() != 200) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(nodes.get(other).url() + " did not forward " + nodes.get(owner).url()
                                + "'s session within 30 s" + logs());
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    /** Every node's log, for a failure message. */
    public String logs() {
        StringBuilder all = new StringBuilder();
        for (ServerProcess node : nodes) {
            String log = node.log();
            all.append("\n---- ").append(node.url()).append(" ----\n").append(log, Math.max(0, log.length() - 6_000), log.length());
        }
        return all.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (ServerProcess node : nodes) {
            node.close();
        }
        database.close();
        try (RedisClient client = RedisClient.create("redis://" + REDIS); StatefulRedisConnection<String, String> c = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches("webtalk:" + database.name() + ":*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    c.sync().del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
    }
}
