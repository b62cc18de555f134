package webtalk.socketio;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * Cluster mode behind a balancer that is not sticky: finds the node that owns a sid this node does
 * not hold, and sends it the client's polling request. The owner answers as if the client had come
 * to it; its answer is relayed back. (socket.io's {@code @socket.io/cluster-engine} asks every worker
 * over IPC or Redis pub/sub who holds a sid and forwards packets that way; here the sid itself names
 * its owner, so finding it costs no round trip, and the whole HTTP request goes straight to it.)
 *
 * <p>Bounded: at most maxForwarded requests and WebSocket relays in flight (a 503 beyond), each with
 * a timeout longer than the owner may hold a long-poll GET.
 */
final class SessionForwarder {

    /**
     * Marks a request one node sends another: it is never forwarded again (a loop guard, should two
     * nodes disagree on who owns a sid). A client that sends it only loses forwarding.
     */
    static final String FORWARDED_HEADER = "X-EngineIO-Forwarded";

    /** How long to wait for the owner's TCP connection: an owner that does not answer at once is treated as gone. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    /** The outcome a forwarded request is answered with when the owner could not be asked. */
    enum Failure { OWNER_GONE, TIMEOUT }

    private final SessionRouting routing;
    private final SocketIoStats stats;
    private final Semaphore inFlight;
    /** The owner holds a GET until it has a packet or pings (pingInterval); the answer's trip and a margin on top. */
    private final Duration requestTimeout;
    private final HttpClient client;

    SessionForwarder(SocketIoOptions options, SocketIoStats stats) {
        this.routing = options.sessionRouting();
        this.stats = stats;
        this.inFlight = new Semaphore(Math.max(1, options.maxForwarded()));
        this.requestTimeout = options.pingInterval().plus(options.pingTimeout()).plusSeconds(5);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Relays open now, closed with the server. */
    private final java.util.Set<WebSocketRelay> relays = java.util.concurrent.ConcurrentHashMap.newKeySet();

    String nodeTag() {
        return routing.nodeTag();
    }

    /**
     * The base URL of the live node owning {@code sid}, when that is another node and this request
     * was not forwarded already; empty when the sid is this node's, untagged, or its node is gone.
     */
    Optional<URI> owner(String sid, boolean alreadyForwarded) {
        int dot = sid.indexOf('.');
        if (alreadyForwarded || dot <= 0) {
            return Optional.empty();
        }
        String tag = sid.substring(0, dot);
        if (tag.equals(routing.nodeTag()) || !SessionRouting.validTag(tag)) {
            return Optional.empty();
        }
        return routing.ownerUrl(tag);
    }

    /** Takes one of the maxForwarded places; false (counted) when all are taken. Give it back with {@link #release}. */
    boolean acquire() {
        if (inFlight.tryAcquire()) {
            return true;
        }
        stats.forwardRefused();
        return false;
    }

    void release() {
        inFlight.release();
    }

    /**
     * Sends one polling request to the owner, with a place already {@link #acquire acquired} (given
     * back when it completes). Fails with a {@link ForwardFailed} saying whether the owner is gone.
     */
    CompletableFuture<HttpResponse<byte[]>> send(URI owner, String method, String pathAndQuery, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target(owner, "http", pathAndQuery))
                .timeout(requestTimeout)
                .header(FORWARDED_HEADER, routing.nodeTag())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        stats.forwarded();
        CompletableFuture<HttpResponse<byte[]>> answer;
        try {
            answer = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (RuntimeException e) {
            release();
            return CompletableFuture.failedFuture(new ForwardFailed(Failure.OWNER_GONE, e));
        }
        return answer.handle((response, error) -> {
            release();
            if (error != null) {
                throw new ForwardFailed(classify(error), error);
            }
            return response;
        });
    }

    /**
     * Opens {@code relay}'s WebSocket to the owner (a place already {@link #acquire acquired}; given
     * back by {@link #relayClosed}), waiting at most the connect timeout and the owner's handshake:
     * null when open, else why not. A 400 from the owner's handshake means it does not hold the sid.
     */
    Failure openRelay(URI owner, String pathAndQuery, WebSocketRelay relay) {
        CompletableFuture<java.net.http.WebSocket> opening = client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .header(FORWARDED_HEADER, routing.nodeTag()).buildAsync(target(owner, "ws", pathAndQuery), relay);
        try {
            relay.ownerOpened(opening.get(CONNECT_TIMEOUT.toMillis() + 4_000, java.util.concurrent.TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Failure.TIMEOUT;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause() instanceof java.net.http.WebSocketHandshakeException ? Failure.OWNER_GONE : classify(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            opening.thenAccept(java.net.http.WebSocket::abort);  // should it open after all, nobody is on the other side
            return Failure.TIMEOUT;
        }
        relays.add(relay);
        stats.relayOpened();
        return null;
    }

    /** A relay ended: its place is given back. */
    void relayClosed(WebSocketRelay relay) {
        if (relays.remove(relay)) {
            stats.relayClosed();
        }
        release();
    }

    /** The server stops: every relay's two sides are closed. */
    void closeRelays() {
        for (WebSocketRelay relay : relays) {
            relay.close();
        }
    }

    /** The owner's URL for this request: its scheme (http, or ws for a relay; s kept), host and port, our path and query. */
    static URI target(URI owner, String scheme, String pathAndQuery) {
        boolean secure = "https".equalsIgnoreCase(owner.getScheme()) || "wss".equalsIgnoreCase(owner.getScheme());
        String base = owner.getRawAuthority();
        return URI.create(scheme + (secure ? "s" : "") + "://" + base + pathAndQuery);
    }

    /**
     * A refused or unreachable connection means the owner is gone (its sessions with it); a
     * timeout means it is alive but slow. A connection lost mid-answer counts as gone: the owner
     * died or closed it, and its next request will say for sure.
     */
    static Failure classify(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return Failure.OWNER_GONE;
        }
        if (cause instanceof HttpTimeoutException) {
            return Failure.TIMEOUT;
        }
        return cause instanceof IOException ? Failure.OWNER_GONE : Failure.TIMEOUT;
    }

    /** Why a {@link #send} failed: the owner is gone, or (anything else) it did not answer in time. */
    static Failure failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof ForwardFailed failed ? failed.failure : Failure.TIMEOUT;
    }

    /** A forwarded request that got no answer from the owner. */
    static final class ForwardFailed extends RuntimeException {
        final Failure failure;

        ForwardFailed(Failure failure, Throwable cause) {
            super(failure.name(), cause, false, false);
            this.failure = failure;
        }
    }
}
