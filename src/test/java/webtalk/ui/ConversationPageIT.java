package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/**
 * The room's conversation view (js/conversation.js, js/composer.js) in a real Chromium at 1280 and
 * 375 px: runs per author, day separators, bottom anchoring, the unread divider across visits,
 * per-person colours, the phone's Enter and send button, the emoji picker and the header.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConversationPageIT extends ServerTest {

    private static Supplier<Browser> opening(String size) {
        return size.equals("phone") ? Browser::phone : Browser::desktop;
    }

    /** Opens the room as a returning user with this nickname and waits until it is joined. */
    private static void enterRoom(Browser browser, String url, String nickname, String room) {
        browser.rememberNickname(url, nickname);
        browser.get(url + "/chat/" + room);
        browser.awaitText("#status", "Conectado");
    }

    private static List<WebElement> articles(Browser browser) {
        return browser.all("#messages article.message");
    }

    private static boolean continued(WebElement article) {
        return article.getAttribute("class").contains("continued");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"desktop", "phone"})
    void consecutiveMessagesOfOneAuthorFormARunThatAnotherAuthorBreaks(String size) {
        String room = http.createRoom("Runs", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url());
             Browser carla = opening(size).get()) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            ana.say(room, "um");
            ana.say(room, "dois");
            bia.say(room, "três");
            ana.say(room, "quatro");
            enterRoom(carla, server.url(), "carla", room);
            carla.awaitText("#messages", "quatro");
            List<WebElement> shown = articles(carla);
            assertEquals(4, shown.size());
            assertEquals(List.of(false, true, false, false), shown.stream().map(ConversationPageIT::continued).toList(),
                    "ana's second message continues her run; bia breaks it; ana's next starts a new one");
            assertEquals(3, carla.all("#messages article.message .avatar").stream().filter(WebElement::isDisplayed).count(),
                    "one avatar per run");
            assertEquals(3L, carla.script("return [...document.querySelectorAll('#messages article.message .author')]"
                    + ".filter(a => a.getBoundingClientRect().width > 1).length"), "one visible name per run");
            assertEquals("ana", shown.get(1).findElement(By.cssSelector(".author")).getAttribute("textContent"),
                    "a screen reader still hears who wrote a continued message");
            assertEquals("A", shown.get(0).findElement(By.cssSelector(".avatar")).getText());
            WebElement time = shown.get(1).findElement(By.cssSelector(".when"));
            assertEquals("0", time.getCssValue("opacity"), "a continued message's time waits for hover");
            new Actions(carla.driver()).moveToElement(shown.get(1)).perform();
            carla.await(d -> "1".equals(time.getCssValue("opacity")));
            assertTrue(time.getAttribute("textContent").matches("\\d{2}:\\d{2}"), "the time alone: " + time.getAttribute("textContent"));
            assertEquals(1, carla.all("#messages .day-separator").size());
            assertEquals("Hoje", carla.find("#messages .day-separator").getText());
            assertTrue((Boolean) carla.script("const s = document.querySelector('#messages .day-separator');"
                    + "return s.nextElementSibling === document.querySelector('#messages article.message')"), "the day's separator comes first");
            carla.publishScreenshot(size.equals("phone") ? "conversation-runs-375" : "conversation-runs");
        }
    }

    @Test
    void eachPersonHasAStableColourReadableInLightAndDarkThemes() {
        String room = http.createRoom("Cores", null);
        try (ChatClient ana = ChatClient.connect(server.url()); ChatClient bia = ChatClient.connect(server.url());
             Browser carla = Browser.desktop(); Browser dani = Browser.phone()) {
            ana.join(room, "ana");
            bia.join(room, "bia");
            ana.say(room, "olá");
            bia.say(room, "oi");
            enterRoom(carla, server.url(), "carla", room);
            carla.awaitText("#messages", "oi");
            String anaColour = avatarColour(carla, 0);
            String biaColour = avatarColour(carla, 1);
            assertNotEquals(anaColour, biaColour, "ana and bia get different colours");
            assertEquals(anaColour, carla.find("#messages article.message .author").getCssValue("color"), "name and avatar match");
            carla.driver().navigate().refresh();
            carla.awaitText("#messages", "oi");
            assertEquals(anaColour, avatarColour(carla, 0), "the same after a reload");
            enterRoom(dani, server.url(), "dani", room);
            dani.awaitText("#messages", "oi");
            assertEquals(anaColour, avatarColour(dani, 0), "the same in another browser");
            assertEquals(carla.script("return WebTalkConversation.colourIndex('ana')"),
                    carla.script("return WebTalkConversation.colourIndex('  ANA ')"), "the name's case does not matter");

            double light = (Double) carla.script(LOWEST_CONTRAST);
            carla.script("document.documentElement.setAttribute('data-bs-theme', 'dark')");
            double dark = (Double) carla.script(LOWEST_CONTRAST);
            assertTrue(light >= 4.5, "every name colour on every light message background: " + light);
            assertTrue(dark >= 4.5, "every name colour on every dark message background: " + dark);
            carla.publishScreenshot("conversation-dark");
        }
    }

    private static String avatarColour(Browser browser, int index) {
        return articles(browser).get(index).findElement(By.cssSelector(".avatar")).getCssValue("background-color");
    }

    /**
     * The lowest WCAG contrast of any of the 12 person colours against the backgrounds a message can
     * have in the page's current theme (body, hover, own message, a mention of me), and of an
     * avatar's letters against its colour.
     */
    private static final String LOWEST_CONTRAST = """
            const probe = document.createElement('div');
            document.getElementById('messages').parentElement.append(probe);
            const rgb = (css) => css.match(/[\\d.]+/g).slice(0, 3).map(Number);
            const lum = (c) => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            const css = getComputedStyle(document.documentElement);
            const colourOf = (value) => { probe.style.backgroundColor = value; return rgb(getComputedStyle(probe).backgroundColor); };
            const backgrounds = ['--bs-body-bg', '--bs-tertiary-bg', '--bs-primary-bg-subtle', '--bs-warning-bg-subtle']
              .map(v => colourOf(css.getPropertyValue(v).trim()));
            let lowest = 100;
            for (let i = 0; i < 12; i++) {
              probe.className = 'message person-' + i;
              probe.replaceChildren();
              const name = document.createElement('span'); name.className = 'author'; name.textContent = 'x';
              const avatar = document.createElement('span'); avatar.className = 'avatar'; avatar.textContent = 'X';
              probe.append(name, avatar);
              const colour = rgb(getComputedStyle(name).color);
              for (const bg of backgrounds) lowest = Math.min(lowest, ratio(colour, bg));
              lowest = Math.min(lowest, ratio(rgb(getComputedStyle(avatar).color), rgb(getComputedStyle(avatar).backgroundColor)));
            }
            probe.remove();
            return lowest;
            """;

    @Test
    void daySeparatorsSayTodayYesterdayAndTheWeekdayAndDateOfOlderDays() throws Exception {
        Path dir = Files.createTempDirectory("webtalk-days");
        try {
            String room;
            long[] ids = new long[5];
            try (TestServer first = TestServer.startIn(dir); ChatClient ana = ChatClient.connect(first.url())) {
                room = new webtalk.support.Http(first.url()).createRoom("Dias", null);
                ana.join(room, "ana");
                String[] texts = {"ano passado", "há três dias", "ontem de manhã", "ontem de novo", "hoje"};
                for (int i = 0; i < texts.length; i++) {
                    ids[i] = ana.say(room, texts[i]).getLong("id");
                }
            }
            // Stored before this server starts: the first four messages moved to other days, at noon local time.
            ZoneId zone = ZoneId.systemDefault();
            LocalDate today = LocalDate.now(zone);
            LocalDate lastYear = LocalDate.of(today.getYear() - 1, 1, 15);
            LocalDate threeDaysAgo = today.minusDays(3);
            LocalDate yesterday = today.minusDays(1);
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("webtalk.db"))) {
                moveTo(db, room, ids[0], lastYear.atTime(LocalTime.NOON).atZone(zone).toInstant().toEpochMilli());
                moveTo(db, room, ids[1], threeDaysAgo.atTime(LocalTime.NOON).atZone(zone).toInstant().toEpochMilli());
                moveTo(db, room, ids[2], yesterday.atTime(LocalTime.NOON).atZone(zone).toInstant().toEpochMilli());
                moveTo(db, room, ids[3], yesterday.atTime(LocalTime.NOON).plusMinutes(2).atZone(zone).toInstant().toEpochMilli());
            }
            try (TestServer second = TestServer.startIn(dir); Browser bia = Browser.desktop()) {
                enterRoom(bia, second.url(), "bia", room);
                bia.awaitText("#messages", "hoje");
                List<String> labels = bia.all("#messages .day-separator").stream().map(WebElement::getText).toList();
                assertEquals(4, labels.size(), "one separator per day: " + labels);
                assertTrue(labels.get(0).contains(String.valueOf(lastYear.getYear())), "last year's date says its year: " + labels.get(0));
                assertTrue(labels.get(0).toLowerCase(Locale.ROOT).contains(
                        lastYear.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.forLanguageTag("pt-BR")).toLowerCase(Locale.ROOT)),
                        "with its weekday in Portuguese: " + labels.get(0));
                String weekday = threeDaysAgo.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.forLanguageTag("pt-BR"));
                assertTrue(labels.get(1).toLowerCase(Locale.ROOT).contains(weekday.toLowerCase(Locale.ROOT)), labels.get(1) + " names " + weekday);
                assertTrue(labels.get(1).contains(String.valueOf(threeDaysAgo.getDayOfMonth())), labels.get(1));
                assertEquals(threeDaysAgo.getYear() != today.getYear(), labels.get(1).contains(String.valueOf(threeDaysAgo.getYear())),
                        "the year only when not this year: " + labels.get(1));
                assertEquals(List.of("Ontem", "Hoje"), labels.subList(2, 4));
                List<WebElement> shown = articles(bia);
                assertEquals(List.of(false, false, false, true, false), shown.stream().map(ConversationPageIT::continued).toList(),
                        "a new day starts a new run; two messages two minutes apart make one");
                assertTrue(shown.get(0).findElement(By.cssSelector(".when")).getText().matches("\\d{2}:\\d{2}"),
                        "the date is in the separator, the message shows its time");
                bia.publishScreenshot("conversation-days");

                bia.click("[data-action=toggle-language]");
                bia.await(d -> bia.all("#messages .day-separator").get(3).getText().equals("Today"));
                assertEquals("Yesterday", bia.all("#messages .day-separator").get(2).getText());
                String englishWeekday = threeDaysAgo.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                assertTrue(bia.all("#messages .day-separator").get(1).getText().contains(englishWeekday));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }

    private static void moveTo(Connection db, String room, long id, long epochMillis) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE messages SET created_at = ? WHERE room_id = ? AND id = ?")) {
            update.setLong(1, epochMillis);
            update.setString(2, room);
            update.setLong(3, id);
            assertEquals(1, update.executeUpdate());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"desktop", "phone"})
    void theUnreadDividerMarksWhatArrivedSinceMyLastVisitAndTheButtonJumpsToIt(String size) {
        http.configure(Map.of("limite_mensagens_por_minuto", 6000));
        String room = http.createRoom("Novidades", null);
        try (ChatClient bia = ChatClient.connect(server.url()); Browser ana = opening(size).get()) {
            bia.join(room, "bia");
            for (int i = 1; i <= 3; i++) {
                bia.say(room, "antiga " + i);
            }
            enterRoom(ana, server.url(), "ana", room);
            ana.awaitText("#messages", "antiga 3");
            assertTrue(ana.all("#unread-divider").isEmpty(), "a first visit has nothing marked new");

            ana.get(server.url() + "/"); // away
            for (int i = 1; i <= 30; i++) {
                bia.say(room, "nova " + i + "\nsegunda linha\nterceira linha");
            }
            enterRoom(ana, server.url(), "ana", room);
            ana.awaitText("#messages", "nova 30");
            WebElement jump = ana.find("#jump-unread");
            assertTrue(jump.getText().contains("30 novas mensagens"), jump.getText());
            assertTrue(jump.getAttribute("aria-label").startsWith("Ir para a primeira mensagem não lida"));
            ana.click("#jump-unread");
            ana.await(d -> ana.all("#unread-divider").size() == 1 && inView(ana, "#unread-divider"));
            assertEquals("Novas mensagens", ana.find("#unread-divider").getText());
            assertTrue(((String) ana.script("return document.getElementById('unread-divider').nextElementSibling.textContent"))
                    .contains("nova 1\n"), "the divider is just above the first new message");
            assertTrue(((String) ana.script("const d = document.getElementById('unread-divider');"
                    + "let p = d.previousElementSibling; while (p && !p.matches('article.message')) p = p.previousElementSibling;"
                    + "return p.textContent")).contains("antiga 3"), "and below the last one seen before");
            ana.await(d -> ana.all("#jump-unread.d-none").size() == 1);
            ana.publishScreenshot(size.equals("phone") ? "conversation-unread-375" : "conversation-unread");

            ana.script("const m = document.getElementById('messages'); m.scrollTop = m.scrollHeight");
            ana.driver().navigate().refresh();
            ana.awaitText("#status", "Conectado");
            ana.awaitText("#messages", "nova 30");
            assertTrue(ana.all("#unread-divider").isEmpty(), "everything was seen: no divider on the next visit");
            assertEquals(1, ana.all("#jump-unread.d-none").size());
        }
    }

    private static boolean inView(Browser browser, String css) {
        return (Boolean) browser.script("const e = document.querySelector(arguments[0]); if (!e) return false;"
                + "const r = e.getBoundingClientRect(), b = document.getElementById('messages').getBoundingClientRect();"
                + "return r.top >= b.top - 1 && r.bottom <= b.bottom + 1", css);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"desktop", "phone"})
    void aShortConversationSitsAtTheBottom(String size) {
        String room = http.createRoom("Curta", null);
        try (ChatClient bia = ChatClient.connect(server.url()); Browser ana = opening(size).get()) {
            bia.join(room, "bia");
            bia.say(room, "primeira");
            bia.say(room, "segunda");
            enterRoom(ana, server.url(), "ana", room);
            ana.awaitText("#messages", "segunda");
            @SuppressWarnings("unchecked")
            Map<String, Number> gaps = (Map<String, Number>) ana.script("""
                    const box = document.getElementById('messages').getBoundingClientRect();
                    const shown = document.querySelectorAll('#messages article.message');
                    return { above: shown[0].getBoundingClientRect().top - box.top,
                             below: box.bottom - shown[shown.length - 1].getBoundingClientRect().bottom };""");
            assertTrue(gaps.get("below").doubleValue() < 16, "no empty space below the newest message: " + gaps);
            assertTrue(gaps.get("above").doubleValue() > 100, "the free space is above: " + gaps);
        }
    }

    @Test
    void onATouchScreenEnterMakesANewLineAndTheSendButtonSends() {
        String room = http.createRoom("Telefone", null);
        try (Browser ana = Browser.phone()) {
            ((ChromeDriver) ana.driver()).executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
            enterRoom(ana, server.url(), "ana", room);
            assertTrue((Boolean) ana.script("return WebTalkComposer.touchScreen()"), "the emulated phone has a touch screen");
            ana.find("#message-input").sendKeys("linha 1", Keys.ENTER, "linha 2");
            assertEquals("linha 1\nlinha 2", ana.find("#message-input").getAttribute("value"), "Enter made a new line");
            assertTrue(articles(ana).isEmpty(), "and sent nothing");
            assertEquals("Enviar", ana.find("#send").getAttribute("aria-label"));
            ana.click("#send");
            ana.awaitText("#messages article.mine .text", "linha 2");
            assertTrue(articles(ana).get(0).findElement(By.cssSelector(".text")).getText().contains("linha 1\nlinha 2"));
            assertEquals("", ana.find("#message-input").getAttribute("value"));
            assertEquals(List.of(), ana.consoleErrors());
        }
    }

    @Test
    void theEmojiPickerInsertsAtTheCursorFromTheKeyboard() {
        String room = http.createRoom("Emoji", null);
        try (Browser ana = Browser.desktop()) {
            enterRoom(ana, server.url(), "ana", room);
            ana.type("#message-input", "bom dia");
            assertEquals("Inserir emoji", ana.find("#emoji-open").getAttribute("aria-label"));
            ana.script("document.getElementById('emoji-open').focus()");
            ana.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            ana.await(d -> "true".equals(ana.find("#emoji-open").getAttribute("aria-expanded")));
            assertEquals("😀", ana.script("return document.activeElement.dataset.emoji"), "focus moves into the grid");
            ana.publishScreenshot("conversation-emoji");
            ana.driver().switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
            assertEquals("😂", ana.script("return document.activeElement.dataset.emoji"));
            ana.driver().switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
            assertEquals("🤣", ana.script("return document.activeElement.dataset.emoji"), "down moves a row of eight");
            ana.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
            assertEquals("emoji-open", ana.script("return document.activeElement.id"), "Escape closes and gives focus back");
            assertFalse(ana.find("#composer").findElement(By.id("emoji-panel")).isDisplayed());
            ana.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            ana.await(d -> "🤣".equals(ana.script("return document.activeElement.dataset.emoji")));
            ana.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            ana.await(d -> "message-input".equals(ana.script("return document.activeElement.id")));
            assertEquals("bom dia🤣", ana.find("#message-input").getAttribute("value"));
            ana.find("#message-input").sendKeys(Keys.ENTER);
            ana.awaitText("#messages article.mine .text", "bom dia🤣");
        }
    }

    @Test
    void onAPhoneTheHeaderKeepsTheRoomNameAndOffersTheLanguageSwitch() {
        String room = http.createRoom("Matemática", null);
        try (Browser ana = Browser.phone()) {
            enterRoom(ana, server.url(), "ana", room);
            assertEquals("Matemática", ana.find("#room-name").getText());
            assertTrue((Boolean) ana.script("const h = document.querySelector('.navbar-brand'); return h.scrollWidth <= h.clientWidth"),
                    "the name is not cut");
            assertEquals("Sair da sala", ana.find("#leave").getAttribute("aria-label"));
            WebElement language = ana.find("[data-action=toggle-language]");
            assertTrue(language.isDisplayed(), "the language switch is on the phone's header");
            assertEquals("English", language.getAccessibleName());
            ana.click("[data-action=toggle-language]");
            ana.awaitText("#status", "Connected");
            assertEquals("Leave room", ana.find("#leave").getAttribute("aria-label"));
            assertFalse(ana.horizontallyScrollable());
            ana.publishScreenshot("conversation-header-375");
        }
    }
}
