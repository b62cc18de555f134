package webtalk.socketio;

import java.time.Duration;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Engine.IO / Socket.IO server options.
 *
 * @param connectTimeout   how long a new connection may go without joining a namespace before it is closed
 * @param maxPayload       largest HTTP POST body / WebSocket message accepted, in bytes (announced in the
 *                         handshake); also the most the binary attachments of one packet may add up to
 * @param maxQueuedPackets packets waiting for a slow client before it is disconnected ("slow consumer")
 * @param maxConnectionsPerAddress open connections one client address may hold; 0 for no limit
 * @param originAllowed    (Origin header or null, Host header) → may this browser page connect? An allowed
 *                         Origin also gets the CORS headers that let its page poll
 * @param malformedPacketEvent event sent with {@code malformedPacketPayload} before closing a connection
 *                         that sent a malformed packet; null to just close
 * @param maxAttachments   binary attachments one packet may announce
 * @param clientAddress    (peer IP, header by case-insensitive name → value or null) → the client's address,
 *                         as counted by maxConnectionsPerAddress and given by {@link Socket#remoteAddress()};
 *                         behind a trusted reverse proxy it may read a forwarding header
 * @param maxConnections   open connections the whole server may hold (every address together); 0 for no limit
 * @param sessionRouting   in a cluster, which node owns a sid (requests for another node's sids are forwarded
 *                         to it); null on a single node: sids carry no node tag and unknown ones are refused
 * @param maxForwarded     forwarded polling requests and WebSocket relays this node may have in flight at once
 *                         (a 503 beyond); only with sessionRouting
 * @param keptHeaders      the handshake headers a session keeps for {@link Socket#header}, by lower-case name
 *                         (by default origin, user-agent, accept-language and host); every header kept is
 *                         memory for the connection's life, so a server whose listeners ask for none keeps none
 */
public record SocketIoOptions(Duration pingInterval, Duration pingTimeout, Duration connectTimeout, int maxPayload, int maxQueuedPackets,
                              int maxConnectionsPerAddress,
                              BiPredicate<String, String> originAllowed, String malformedPacketEvent,
                              Object malformedPacketPayload, int maxAttachments,
                              BiFunction<String, Function<String, String>, String> clientAddress,
                              int maxConnections, SessionRouting sessionRouting, int maxForwarded, Set<String> keptHeaders) {

    public static SocketIoOptions defaults() {
        return new SocketIoOptions(Duration.ofSeconds(25), Duration.ofSeconds(20), Duration.ofSeconds(45), 1_000_000, 1024, 0,
                (origin, host) -> true, null, null, 10, (peer, header) -> peer, 0, null, 256,
                KeptHeaders.ASKED_BY_DEFAULT);
    }

    public SocketIoOptions withPingInterval(Duration value) {
        return new SocketIoOptions(value, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, maxConnections, sessionRouting, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withPingTimeout(Duration value) {
        return new SocketIoOptions(pingInterval, value, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, maxConnections, sessionRouting, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withConnectTimeout(Duration value) {
        return new SocketIoOptions(pingInterval, pingTimeout, value, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, maxConnections, sessionRouting, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withMaxPayload(int value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, value, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, maxConnections, sessionRouting, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withMaxQueuedPackets(int value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, value, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, maxConnections, sessionRouting, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withMaxConnectionsPerAddress(int value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, value,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, maxConnections, sessionRouting, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withOriginAllowed(BiPredicate<String, String> value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                value, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, maxConnections, sessionRouting, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withMalformedPacketNotice(String event, Object payload) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, event, payload, maxAttachments, clientAddress, maxConnections, sessionRouting, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withMaxAttachments(int value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, value, clientAddress, maxConnections, sessionRouting, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withClientAddress(BiFunction<String, Function<String, String>, String> value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, value, maxConnections, sessionRouting, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withMaxConnections(int value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, value, sessionRouting, maxForwarded, keptHeaders);
    }

    /** Cluster mode: sids name this node, and requests for other nodes' sids are forwarded to their owner. */
    public SocketIoOptions withSessionRouting(SessionRouting value) {
        if (value != null && !SessionRouting.validTag(value.nodeTag())) {
            throw new IllegalArgumentException("node tag must be 1-16 of A-Z a-z 0-9 _ -: " + value.nodeTag());
        }
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, maxConnections, value, maxForwarded, keptHeaders);
    }

    public SocketIoOptions withMaxForwarded(int value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, maxConnections, sessionRouting, value, keptHeaders);
    }

    /** Only these handshake headers are kept (by lower-case name), the others are null to {@link Socket#header}. */
    public SocketIoOptions withKeptHeaders(Set<String> value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress,
                originAllowed, malformedPacketEvent, malformedPacketPayload, maxAttachments, clientAddress, maxConnections, sessionRouting,
                maxForwarded, KeptHeaders.names(value));
    }
}
