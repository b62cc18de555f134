package webtalk.app;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.presence.redis.RedisNodeDirectory;
import webtalk.socketio.SessionRouting;

/**
 * The Socket.IO layer's {@link SessionRouting} over the cluster's node directory: this node's tag
 * is its NODE_ID made URL-safe, and another tag's owner is looked up in a copy of the directory
 * that {@link #refresh} renews every second (a request thread never waits on Redis). A node that
 * started less than a second ago is not known yet: its sessions' stray requests are answered 400
 * "Session ID unknown" and the client reconnects, as for a node that is gone.
 */
final class DirectoryRouting implements SessionRouting {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryRouting.class);

    private final RedisNodeDirectory directory;
    private final String tag;
    private volatile Map<String, URI> owners = Map.of();

    DirectoryRouting(RedisNodeDirectory directory, String nodeId) {
        this.directory = directory;
        this.tag = tagOf(nodeId);
    }

    /** NODE_ID as a sid may carry it: at most 16 of A-Z a-z 0-9 _ - (NODE_ID is 1-40 letters, digits, '.', '_', '-'). */
    static String tagOf(String nodeId) {
        String safe = nodeId.replaceAll("[^A-Za-z0-9_-]", "-");
        return safe.length() <= 16 ? safe : safe.substring(safe.length() - 16);
    }

    @Override
    public String nodeTag() {
        return tag;
    }

    @Override
    public Optional<URI> ownerUrl(String nodeTag) {
        return Optional.ofNullable(owners.get(nodeTag));
    }

    /** Reads the directory again; on failure the last copy stays (a node gone meanwhile answers no more anyway). */
    void refresh() {
        Map<String, URI> fresh = new HashMap<>();
        directory.liveNodes().forEach((nodeId, url) -> {
            try {
                fresh.put(tagOf(nodeId), URI.create(url));
            } catch (IllegalArgumentException e) {
                LOG.warn("node {} announced an unusable URL {}", nodeId, url);
            }
        });
        owners = Map.copyOf(fresh);
    }
}
