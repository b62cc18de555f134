package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.WebElement;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;

/** Polls in the room page, in a real headless Chromium against a real server, with a Java client voting too. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PollPageIT extends ServerTest {

    @Test
    void aPollIsCreatedFromTheComposerVotedWithLiveBarsAndClosedByItsAuthor() {
        String room = http.createRoom("Aula de Física", null);
        try (Browser ana = Browser.desktop(); ChatClient bia = ChatClient.connect(server.url())) {
            bia.join(room, "bia");
            ana.rememberNickname(server.url(), "ana");
            ana.get(server.url() + "/chat/" + room);
            ana.awaitText("#status", "Conectado");

            ana.click("#poll-new");
            ana.type("#poll-question", "Entenderam a segunda lei?");
            ana.type("#poll-options .input-group:nth-child(1) input", "Sim");
            ana.type("#poll-options .input-group:nth-child(2) input", "Não");
            ana.click("#poll-add-option");
            ana.type("#poll-options .input-group:nth-child(3) input", "Mais ou menos");
            assertEquals(List.of(), ana.script(PageQualityIT.UNNAMED), "every control of the dialog is named");
            ana.click("#poll-submit");
            // Closed: all() looks without waiting; find() waits for the dialog to be visible, and
            // when the dialog closed before this line ran it waited out its timeout and failed.
            ana.await(d -> ana.all("#poll-modal.show").isEmpty() || ana.all("#poll-modal").stream().noneMatch(WebElement::isDisplayed));

            ana.awaitText("#messages article.poll .question", "Entenderam a segunda lei?");
            assertTrue(ana.find("#messages article.poll header").getText().contains("Enquete de ana"));
            JSONObject opened = bia.next("enquete");
            assertEquals(List.of("Sim", "Não", "Mais ou menos"), List.of(opened.getJSONArray("opcoes").getJSONObject(0).getString("texto"),
                    opened.getJSONArray("opcoes").getJSONObject(1).getString("texto"),
                    opened.getJSONArray("opcoes").getJSONObject(2).getString("texto")));

            // Someone else votes: the page's counts move live.
            long id = opened.getLong("id_enquete");
            assertTrue(bia.request("votar", new JSONObject().put("id_sala", room).put("id_enquete", id).put("opcao", 2)).getBoolean("ok"));
            ana.awaitText("#messages article.poll .poll-option[data-option='2'] .count", "1 · 100%");
            ana.awaitText("#messages article.poll .total", "1 voto(s)");

            // My vote: marked, and the buttons are done.
            ana.click("#messages article.poll .poll-option[data-option='0']");
            ana.awaitText("#messages article.poll .total", "2 voto(s)");
            ana.await(d -> ana.all("#messages article.poll .poll-option.mine[data-option='0']").size() == 1);
            assertEquals("true", ana.find("#messages article.poll .poll-option[data-option='0']").getAttribute("aria-pressed"));
            assertTrue(ana.all("#messages article.poll .poll-option").stream().noneMatch(b -> b.isEnabled()), "one vote each");
            assertEquals("1 · 50%", ana.find("#messages article.poll .poll-option[data-option='0'] .count").getText());
            assertEquals(List.of(), ana.script(PageQualityIT.UNNAMED), "every control of the card is named");
            ana.publishScreenshot("chat-poll");

            ana.click("#messages article.poll .poll-close");
            ana.awaitText("#messages article.poll .state", "Encerrada");
            JSONObject closed = bia.next("enquete_atualizada", e -> !e.getBoolean("aberta"));
            assertEquals(2, closed.getInt("total_votos"));
            assertTrue(ana.all("#messages article.poll .poll-close").isEmpty());
            assertTrue(ana.consoleErrors().isEmpty(), ana.consoleErrors().toString());
        }
    }

    @Test
    void aJoinerSeesTheRoomsPollWithItsOwnVoteMarkedAndVotesFromThePage() {
        String room = http.createRoom("Clube", null);
        try (ChatClient ana = ChatClient.connect(server.url()); Browser bia = Browser.desktop()) {
            ana.join(room, "ana");
            JSONObject opened = ana.request("criar_enquete", new JSONObject().put("id_sala", room).put("pergunta", "Pizza ou sushi?")
                    .put("opcoes", new JSONArray(List.of("Pizza", "Sushi"))));
            long id = opened.getJSONObject("enquete").getLong("id_enquete");
            ana.say(room, "votem!");

            bia.rememberNickname(server.url(), "bia");
            bia.get(server.url() + "/chat/" + room);
            bia.awaitText("#status", "Conectado");
            bia.awaitText("#messages article.poll .question", "Pizza ou sushi?");
            assertTrue(bia.all("#messages article.poll .poll-close").isEmpty(), "only the author closes");
            bia.click("#messages article.poll .poll-option[data-option='1']");
            bia.await(d -> bia.all("#messages article.poll .poll-option.mine[data-option='1']").size() == 1);
            JSONObject counted = ana.next("enquete_atualizada");
            assertEquals(id, counted.getLong("id_enquete"));
            assertEquals(1, counted.getJSONArray("opcoes").getJSONObject(1).getInt("votos"));

            // Back later: my vote is still marked (from the entrar ack), in English too.
            bia.script("localStorage.setItem('webtalk.lang', 'en')");
            bia.get(server.url() + "/chat/" + room);
            bia.awaitText("#status", "Connected");
            bia.await(d -> bia.all("#messages article.poll .poll-option.mine[data-option='1']").size() == 1);
            assertTrue(bia.find("#messages article.poll header").getText().contains("Poll by ana"));
            bia.awaitText("#messages article.poll .total", "1 vote(s)");
            assertTrue(bia.consoleErrors().isEmpty(), bia.consoleErrors().toString());
        }
    }

    @Test
    void onAPhoneThePollCardAndDialogFitWithoutSidewaysScrolling() {
        String room = http.createRoom("Celular", null);
        try (ChatClient ana = ChatClient.connect(server.url()); Browser bia = Browser.phone()) {
            ana.join(room, "ana");
            ana.request("criar_enquete", new JSONObject().put("id_sala", room)
                    .put("pergunta", "Uma pergunta bem comprida para ver se a linha quebra direito no celular, sem rolar de lado?")
                    .put("opcoes", new JSONArray(List.of("Sim, " + "muito ".repeat(12), "Não", "Talvez"))));
            bia.rememberNickname(server.url(), "bia");
            bia.get(server.url() + "/chat/" + room);
            bia.awaitText("#status", "Conectado");
            bia.awaitText("#messages article.poll .question", "Uma pergunta bem comprida");
            assertTrue(!bia.horizontallyScrollable(), "the card fits 375 px");
            bia.click("#poll-new");
            bia.find("#poll-question");
            assertTrue(!bia.horizontallyScrollable(), "the dialog fits 375 px");
            bia.publishScreenshot("chat-poll-375");
            assertTrue(bia.consoleErrors().isEmpty(), bia.consoleErrors().toString());
        }
    }
}
