package webtalk.socketio;

import io.javalin.Javalin;
import java.time.Duration;

/**
 * The server the official Socket.IO v5 conformance suite (socketio/socket.io,
 * docs/socket.io-protocol/v5-test-suite) expects, on WebTalk's layer: port 3000 on loopback,
 * pingInterval 300, pingTimeout 200, connectTimeout 1000, "auth" echo, "message" → "message-back",
 * "message-with-ack" acked with its arguments. Run by hand; see docs/decisions/0001-own-socketio-layer.md.
 */
public final class ConformanceServer {

    private ConformanceServer() {
    }

    public static void main(String[] args) {
        SocketIoServer sockets = new SocketIoServer(SocketIoOptions.defaults()
                .withPingInterval(Duration.ofMillis(300)).withPingTimeout(Duration.ofMillis(200))
                .withConnectTimeout(Duration.ofMillis(1000)).withMaxPayload(1_000_000));
        ConnectListener handler = socket -> {
            socket.emit("auth", socket.auth());
            socket.on("message", (s, a, ack) -> s.emit("message-back", (Object[]) spread(a)));
            socket.on("message-with-ack", (s, a, ack) -> ack.send((Object[]) spread(a)));
        };
        sockets.namespace("/").onConnect(handler);
        sockets.namespace("/custom").onConnect(handler);
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            sockets.mount(config);
        }).start(args.length > 0 ? Integer.parseInt(args[0]) : 3000);
    }

    private static Object[] spread(com.fasterxml.jackson.databind.node.ArrayNode args) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = args.get(i);
        }
        return values;
    }
}
