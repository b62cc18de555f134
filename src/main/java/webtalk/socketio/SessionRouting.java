package webtalk.socketio;

import java.net.URI;
import java.util.Optional;

/**
 * Which node of a cluster owns a session, for a balancer that is not sticky: each node puts its
 * tag into the sids it makes ({@code <tag>.<random>}), and a request for another node's sid is
 * forwarded to that node (polling) or relayed to it (WebSocket) instead of being refused.
 *
 * <p>Implementations are called on request threads: {@link #ownerUrl} must answer from memory
 * (a cached membership view), never block on the network.
 */
public interface SessionRouting {

    /**
     * This node's tag: 1 to 16 of {@code A-Z a-z 0-9 _ -}, unique in the cluster, so a sid names its
     * node and stays URL-safe (the random part after the dot keeps it unguessable).
     */
    String nodeTag();

    /**
     * The base URL (scheme, host, port; e.g. {@code http://10.0.0.7:5000}) at which the node with
     * {@code nodeTag} serves {@code /socket.io/}, or empty when no live node has that tag (it is gone:
     * its sessions are gone with it).
     */
    Optional<URI> ownerUrl(String nodeTag);

    /** True when {@code tag} may be put into a sid as it is. */
    static boolean validTag(String tag) {
        return tag != null && tag.matches("[A-Za-z0-9_-]{1,16}");
    }
}
