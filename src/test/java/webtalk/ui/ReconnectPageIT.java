package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Keys;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;

/**
 * The room page survives a server crash: it shows "Reconectando…", comes back by itself, catches
 * up on what was said meanwhile, and sends what was typed while it was down, once each.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ReconnectPageIT {

    @Test
    void pageReconnectsAfterACrashAndCatchesUpWithoutDuplicates() throws Exception {
        try (ServerProcess server = new ServerProcess(); Browser ana = Browser.desktop()) {
            server.start();
            String room = new Http(server.url()).createRoom("Resistente", null);
            ana.rememberNickname(server.url(), "ana");
            ana.get(server.url() + "/chat/" + room);
            ana.awaitText("#status", "Conectado");
            ana.type("#message-input", "antes da queda");
            ana.find("#message-input").sendKeys(Keys.ENTER);
            ana.awaitText("#messages", "antes da queda");

            server.kill();
            ana.awaitText("#status", "Reconectando");
            ana.type("#message-input", "escrita durante a queda");
            ana.find("#message-input").sendKeys(Keys.ENTER);
            ana.awaitText("#messages article.pending", "enviando");
            server.start();
            try (ChatClient bia = ChatClient.connect(server.url())) {
                bia.join(room, "bia");
                bia.say(room, "enquanto você voltava");
            }
            ana.awaitText("#status", "Conectado");
            ana.awaitText("#messages", "enquanto você voltava");
            ana.await(d -> ana.all("#messages article.pending").isEmpty());
            assertEquals(3, ana.all("#messages article").size(), "each message once");
            var stored = new Http(server.url()).get("/api/salas/" + room + "/mensagens?limite=100").json().get("mensagens");
            assertEquals(3, stored.size(), "the message typed offline was stored once");
            long offline = java.util.stream.StreamSupport.stream(stored.spliterator(), false)
                    .filter(m -> m.get("mensagem").asText().equals("escrita durante a queda")).count();
            assertEquals(1, offline);
        }
    }
}
