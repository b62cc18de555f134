package webtalk.hostile;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import webtalk.support.BoundSocketFactory;
import webtalk.support.Http;
import webtalk.support.TestServer;

/**
 * The one server the whole suite attacks, and what attacks share: the admin's HTTP client, a
 * public and a protected room made before the suite, and the loopback addresses (127.0.0.10 and
 * up) handed out one per attack, so that no per-address limit one attack trips is met by the next.
 */
final class Target implements AutoCloseable {

    static final String ALLOWED_ORIGIN = "https://amigo.example";
    static final String ROOM_PASSWORD = "senha-da-sala-1";
    /** The only proxy the server believes X-Forwarded-For from; attackers come from other addresses. */
    static final String TRUSTED_PROXY = "127.0.0.1";

    final TestServer server;
    final Http admin;
    final String publicRoom;
    final String protectedRoom;
    private final AtomicInteger nextAddress = new AtomicInteger(10);
    private final Map<String, OkHttpClient> clients = new ConcurrentHashMap<>();

    Target() {
        server = TestServer.start(s -> s.withAllowedOrigins(List.of(ALLOWED_ORIGIN)).withTrustedProxies(List.of(TRUSTED_PROXY)));
        admin = new Http(server.url());
        admin.configure(Map.of("limite_mensagens_por_minuto", 6000, "maximo_salas", 1000));
        publicRoom = admin.createRoom("Arena", null);
        protectedRoom = admin.createRoom("Cofre", ROOM_PASSWORD);
    }

    private String[] panel;

    /**
     * Deletes a room as the admin's panel does (cookie and CSRF token): Bearer would hash the admin
     * password on every call. Logs in again when an attack ended the session (a password change does).
     */
    synchronized void deleteRoom(String id) {
        if (panel == null || admin.delete("/api/admin/salas/" + id, panel).status() == 401) {
            Http.Answer login = admin.post("/api/admin/login", Map.of("senha", TestServer.ADMIN_PASSWORD));
            String cookie = login.header("Set-Cookie");
            panel = new String[]{"Cookie", cookie.substring(0, cookie.indexOf(';')), "X-CSRF-Token", login.json().get("csrf").asText()};
            admin.delete("/api/admin/salas/" + id, panel);
        }
    }

    String url() {
        return server.url();
    }

    int port() {
        return server.port();
    }

    /** A loopback address no attack has used yet (Linux routes all of 127/8 to lo). */
    String freshAddress() {
        int n = nextAddress.getAndIncrement();
        return "127.0." + (n / 250) + "." + (n % 250 + 2);
    }

    /** An HTTP client for the Socket.IO client whose sockets come from {@code address}; one per address. */
    OkHttpClient okHttpFrom(String address) {
        return clients.computeIfAbsent(address, a -> new OkHttpClient.Builder()
                .socketFactory(new BoundSocketFactory(a)).readTimeout(1, TimeUnit.MINUTES).build());
    }

    @Override
    public void close() {
        for (OkHttpClient client : clients.values()) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
        server.close();
    }
}
