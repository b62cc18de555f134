package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;

/** Issue #14 on the room page in a real headless Chromium: edit and delete, reply and jump, mentions, reactions. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MessagesPageIT extends ServerTest {

    private void enterRoom(Browser browser, String nickname, String room) {
        browser.rememberNickname(server.url(), nickname);
        browser.get(server.url() + "/chat/" + room);
        browser.awaitText("#status", "Conectado");
    }

    private void say(Browser browser, String text) {
        browser.type("#message-input", text);
        browser.find("#message-input").sendKeys(Keys.ENTER);
        browser.await(d -> d.findElements(By.cssSelector("#messages article.pending")).isEmpty());
    }

    private static String article(long id) {
        return "#messages article.message[data-id='" + id + "']";
    }

    @Test
    void anAuthorEditsAndDeletesTheirMessageAndTheOtherPageShowsBoth() {
        String room = http.createRoom("Edição na página", null);
        try (Browser ana = Browser.desktop(); Browser bia = Browser.desktop()) {
            enterRoom(ana, "ana", room);
            enterRoom(bia, "bia", room);
            say(ana, "primeira versão");
            bia.awaitText(article(1), "primeira versão");
            assertTrue(bia.all(article(1) + " .msg-edit").isEmpty(), "no edit button on someone else's message");

            ana.click(article(1) + " .msg-edit");
            ana.type(article(1) + " .edit-input", "segunda versão");
            ana.click(article(1) + " .edit-save");
            bia.awaitText(article(1) + " .text", "segunda versão");
            bia.awaitText(article(1) + " header", "(editada)");
            ana.awaitText(article(1) + " header", "(editada)");

            ana.click(article(1) + " .msg-delete");
            ana.click(article(1) + " .msg-delete.confirming");
            bia.awaitText(article(1), "Mensagem excluída");
            assertTrue(bia.find(article(1)).getAttribute("class").contains("deleted"));
            assertFalse(bia.find(article(1)).getText().contains("segunda versão"), "its text is gone");
            ana.awaitText(article(1), "Mensagem excluída");
            bia.get(server.url() + "/chat/" + room);
            bia.awaitText(article(1), "Mensagem excluída");  // the history says so too
            assertTrue(ana.consoleErrors().isEmpty(), ana.consoleErrors().toString());
        }
    }

    @Test
    void aReplyQuotesTheOriginalAndAClickJumpsToItAndMentionsOfMeStandOut() {
        String room = http.createRoom("Respostas na página", null);
        http.configure(java.util.Map.of("limite_mensagens_por_minuto", 6000));
        try (Browser ana = Browser.desktop(); Browser bia = Browser.desktop(); ChatClient caio = ChatClient.connect(server.url())) {
            enterRoom(ana, "ana", room);
            say(ana, "quem traz o bolo?");
            caio.join(room, "caio");
            for (int i = 0; i < 40; i++) {
                caio.say(room, "conversa paralela " + i);
            }
            enterRoom(bia, "bia", room);
            bia.awaitText("#messages", "conversa paralela 39");
            bia.click(article(41) + " .msg-reply");
            bia.awaitText("#reply-bar", "Respondendo a caio");
            bia.click("#cancel-reply");
            bia.await(d -> !bia.find("#composer").getText().contains("Respondendo"));

            ana.click(article(1) + " .msg-reply");
            ana.awaitText("#reply-bar", "Respondendo a ana");
            say(ana, "eu trago, @BIA");
            bia.awaitText("#messages", "eu trago");
            long reply = 42;
            assertTrue(bia.find(article(reply) + " .quote").getText().contains("quem traz o bolo?"));
            assertTrue(bia.find(article(reply)).getAttribute("class").contains("mentions-me"), "a message that mentions me stands out");
            assertFalse(ana.find(article(reply)).getAttribute("class").contains("mentions-me"));
            assertFalse(bia.find(article(41)).getAttribute("class").contains("mentions-me"));
            bia.publishScreenshot("chat-reply-mention");

            ana.click(article(reply) + " .quote");
            ana.await(d -> ana.find(article(1)).getAttribute("class").contains("flash"));
            assertTrue((Boolean) ana.script("const r = arguments[0].getBoundingClientRect();"
                    + " const box = document.getElementById('messages').getBoundingClientRect();"
                    + " return r.top >= box.top && r.bottom <= box.bottom;", ana.find(article(1))), "the original is scrolled into view");
        }
    }

    @Test
    void reactionsAreShownUnderTheMessageAndAClickTogglesMine() {
        String room = http.createRoom("Reações na página", null);
        try (Browser ana = Browser.desktop(); Browser bia = Browser.desktop()) {
            enterRoom(ana, "ana", room);
            enterRoom(bia, "bia", room);
            say(ana, "passei na prova!");
            bia.awaitText(article(1), "passei na prova!");
            bia.click(article(1) + " .msg-react");
            bia.click(article(1) + " .pick[data-emoji='🎉']");
            ana.awaitText(article(1) + " .reaction[data-emoji='🎉']", "🎉 1");
            ana.click(article(1) + " .reaction[data-emoji='🎉']");
            bia.awaitText(article(1) + " .reaction[data-emoji='🎉']", "🎉 2");
            ana.click(article(1) + " .reaction[data-emoji='🎉']");
            bia.awaitText(article(1) + " .reaction[data-emoji='🎉']", "🎉 1");
            ana.get(server.url() + "/chat/" + room);
            ana.awaitText(article(1) + " .reaction[data-emoji='🎉']", "🎉 1");  // history carries the counts
            ana.publishScreenshot("chat-reactions");
            assertTrue(bia.consoleErrors().isEmpty(), bia.consoleErrors().toString());
        }
    }
}
