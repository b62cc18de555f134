package webtalk.soak;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONObject;

/**
 * One simulated user: joins its room on every (re)connection with the last id it saw, sends
 * numbered messages with a client id, retries unacknowledged ones with the same client id, and
 * records every message id it receives, in arrival order.
 */
final class SoakClient {

    private final String name;
    private final String roomId;
    private final Socket socket;
    private final List<Long> received = new ArrayList<>();
    private final List<Long> beforeFirstAck = new ArrayList<>();
    /** client id → text, for messages sent and not yet acknowledged. */
    private final Map<String, String> unacked = new LinkedHashMap<>();
    private final Map<String, Long> acked = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private long baseline = -1;
    private long lastSeen = -1;
    private String reclaimKey;
    private volatile boolean joined;
    private final List<String> errors = new ArrayList<>();

    /**
     * One HTTP client for all simulated users, with room for every held long-poll: OkHttp's
     * default allows 5 requests per host, which would queue most clients' polls behind others'.
     */
    private static final okhttp3.OkHttpClient HTTP = new okhttp3.OkHttpClient.Builder()
            .dispatcher(unlimitedDispatcher()).readTimeout(java.time.Duration.ofMinutes(1)).build();

    private static okhttp3.Dispatcher unlimitedDispatcher() {
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(10_000);
        dispatcher.setMaxRequestsPerHost(10_000);
        return dispatcher;
    }

    SoakClient(String url, String name, String roomId) {
        this.name = name;
        this.roomId = roomId;
        IO.Options options = new IO.Options();
        options.forceNew = true;
        options.reconnectionDelay = 200;
        options.reconnectionDelayMax = 1000;
        options.timeout = 5000;
        options.callFactory = HTTP;
        options.webSocketFactory = HTTP;
        socket = IO.socket(URI.create(url), options);
        socket.on(Socket.EVENT_CONNECT, args -> join());
        socket.on(Socket.EVENT_DISCONNECT, args -> joined = false);
        socket.on("mensagem_chat", args -> onMessage((JSONObject) args[0]));
    }

    String name() {
        return name;
    }

    String roomId() {
        return roomId;
    }

    void start() {
        socket.connect();
    }

    private void join() {
        JSONObject payload = new JSONObject().put("id_sala", roomId).put("nome_usuario", name);
        synchronized (this) {
            if (lastSeen >= 0) {
                payload.put("ultimo_id", lastSeen);
            }
            if (reclaimKey != null) {
                payload.put("chave_sessao", reclaimKey);
            }
        }
        socket.emit("entrar", new Object[]{payload}, args -> onJoined((JSONObject) args[0]));
    }

    private synchronized void onJoined(JSONObject answer) {
        if (!answer.optBoolean("ok")) {
            errors.add("entrar refused: " + answer);
            return;
        }
        reclaimKey = answer.optString("chave_sessao", null);
        if (baseline < 0) {
            baseline = answer.getLong("ultimo_id");
            lastSeen = Math.max(lastSeen, baseline);
            // Live messages can overtake the first ack; keep those newer than the baseline.
            for (long id : beforeFirstAck) {
                if (id > baseline) {
                    received.add(id);
                    lastSeen = Math.max(lastSeen, id);
                }
            }
            beforeFirstAck.clear();
        }
        if (answer.optBoolean("mais_historico")) {
            errors.add("catch-up longer than one replay; not expected at soak rates");
        }
        joined = true;
    }

    private synchronized void onMessage(JSONObject message) {
        if (!roomId.equals(message.optString("id_sala"))) {
            return;
        }
        long id = message.getLong("id");
        if (baseline < 0) {
            if (!message.optBoolean("historico")) {
                beforeFirstAck.add(id);
            }
            return;  // the first join's history is older than what this client is checked on
        }
        received.add(id);
        lastSeen = Math.max(lastSeen, id);
    }

    /** Sends the next message, or retries the oldest unacknowledged one first. */
    void sendNext() {
        send(true);
    }

    /** Only re-sends the oldest unacknowledged message, if any (same client id: stored once). */
    void retryUnacked() {
        send(false);
    }

    private void send(boolean allowNew) {
        if (!joined) {
            return;
        }
        String clientId;
        String text;
        synchronized (this) {
            if (!unacked.isEmpty()) {
                Map.Entry<String, String> oldest = unacked.entrySet().iterator().next();
                clientId = oldest.getKey();
                text = oldest.getValue();
            } else if (!allowNew) {
                return;
            } else {
                long n = sequence.incrementAndGet();
                clientId = name + "-" + n;
                text = name + " #" + n;
                unacked.put(clientId, text);
            }
        }
        JSONObject payload = new JSONObject().put("id_sala", roomId).put("mensagem", text).put("id_cliente", clientId);
        socket.emit("mensagem_chat", new Object[]{payload}, args -> onAck(clientId, (JSONObject) args[0]));
    }

    private synchronized void onAck(String clientId, JSONObject answer) {
        if (answer.optBoolean("ok")) {
            unacked.remove(clientId);
            acked.put(clientId, answer.getLong("id"));
        }
    }

    /** Leaves without a word and comes back later ({@link #reconnect}); meanwhile the room goes on. */
    void dropConnection() {
        joined = false;
        socket.disconnect();
    }

    void reconnect() {
        socket.connect();
    }

    void stop() {
        socket.close();
    }

    synchronized List<Long> received() {
        return new ArrayList<>(received);
    }

    synchronized long baseline() {
        return baseline;
    }

    synchronized Map<String, Long> acked() {
        return new LinkedHashMap<>(acked);
    }

    synchronized int unackedCount() {
        return unacked.size();
    }

    synchronized List<String> errors() {
        return new ArrayList<>(errors);
    }

    boolean joined() {
        return joined;
    }
}
