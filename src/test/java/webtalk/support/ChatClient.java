package webtalk.support;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.json.JSONObject;

/**
 * The real Java Socket.IO client ({@code io.socket:socket.io-client}) with what tests need: every
 * event received is queued by name, so a test waits for what it expects (with a timeout, never a
 * sleep) and can check that nothing unexpected arrived.
 */
public final class ChatClient implements AutoCloseable {

    public static final long TIMEOUT_SECONDS = 10;
    private static final String[] EVENTS = {"usuario_entrou", "usuario_saiu", "mensagem_chat", "erro", "sala_excluida", "digitando",
        "mensagem_excluida", "expulso", "enquete", "enquete_atualizada", "sala_atualizada", "mensagem_fixada",
        "modo_lento_alterado", "enquetes_configuradas", "mensagem_editada", "reacao_atualizada"};

    private final Socket socket;
    private final Map<String, BlockingQueue<JSONObject>> received = new ConcurrentHashMap<>();

    private ChatClient(Socket socket) {
        this.socket = socket;
        for (String event : EVENTS) {
            received.put(event, new LinkedBlockingQueue<>());
            socket.on(event, args -> received.get(event).add(args.length > 0 && args[0] instanceof JSONObject o ? o : new JSONObject()));
        }
    }

    /** Connects with default options (polling, then upgrade to WebSocket) and waits for the connection. */
    public static ChatClient connect(String url) {
        return connect(url, null);
    }

    /** @param transports e.g. {"polling"} or {"websocket"}; null for the default */
    public static ChatClient connect(String url, String[] transports) {
        return connect(url, transports, null);
    }

    /**
     * @param http the HTTP client the Socket.IO client uses for polling and WebSocket (null for its
     *             default), e.g. one whose sockets are bound to another loopback address
     */
    public static ChatClient connect(String url, String[] transports, okhttp3.OkHttpClient http) {
        IO.Options options = new IO.Options();
        if (http != null) {
            options.callFactory = http;
            options.webSocketFactory = http;
        }
        options.forceNew = true;
        options.reconnection = false;
        if (transports != null) {
            options.transports = transports;
        }
        Socket socket = IO.socket(URI.create(url), options);
        ChatClient client = new ChatClient(socket);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new AssertionError("connect_error: " + (args.length > 0 ? args[0] : ""))));
        socket.connect();
        try {
            connected.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.close();
            throw new AssertionError("could not connect to " + url + ": " + e, e);
        }
        return client;
    }

    public Socket socket() {
        return socket;
    }

    /** Emits and waits for the acknowledgement's first argument. */
    public JSONObject request(String event, JSONObject payload) {
        CompletableFuture<JSONObject> answer = new CompletableFuture<>();
        socket.emit(event, new Object[]{payload}, (Ack) args -> answer.complete((JSONObject) args[0]));
        try {
            return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no ack for " + event + " " + payload + ": " + e, e);
        }
    }

    /** Emits without asking for an acknowledgement, as the original's clients do. */
    public void send(String event, Object payload) {
        socket.emit(event, payload);
    }

    public JSONObject join(String roomId, String nickname) {
        return request("entrar", new JSONObject().put("id_sala", roomId).put("nome_usuario", nickname));
    }

    public JSONObject say(String roomId, String text) {
        return request("mensagem_chat", new JSONObject().put("id_sala", roomId).put("mensagem", text));
    }

    /** The next event of this name, waiting up to the timeout. */
    public JSONObject next(String event) {
        return next(event, e -> true);
    }

    /** The next event of this name that matches, skipping the others. */
    public JSONObject next(String event, Predicate<JSONObject> matching) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JSONObject value = left > 0 ? received.get(event).poll(left, TimeUnit.NANOSECONDS) : null;
                if (value == null) {
                    throw new AssertionError("no '" + event + "' event within " + TIMEOUT_SECONDS + "s");
                }
                if (matching.test(value)) {
                    return value;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Takes the next {@code count} events of this name. */
    public List<JSONObject> next(String event, int count) {
        List<JSONObject> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(next(event));
        }
        return events;
    }

    /** What has arrived and not been taken yet. */
    public List<JSONObject> pending(String event) {
        List<JSONObject> events = new ArrayList<>();
        received.get(event).drainTo(events);
        return events;
    }

    public boolean connected() {
        return socket.connected();
    }

    @Override
    public void close() {
        socket.close();
    }
}
