package webtalk.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.TestServer;

/** After an attack: an ordinary pair of users still create a room and get each other's fresh message. */
final class Bystander {

    private Bystander() {
    }

    static void assertStillChats(TestServer server) {
        String room = new Http(server.url()).createRoom("Vizinhos " + System.nanoTime(), null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            String text = "ainda funciona " + System.nanoTime();
            assertTrue(bia.say(room, text).getBoolean("ok"));
            assertEquals(text, ana.next("mensagem_chat", m -> !m.optBoolean("historico")).getString("mensagem"));
        }
    }
}
