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
 * The room page survives a server crash: it shows "Reconectando…", comes back by itself, and
 * catches up on what was said meanwhile, once each.
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
            server.start();
            try (ChatClient bia = ChatClient.connect(server.url())) {
                bia.join(room, "bia");
                bia.say(room, "enquanto você voltava");
            }
            ana.awaitText("#status", "Conectado");
            ana.awaitText("#messages", "enquanto você voltava");
            assertEquals(2, ana.all("#messages article").size(), "each message once");
        }
    }
}
