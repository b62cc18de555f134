package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.OutputType;
import webtalk.support.ChatClient;
import webtalk.support.QrCodes;
import webtalk.support.ServerTest;

/**
 * The projector screen (/sala/{id}/projetar) in a real Chromium, at 1280 and 375 px: its QR code,
 * read back from a screenshot by ZXing, is the room's link; the head-count follows people joining
 * and leaving while the screen itself never joins; messages from a Socket.IO client appear in large
 * type; a protected room's screen shows nothing of its conversation before the password.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProjectorPageIT extends ServerTest {

    private static Supplier<Browser> opening(String size) {
        return size.equals("phone") ? Browser::phone : Browser::desktop;
    }

    private void openProjector(Browser browser, String room) {
        browser.get(server.url() + "/sala/" + room + "/projetar");
        browser.await(d -> (Boolean) browser.script(
                "const qr = document.getElementById('pj-qr'); return qr.complete && qr.naturalWidth > 0"));
    }

    private static int count(Browser browser) {
        return Integer.parseInt(browser.find("#pj-count").getText());
    }

    private static double fontPixels(Browser browser, String css) {
        return ((Number) browser.script("return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize)", css))
                .doubleValue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"desktop", "phone"})
    void showsAReadableQrCodeTheCodeTheHeadCountAndMessagesLive(String size) {
        String room = http.createRoom("Matemática 7ºB", null);
        try (Browser wall = opening(size).get(); ChatClient ana = ChatClient.connect(server.url());
             ChatClient bia = ChatClient.connect(server.url())) {
            openProjector(wall, room);
            wall.awaitText("#room-name", "Matemática 7ºB");
            String link = server.url() + "/chat/" + room;
            assertEquals(link, QrCodes.decodePng(wall.find("#pj-qr").getScreenshotAs(OutputType.BYTES)),
                    "the QR code on the screen is the room's link");
            assertEquals(room, wall.find("#pj-code").getText(), "the code the lobby's 'Acessar por Código' takes");
            assertEquals(0, count(wall));
            assertFalse(wall.horizontallyScrollable(), "no sideways scrolling");
            double qrSide = wall.find("#pj-qr").getRect().getWidth();
            assertTrue(qrSide >= (size.equals("phone") ? 300 : 400), "a big QR code: " + qrSide + " px");

            ana.join(room, "ana");
            wall.awaitText("#pj-count", "1");
            bia.join(room, "bia");
            wall.awaitText("#pj-count", "2");
            assertEquals(2, bia.next("usuario_entrou", e -> e.getString("nome_usuario").equals("bia")).getInt("usuarios_online"),
                    "the screen is not a member: only ana and bia are online");

            ana.say(room, "Bom dia, turma! Abram o livro na **página 42**.");
            wall.awaitText("#pj-messages", "Bom dia, turma!");
            assertEquals("ana", wall.find("#pj-messages .pj-author").getText());
            assertEquals("página 42", wall.find("#pj-messages .pj-text strong").getText(), "formatted as in the room");
            double pixels = fontPixels(wall, "#pj-messages .pj-text");
            assertTrue(pixels >= (size.equals("phone") ? 20 : 32), "large type: " + pixels + " px");

            bia.close();
            wall.awaitText("#pj-count", "1");
            wall.publishScreenshot(size.equals("phone") ? "projector-375" : "projector-desktop");
            assertEquals(List.of(), wall.consoleErrors());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"desktop", "phone"})
    void aProtectedRoomsScreenShowsNoMessageBeforeThePassword(String size) {
        String room = http.createRoom("Prova de Física", "segredo-da-turma");
        try (Browser wall = opening(size).get(); ChatClient ana = ChatClient.connect(server.url())) {
            JSONObject joined = ana.request("entrar", new JSONObject().put("id_sala", room).put("nome_usuario", "ana")
                    .put("token", http.token(room, "segredo-da-turma")));
            assertTrue(joined.optBoolean("ok"), joined.toString());
            ana.say(room, "gabarito: letra C");

            openProjector(wall, room);
            wall.find("#pj-password-input");
            wall.awaitText("#pj-count", "1");
            assertEquals(server.url() + "/chat/" + room, QrCodes.decodePng(wall.find("#pj-qr").getScreenshotAs(OutputType.BYTES)),
                    "the way in is shown; the conversation is not");
            assertTrue(wall.all("#pj-messages article").isEmpty());
            assertFalse(wall.driver().getPageSource().contains("gabarito"), "the message is nowhere in the page");

            wall.type("#pj-password-input", "errada");
            wall.click("#pj-password button[type=submit]");
            wall.awaitText("#pj-password-alert", "Senha incorreta");
            assertFalse(wall.driver().getPageSource().contains("gabarito"));
            List<String> refused = wall.consoleErrors();
            assertEquals(1, refused.size(), refused.toString());
            assertTrue(refused.get(0).contains("/entrar") && refused.get(0).contains("401"), "only the refused password: " + refused);

            wall.type("#pj-password-input", "segredo-da-turma");
            wall.click("#pj-password button[type=submit]");
            wall.awaitText("#pj-messages", "gabarito: letra C");
            assertFalse(wall.find("#pj-messages").getText().isEmpty());
            ana.say(room, "agora ao vivo");
            wall.awaitText("#pj-messages", "agora ao vivo");
            assertEquals(List.of(), wall.consoleErrors());
        }
    }

    @Test
    void theRoomPageLinksToItsProjectorAndTheScreenSpeaksEnglish() {
        String room = http.createRoom("Clube de Leitura", null);
        try (Browser teacher = Browser.desktop(); ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            teacher.rememberNickname(server.url(), "prof");
            teacher.get(server.url() + "/chat/" + room);
            teacher.awaitText("#status", "Conectado");
            assertEquals(server.url() + "/sala/" + room + "/projetar", teacher.find("#projector-link").getAttribute("href"));
            assertEquals("Projetar a sala (QR code e mensagens em tela cheia)", teacher.find("#projector-link").getAttribute("aria-label"));

            teacher.click("#leave");  // "sair": only ana stays in the room
            teacher.await(d -> !d.getCurrentUrl().contains("/chat/"));

            openProjector(teacher, room);
            teacher.await(d -> count(teacher) == 1);
            assertEquals("pessoa online", teacher.find("#pj-count-label").getText());
            teacher.click("[data-action=toggle-language]");
            teacher.awaitText("#pj-count-label", "person online");
            assertEquals("Join from your phone", teacher.find("#pj-join-title").getText());
            assertEquals("Full screen", teacher.find("#pj-fullscreen").getText());
            assertTrue(teacher.driver().getTitle().contains("Clube de Leitura"));
            teacher.click("#pj-fullscreen");
            teacher.awaitText("#pj-fullscreen", "Exit full screen");
            assertEquals("true", teacher.find("#pj-fullscreen").getAttribute("aria-pressed"));
        }
    }
}
