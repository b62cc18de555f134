/**
 * A server-side WebSocket (RFC 6455) on Jetty 12's connection API, for the Engine.IO layer above.
 *
 * <p><b>Rule:</b> knows only RFC 6455 and Jetty — nothing of Engine.IO, Socket.IO or WebTalk. It
 * imports nothing from {@code webtalk.socketio} above it nor from the rest of {@code webtalk}; the
 * layer above talks to it through {@link webtalk.socketio.websocket.WebSocketHandshake},
 * {@link webtalk.socketio.websocket.WebSocketConnection}, {@link webtalk.socketio.websocket.WebSocketListener},
 * {@link webtalk.socketio.websocket.WebSocketFrames} and {@link webtalk.socketio.websocket.BatchedWrites}.
 *
 * <ul>
 *   <li>{@code WebSocketHandshake} — checks the upgrade request, answers 101, hands the TCP
 *       connection to a {@code WebSocketConnection}.</li>
 *   <li>{@code WebSocketConnection} — one connection: non-blocking writes of pre-encoded frames
 *       with a bounded queue, reads on Jetty's selector, {@code runBlocking} for a listener that
 *       must block; {@code WebSocketListener} is what it reports.</li>
 *   <li>{@code FrameParser} — client frames, checked (masking, opcodes, UTF-8, size) and joined;
 *       {@code ProtocolViolation} and {@code CloseCodes} for what is wrong.</li>
 *   <li>{@code WebSocketFrames} — encodes server frames once, to be shared by many receivers.</li>
 *   <li>{@code BatchedWrites} — the one seam for coalescing: frames sent inside
 *       {@code run}/{@code inBatch} go out with one write per connection when the batch ends.</li>
 * </ul>
 */
package webtalk.socketio.websocket;
