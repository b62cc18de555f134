package webtalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.RunsAlone;
import webtalk.support.TestServer;

/** Transport-level defences: origins, floods, connections per address, oversize payloads. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RunsAlone
class DefencesIT {

    @Test
    void crossSiteHandshakeIsRefusedUnlessTheOriginIsAllowed() {
        try (TestServer server = TestServer.start(s -> s.withAllowedOrigins(List.of("https://amigo.example")))) {
            Http http = new Http(server.url());
            String polling = "/socket.io/?EIO=4&transport=polling";
            assertEquals(403, http.get(polling, "Origin", "https://evil.example").status());
            assertEquals(200, http.get(polling, "Origin", server.url()).status(), "same origin");
            assertEquals(200, http.get(polling, "Origin", "https://amigo.example").status(), "allowed origin");
            assertEquals(200, http.get(polling).status(), "no Origin: not a browser page");
            assertEquals(403, webSocketStatus(server, "https://evil.example"), "cross-site WebSocket hijacking refused before the upgrade");
            assertEquals(101, webSocketStatus(server, server.url()));
        }
    }

    @Test
    void floodIsRefusedThenDisconnectedWhileOthersKeepChatting() {
        try (TestServer server = TestServer.start();
             ChatClient flooder = ChatClient.connect(server.url());
             ChatClient ana = ChatClient.connect(server.url())) {
            String room = new Http(server.url()).createRoom("Inundada", null);
            flooder.join(room, "flood");
            ana.join(room, "ana");
            for (int i = 0; i < 60 && flooder.connected(); i++) {
                flooder.send("mensagem_chat", new JSONObject().put("id_sala", room).put("mensagem", "spam " + i));
            }
            assertEquals("limite_mensagens", flooder.next("erro", e -> e.getString("codigo").equals("limite_mensagens")).getString("codigo"));
            assertEquals("flood", ana.next("usuario_saiu").getString("nome_usuario"), "the flooder was disconnected");
            assertTrue(ana.say(room, "ainda posso falar").getBoolean("ok"));
        }
    }

    @Test
    void connectionsPerAddressAreLimited() {
        try (TestServer server = TestServer.start(s -> s.withMaxConnectionsPerAddress(3))) {
            ChatClient a = ChatClient.connect(server.url());
            ChatClient b = ChatClient.connect(server.url());
            ChatClient c = ChatClient.connect(server.url(), new String[]{"websocket"});
            assertThrows(AssertionError.class, () -> ChatClient.connect(server.url()));
            assertThrows(AssertionError.class, () -> ChatClient.connect(server.url(), new String[]{"websocket"}));
            assertEquals(429, new Http(server.url()).get("/socket.io/?EIO=4&transport=polling").status());
            a.close();
            waitUntil(() -> new Http(server.url()).get("/socket.io/?EIO=4&transport=polling").status() == 200);
            b.close();
            c.close();
        }
    }

    @Test
    void oversizePayloadClosesOnlyThatConnection() throws Exception {
        try (TestServer server = TestServer.start(); ChatClient ana = ChatClient.connect(server.url())) {
            String room = new Http(server.url()).createRoom("Pesada", null);
            ana.join(room, "ana");
            Http http = new Http(server.url());
            String open = http.get("/socket.io/?EIO=4&transport=polling").body();
            String sid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(open.substring(1)).get("sid").asText();
            http.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "40");
            String huge = "42[\"mensagem_chat\",{\"id_sala\":\"" + room + "\",\"mensagem\":\"" + "x".repeat(100_000) + "\"}]";
            assertEquals(413, http.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, huge).status());
            assertEquals(400, http.get("/socket.io/?EIO=4&transport=polling&sid=" + sid).status(), "that session is closed");
            ChatClient big = ChatClient.connect(server.url(), new String[]{"websocket"});
            big.join(room, "big");
            big.send("mensagem_chat", new JSONObject().put("id_sala", room).put("mensagem", "y".repeat(100_000)));
            assertEquals("big", ana.next("usuario_saiu").getString("nome_usuario"), "the server closed that WebSocket");
            assertTrue(ana.say(room, "sigo aqui").getBoolean("ok"));
        }
    }

    /** The HTTP status of a WebSocket upgrade from a page of this origin: 101 when accepted. */
    private static int webSocketStatus(TestServer server, String origin) {
        try {
            java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                    .buildAsync(java.net.URI.create(server.url().replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"),
                            new java.net.http.WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
        }
    }
}
