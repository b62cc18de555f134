package webtalk.socketio;

import java.time.Duration;
import java.util.function.BiPredicate;

/**
 * Engine.IO / Socket.IO server options.
 *
 * @param connectTimeout   how long a new connection may go without joining a namespace before it is closed
 * @param maxPayload       largest HTTP POST body / WebSocket message accepted, in bytes (announced in the handshake)
 * @param maxQueuedPackets packets waiting for a slow client before it is disconnected ("slow consumer")
 * @param maxConnectionsPerAddress open connections one client address may hold; 0 for no limit
 * @param originAllowed    (Origin header or null, Host header) → may this browser page connect?
 * @param malformedPacketEvent event sent with {@code malformedPacketPayload} before closing a connection
 *                         that sent a malformed packet; null to just close
 */
public record SocketIoOptions(Duration pingInterval, Duration pingTimeout, Duration connectTimeout, int maxPayload, int maxQueuedPackets,
                              int maxConnectionsPerAddress,
                              BiPredicate<String, String> originAllowed, String malformedPacketEvent,
                              Object malformedPacketPayload) {

    public static SocketIoOptions defaults() {
        return new SocketIoOptions(Duration.ofSeconds(25), Duration.ofSeconds(20), Duration.ofSeconds(45), 1_000_000, 1024, 0,
                (origin, host) -> true, null, null);
    }

    public SocketIoOptions withPingInterval(Duration value) {
        return new SocketIoOptions(value, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress, originAllowed, malformedPacketEvent, malformedPacketPayload);
    }

    public SocketIoOptions withPingTimeout(Duration value) {
        return new SocketIoOptions(pingInterval, value, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress, originAllowed, malformedPacketEvent, malformedPacketPayload);
    }

    public SocketIoOptions withConnectTimeout(Duration value) {
        return new SocketIoOptions(pingInterval, pingTimeout, value, maxPayload, maxQueuedPackets, maxConnectionsPerAddress, originAllowed, malformedPacketEvent, malformedPacketPayload);
    }

    public SocketIoOptions withMaxPayload(int value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, value, maxQueuedPackets, maxConnectionsPerAddress, originAllowed, malformedPacketEvent, malformedPacketPayload);
    }

    public SocketIoOptions withMaxQueuedPackets(int value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, value, maxConnectionsPerAddress, originAllowed, malformedPacketEvent, malformedPacketPayload);
    }

    public SocketIoOptions withMaxConnectionsPerAddress(int value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, value, originAllowed, malformedPacketEvent, malformedPacketPayload);
    }

    public SocketIoOptions withOriginAllowed(BiPredicate<String, String> value) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress, value, malformedPacketEvent, malformedPacketPayload);
    }

    public SocketIoOptions withMalformedPacketNotice(String event, Object payload) {
        return new SocketIoOptions(pingInterval, pingTimeout, connectTimeout, maxPayload, maxQueuedPackets, maxConnectionsPerAddress, originAllowed, event, payload);
    }
}
