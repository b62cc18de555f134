package webtalk.socketio.websocket;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's half of the RFC 6455 §4.2 opening handshake on Jetty 12: checks the request,
 * answers 101 with {@code Sec-WebSocket-Accept}, and has Jetty hand the TCP connection to a
 * {@link WebSocketConnection} once that response is written. No extension (permessage-deflate)
 * and no subprotocol is ever negotiated: Engine.IO needs neither, and refusing an offered
 * extension is done by not naming it.
 */
public final class WebSocketHandshake {

    /** RFC 6455 §1.3: appended to the client's key before hashing. */
    private static final String KEY_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Never used itself: {@link #sha1} clones it (a MessageDigest is not thread-safe). */
    private static final MessageDigest SHA1 = newSha1();

    /**
     * @param maxMessageBytes largest message a client may send (larger: closed with 1009)
     * @param maxQueuedFrames frames that may wait for a slow client before sends are refused
     * @param idleTimeoutMs   silence after which the connection is closed
     */
    public record Limits(int maxMessageBytes, int maxQueuedFrames, long idleTimeoutMs) {
    }

    private WebSocketHandshake() {
    }

    /** Whether the request asks for a WebSocket at all (GET with {@code Upgrade: websocket}). */
    public static boolean isUpgradeRequest(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return "GET".equals(request.getMethod()) && upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /**
     * The HTTP status refusing a malformed handshake (400, or 426 for another protocol version),
     * or 0 when the request is a valid one.
     */
    public static int refusal(Request request) {
        if (request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_1_1) {
            return 400;
        }
        if (!"13".equals(request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_VERSION))) {
            return 426;
        }
        String connection = request.getHeaders().get(HttpHeader.CONNECTION);
        if (connection == null || !connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade")) {
            return 400;
        }
        String key = request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_KEY);
        if (key == null || !validKey(key.strip())) {
            return 400;
        }
        return 0;
    }

    /** Adds the header a 426 response must carry (the version this server speaks). */
    public static void versionHeader(Response response) {
        response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, "13");
    }

    /**
     * Accepts a request that {@link #refusal} passed: writes the 101; once it is written, a new
     * {@link WebSocketConnection} takes over the socket and tells {@code listener} it is open.
     */
    public static void accept(Request request, Response response, Callback callback, Limits limits, WebSocketListener listener) {
        ConnectionMetaData meta = request.getConnectionMetaData();
        WebSocketConnection connection = new WebSocketConnection(meta.getConnection().getEndPoint(),
                meta.getConnector().getExecutor(), meta.getConnector().getByteBufferPool(),
                limits.maxMessageBytes(), limits.maxQueuedFrames(), limits.idleTimeoutMs(), listener);
        response.setStatus(101);
        response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
        response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
        response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_ACCEPT, acceptValue(request.getHeaders().get(HttpHeader.SEC_WEBSOCKET_KEY).strip()));
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection);
        response.write(true, null, callback);
    }

    static String acceptValue(String key) {
        byte[] digest = sha1().digest((key + KEY_GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }

    /**
     * A fresh SHA-1 digest, cloned from one looked up once: {@code MessageDigest.getInstance} searches
     * the security providers on every call, a sixth of the handshake's own work in a reconnect storm.
     */
    private static MessageDigest sha1() {
        try {
            return (MessageDigest) SHA1.clone();
        } catch (CloneNotSupportedException e) {
            return newSha1();  // a provider whose digest cannot be cloned: look it up each time
        }
    }

    private static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    private static boolean validKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The peer's IP address as text (no port). */
    public static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(address);
    }
}
