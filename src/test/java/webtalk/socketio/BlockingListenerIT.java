package webtalk.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import io.socket.client.IO;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WebSocket frames are read on Jetty's selector thread; a listener registered with
 * {@code onBlocking} runs on a worker while only its own client's reading waits. Proved with the
 * real Java client on WebSocket: another client is served while one blocks, and the blocked
 * client's next event still comes after the blocking one.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlockingListenerIT {

    @Test
    void aBlockingListenerHoldsUpOnlyItsOwnClientWhichStaysInOrder() throws Exception {
        SocketIoServer sockets = new SocketIoServer(SocketIoOptions.defaults());
        CompletableFuture<Void> release = new CompletableFuture<>();
        sockets.namespace("/").onConnect(socket -> {
            socket.onBlocking("slow", (s, args, ack) -> {
                release.orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
                s.emit("done", "slow");
            });
            socket.on("next", (s, args, ack) -> s.emit("done", "next"));
            socket.on("echo", (s, args, ack) -> s.emit("echo", args.get(0)));
        });
        Javalin http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            sockets.mount(config);
        }).start(0);
        IO.Options webSocketOnly = IO.Options.builder().setTransports(new String[] {"websocket"}).setForceNew(true).build();
        String base = "http://127.0.0.1:" + http.port();
        io.socket.client.Socket slow = IO.socket(URI.create(base), webSocketOnly);
        io.socket.client.Socket other = IO.socket(URI.create(base), webSocketOnly);
        try {
            BlockingQueue<Object> slowSide = new LinkedBlockingQueue<>();
            BlockingQueue<Object> otherSide = new LinkedBlockingQueue<>();
            slow.on("done", a -> slowSide.add(a[0]));
            other.on("echo", a -> otherSide.add(a[0]));
            CompletableFuture<Void> bothUp = CompletableFuture.allOf(connected(slow), connected(other));
            slow.connect();
            other.connect();
            bothUp.get(10, TimeUnit.SECONDS);

            slow.emit("slow");
            slow.emit("next");
            other.emit("echo", "still served");
            assertEquals("still served", otherSide.poll(5, TimeUnit.SECONDS), "the other client is not held up");
            assertEquals(null, slowSide.poll(300, TimeUnit.MILLISECONDS), "the slow client's next event waits");
            release.complete(null);
            assertEquals("slow", slowSide.poll(5, TimeUnit.SECONDS));
            assertEquals("next", slowSide.poll(5, TimeUnit.SECONDS), "and then comes, in order");
        } finally {
            release.complete(null);
            slow.close();
            other.close();
            sockets.close();
            http.stop();
        }
    }

    private static CompletableFuture<Void> connected(io.socket.client.Socket socket) {
        CompletableFuture<Void> up = new CompletableFuture<>();
        socket.once(io.socket.client.Socket.EVENT_CONNECT, a -> up.complete(null));
        return up;
    }
}
