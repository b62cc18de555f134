/**
 * WebTalk's Engine.IO 4 / Socket.IO 5 server layer (docs/decisions/0001-own-socketio-layer.md).
 *
 * <p><b>Rule:</b> a library that knows nothing of WebTalk. It imports nothing from {@code webtalk}
 * outside {@code webtalk.socketio} (no chat, store, realtime, web…); WebTalk's {@code realtime}
 * package uses it, never the other way ({@code webtalk.architecture.ArchitectureTest} keeps this so). Its public
 * API is what a host application needs: {@link webtalk.socketio.SocketIoServer},
 * {@link webtalk.socketio.SocketIoOptions}, {@link webtalk.socketio.SessionRouting}, {@link webtalk.socketio.Namespace},
 * {@link webtalk.socketio.Socket}, {@link webtalk.socketio.BroadcastOperator}, the listener
 * interfaces and {@link webtalk.socketio.SocketIoStats}; everything else is package-private.
 *
 * <p>Which class does what, laid out as socket.io's server is (engine.io's {@code socket} and
 * {@code transports/}, socket.io's {@code client}, {@code namespace}, {@code socket},
 * {@code broadcast-operator}):
 * <ul>
 *   <li>{@code SocketIoServer} — owns the sessions, namespaces, connection limits and heartbeat
 *       timer; routes complete packets to their namespace.</li>
 *   <li>{@code PollingEndpoint}, {@code WebSocketEndpoint} — the HTTP side: check a request and
 *       hand it to a session or open one ({@code Cors}, {@code EngineErrors} for the answers).</li>
 *   <li>{@code EngineSession} — one Engine.IO connection: state, Engine.IO packets, the upgrade,
 *       the heartbeat, the close.</li>
 *   <li>{@code PollingTransport}, {@code WebSocketTransport} — a session's two transports: the
 *       bounded queue and held GET; the WebSocket binding, writes and blocking-listener hand-off.</li>
 *   <li>{@code PacketDecoder} — Socket.IO packets out of Engine.IO messages, binary attachments
 *       reassembled within their limits; {@code PacketCodec} — the Socket.IO text form;
 *       {@code Frame} — one encoded packet shared by every receiver.</li>
 *   <li>{@code Namespace}, {@code ClientSocket}, {@code BroadcastOperator} — rooms, one client's
 *       socket in a namespace, and sending one packet (encoded once) to many.</li>
 * </ul>
 *
 * <p><b>Cluster mode</b> ({@link webtalk.socketio.SocketIoOptions#withSessionRouting}): a sid is
 * {@code <node tag>.<random>}, so a node that gets a request for a sid it does not hold knows the
 * owner; {@code SessionForwarder} sends a polling request there (JDK HttpClient, bounded, a header
 * against loops) and relays the answer, {@code WebSocketRelay} carries an upgrade's frames both
 * ways. An owner that is gone gets the client the spec's "Session ID unknown" at once, and the client
 * starts over. Without routing (one node) none of this runs and sids are as engine.io's.
 *
 * <p>The WebSocket protocol itself (RFC 6455) is {@link webtalk.socketio.websocket}.
 */
package webtalk.socketio;
