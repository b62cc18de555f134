package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;

/** Search in a room in a real headless Chromium: the panel, the marked words, the jump to an old message. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SearchPageIT extends ServerTest {

    @Test
    void aSearchFindsAnOldMessageAndJumpsToItInContext() {
        http.configure(Map.of("limite_mensagens_por_minuto", 6000, "tamanho_historico", 20));
        String room = http.createRoom("Clube de Leitura", null);
        long target;
        try (ChatClient bia = ChatClient.connect(server.url())) {
            bia.join(room, "bia");
            bia.say(room, "bom dia");
            target = bia.say(room, "A REUNIÃO do clube será na quinta").getLong("id");
            for (int i = 0; i < 120; i++) {
                bia.say(room, "conversa " + i);
            }
            bia.say(room, "alguém viu a reuniao de ontem?");
        }
        try (Browser ana = Browser.desktop()) {
            ana.rememberNickname(server.url(), "ana");
            ana.get(server.url() + "/chat/" + room);
            ana.awaitText("#status", "Conectado");
            assertTrue(ana.all("#messages article[data-id='" + target + "']").isEmpty(), "the old message is not on screen yet");

            ana.click("#search-open");
            ana.type("#search-input", "reuniao");
            ana.click("#search-form button[type=submit]");
            ana.awaitText("#search-status", "Resultados: 2");
            List<WebElement> results = ana.all("#search-results button.result");
            assertEquals(2, results.size());
            assertEquals(List.of("reuniao", "REUNIÃO"), ana.all("#search-results mark").stream().map(WebElement::getText).toList(),
                    "the newest first, the matched words marked");
            ana.publishScreenshot("chat-search");

            ana.click("#search-results button.result[data-id='" + target + "']");
            WebElement found = ana.await(d -> {
                List<WebElement> nodes = d.findElements(By.cssSelector("#messages article.found[data-id='" + target + "']"));
                return nodes.isEmpty() || !nodes.get(0).isDisplayed() ? null : nodes.get(0);
            });
            assertTrue(found.getText().contains("A REUNIÃO do clube será na quinta"));
            assertTrue((Boolean) ana.script("const box = document.getElementById('messages').getBoundingClientRect();"
                    + " const m = arguments[0].getBoundingClientRect(); return m.top >= box.top && m.bottom <= box.bottom;", found),
                    "scrolled into view");
            assertTrue(ana.all("#messages article[data-id='" + (target + 1) + "']").size() == 1, "shown in context, with what followed it");
            assertEquals(List.of(), ana.consoleErrors());
        }
    }
}
