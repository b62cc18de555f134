package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Keys;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.TestServer;

/** The page defects of issue #15, each shown fixed in a real headless Chromium against a real server. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DefectsPageIT {

    private TestServer server;
    private Http http;

    @BeforeEach
    void start() {
        // Behind a "proxy" (loopback trusted), so a class's worth of rooms can come from several addresses.
        server = TestServer.start(s -> s.withTrustedProxies(List.of("127.0.0.1")));
        http = new Http(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** {@code count} rooms, as a class creates them: from different addresses (each has a budget of rooms). */
    private void rooms(int count, String name) {
        for (int i = 1; i <= count; i++) {
            Http.Answer answer = http.post("/api/salas", Map.of("nome", name + " " + i, "criador", "prof"),
                    "X-Forwarded-For", "198.51.100." + i);
            assertTrue(answer.status() == 200, answer.body());
        }
    }

    @Test
    void theLobbyDoesNotShiftWhileItLoads() {
        rooms(15, "Matemática e ciências, turma");
        for (String language : List.of("pt-BR", "en")) {
            for (Browser browser : new Browser[] {Browser.phone(), Browser.desktop()}) {
                try (browser) {
                    browser.get(server.url() + "/");
                    browser.script("localStorage.setItem('webtalk.lang', arguments[0])", language);
                    browser.get(server.url() + "/");
                    browser.awaitText("#room-rows", "turma 15");
                    LayoutShifts shifts = LayoutShifts.of(browser, 2500);
                    System.out.println("lobby CLS " + language + " " + browser.script("return innerWidth") + " px: " + shifts.total());
                    assertTrue(shifts.total() < 0.05, "lobby CLS " + shifts.total() + ": " + shifts.sources());
                }
            }
        }
    }

    private static final String ADMIN = "Bearer " + TestServer.ADMIN_PASSWORD;

    private void enterRoom(Browser browser, String room) {
        browser.get(server.url() + "/chat/" + room);
        browser.awaitText("#status", "Conectado");
    }

    private static void loginAdmin(Browser admin, String url) {
        admin.get(url + "/admin");
        admin.type("#admin-password", TestServer.ADMIN_PASSWORD);
        admin.find("#admin-password").sendKeys(Keys.ENTER);
        admin.await(d -> !admin.all("#chart canvas").isEmpty());
    }

    @Test
    void aKickedMemberIsToldSoWithAnEmptyMemberListNotThatTheRoomClosed() {
        String room = http.createRoom("Clube", null);
        try (Browser ana = Browser.phone(); ChatClient bia = ChatClient.connect(server.url())) {
            bia.join(room, "bia");
            ana.rememberNickname(server.url(), "ana");
            enterRoom(ana, room);
            ana.await(d -> "2".equals(ana.find("#online-count").getText()));  // the list itself is folded on a phone
            assertEquals(200, http.post("/api/admin/salas/" + room + "/expulsar", Map.of("nome_usuario", "ana"), "Authorization", ADMIN).status());
            ana.awaitText("#chat-alert", "Você foi removido desta sala.");
            assertEquals("Fora da sala", ana.find("#status").getText(), "the room goes on: not 'Esta sala foi encerrada.'");
            assertTrue(ana.all("#members li").isEmpty(), "no stale member list");
            assertEquals("0", ana.find("#online-count").getText());
        }
    }

    @Test
    void aBannedMemberIsToldUntilWhenInTheirOwnTimeZone() {
        String room = http.createRoom("Clube", null);
        try (Browser ana = Browser.desktop()) {
            // A reader in Tokyo, whatever the server's zone: the ban's end is shown in hers.
            ((org.openqa.selenium.chromium.ChromiumDriver) ana.driver()).executeCdpCommand("Emulation.setTimezoneOverride",
                    Map.of("timezoneId", "Asia/Tokyo"));
            ana.rememberNickname(server.url(), "ana");
            enterRoom(ana, room);
            assertEquals(200, http.post("/api/admin/salas/" + room + "/banir", Map.of("nome_usuario", "ana", "minutos", 120),
                    "Authorization", ADMIN).status());
            ana.awaitText("#chat-alert", "Você está banido desta sala até");
            assertEquals("Fora da sala", ana.find("#status").getText());
            String until = http.get("/api/admin/salas/" + room + "/banimentos", "Authorization", ADMIN).json().get("banimentos").get(0).get("ate").asText();
            String tokyo = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                    .format(java.time.Instant.parse(until).atZone(java.time.ZoneId.of("Asia/Tokyo")));
            assertTrue(ana.find("#chat-alert").getText().contains(tokyo), ana.find("#chat-alert").getText() + " shows " + tokyo + " (Tokyo)");
            assertTrue(ana.all("#members li").isEmpty());

            // Coming back while banned: refused at the door with the same end, not "room closed".
            ana.get(server.url() + "/chat/" + room);
            ana.awaitText("#chat-alert", "Você está banido desta sala até");
            assertTrue(ana.find("#chat-alert").getText().contains(tokyo));
            assertEquals("Fora da sala", ana.find("#status").getText());
        }
    }

    @Test
    void lobbySearchIgnoresAccentsAndCaseAndSaysWhenNothingMatches() {
        rooms(15, "Matemática, turma");
        try (Browser browser = Browser.phone()) {
            browser.get(server.url() + "/");
            browser.awaitText("#room-rows", "turma 15");
            browser.type("#search", "MATEMATICA");
            browser.await(d -> browser.find("#rooms-summary").getText().contains("de 15"));
            browser.type("#search", "matemÁtica, TURMA 1");
            browser.awaitText("#rooms-summary", "de 7");  // 1, 10 … 15
            browser.type("#search", "física");
            browser.awaitText("#rooms-empty-text", "Nenhuma sala corresponde a “física”.");
            assertFalse(browser.find("#rooms-empty-text").getText().contains("criar a primeira"), "15 rooms exist");
            assertTrue(browser.all("#rooms-table:not(.d-none)").isEmpty(), "no empty table");
        }
    }

    @Test
    void anEmptyLobbyInvitesToCreateTheFirstRoomWithoutAnEmptyTableOrPager() {
        try (Browser browser = Browser.phone()) {
            browser.get(server.url() + "/");
            browser.awaitText("#rooms-empty-text", "Ainda não há salas. Que tal criar a primeira?");
            assertFalse(browser.find("#rooms-empty").getText().isEmpty());
            assertTrue(browser.all("#rooms thead th").stream().noneMatch(th -> th.isDisplayed()), "no headers over no rows");
            assertFalse(browser.driver().findElement(org.openqa.selenium.By.id("prev-page")).isDisplayed(), "no disabled pager");
            assertTrue(browser.all("a[href='/admin']").isEmpty(), "students are not shown the admin's door");
            assertEquals(200, http.get("/admin").status(), "/admin still opens by its address");
            browser.publishScreenshot("lobby-empty-375");
        }
    }

    @Test
    void textGivenBackAfterARateLimitIsReplacedByWhatIsTypedNext() {
        http.configure(Map.of("limite_mensagens_por_minuto", 1));
        String room = http.createRoom("Jogo", null);
        try (Browser ana = Browser.desktop()) {
            ana.rememberNickname(server.url(), "ana");
            enterRoom(ana, room);
            for (int i = 1; i <= 5; i++) {  // the burst the server allows even at 1 a minute
                ana.type("#message-input", "gol " + i);
                ana.find("#message-input").sendKeys(Keys.ENTER);
                ana.await(d -> ana.all("#messages article.pending").isEmpty());
            }
            ana.find("#message-input").sendKeys("gol 32", Keys.ENTER);
            ana.awaitText("#chat-alert", "Muitas mensagens");
            ana.awaitText("#chat-alert", "gol 32");  // the alert names what was not sent
            ana.await(d -> "gol 32".equals(ana.find("#message-input").getAttribute("value")));
            ana.find("#message-input").sendKeys("gol 33");
            assertEquals("gol 33", ana.find("#message-input").getAttribute("value"), "not glued: 'gol 32gol 33'");
        }
    }

    @Test
    void aNewMaximumLengthReachesAnOpenRoomWithoutAReload() {
        String room = http.createRoom("Aula", null);
        try (Browser ana = Browser.phone()) {
            ana.rememberNickname(server.url(), "ana");
            enterRoom(ana, room);
            ana.type("#message-input", "vinte e cinco caracteres");
            ana.awaitText("#counter", "24 de 500");
            http.configure(Map.of("tamanho_maximo_mensagem", 20));
            ana.awaitText("#counter", "24 de 20");
            assertFalse(ana.find("#send").isEnabled(), "over the new limit, without a reload");
        }
    }

    @Test
    void aStoredNameTooLongIsExplainedWhenTheDialogOpens() {
        String room = http.createRoom("Aula", null);
        String longName = "Maria Eduarda dos Santos Oliveira1"; // 34 characters, kept from before the limit
        assertEquals(34, longName.length());
        try (Browser ana = Browser.phone()) {
            ana.rememberNickname(server.url(), longName);
            ana.get(server.url() + "/chat/" + room);
            ana.awaitText("#nick-alert", "tem 34 caracteres; escolha um de 1 a 30");
            assertTrue(ana.find("#nick-alert").getText().contains(longName));
        }
    }

    @Test
    void adminDashboardDoesNotShiftAndItsLayoutHoldsInEnglishAndOnAPhone() {
        rooms(3, "Matemática avançada para o terceiro ano");
        try (Browser phone = Browser.phone(); Browser desktop = Browser.desktop()) {
            for (Browser admin : List.of(phone, desktop)) {
                admin.get(server.url() + "/admin");
                admin.script("localStorage.setItem('webtalk.lang', 'en')");
                loginAdmin(admin, server.url());
                admin.awaitText("#admin-rooms", "terceiro ano 3");
            }
            // The rooms table on a phone: names break between words, never inside one.
            Object split = phone.script("""
                    const broken = [];
                    for (const name of document.querySelectorAll('#admin-rooms .room-name')) {
                      const text = name.firstChild;
                      let at = 0;
                      for (const word of text.textContent.split(' ')) {
                        const range = document.createRange();
                        range.setStart(text, at);
                        range.setEnd(text, at + word.length);
                        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                        if (lines.size > 1) broken.push(word);
                        at += word.length + 1;
                      }
                    }
                    return broken;""");
            assertEquals(List.of(), split, "words broken across lines at 375 px");
            assertEquals(Boolean.TRUE, phone.script("const table = document.querySelector('#admin-rooms').closest('table');"
                    + "return table.scrollWidth <= table.parentElement.clientWidth"), () -> "the rooms table fits the phone, no sideways scroll: " + phone.script(
                    "const table = document.querySelector('#admin-rooms').closest('table');"
                    + "return [table.scrollWidth, table.parentElement.clientWidth, ...[...table.querySelectorAll('tr:first-child th, #admin-rooms tr:first-child td')]"
                    + ".map((c) => Math.round(c.getBoundingClientRect().width) + ':' + c.textContent.slice(0, 20))]"));
            assertFalse(phone.horizontallyScrollable(), () -> "wider than the page: " + phone.script(
                    "return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                    + ".slice(0, 8).map((e) => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"));
            phone.publishScreenshot("admin-rooms-375");
            // The chart's time labels in English ("12:55 PM") do not overlap.
            for (Browser admin : List.of(phone, desktop)) {
                Object overlaps = admin.script("""
                        const u = WebTalkAdmin.chart();
                        const axis = u.axes[0];
                        const context = document.createElement('canvas').getContext('2d');
                        context.font = axis.font[0];
                        const boxes = axis._splits.map((value, i) => {
                          const label = axis._values[i];
                          const center = u.valToPos(value, 'x');
                          const width = context.measureText(label).width;
                          return { label, from: center - width / 2, to: center + width / 2 };
                        }).filter((box) => box.label);
                        const clashes = [];
                        for (let i = 1; i < boxes.length; i++) if (boxes[i].from < boxes[i - 1].to + 4) clashes.push(boxes[i - 1].label + '|' + boxes[i].label);
                        return { clashes, labels: boxes.map((b) => b.label) };""");
                Map<?, ?> result = (Map<?, ?>) overlaps;
                assertEquals(List.of(), result.get("clashes"), "labels " + result.get("labels"));
                assertTrue(((List<?>) result.get("labels")).stream().anyMatch(l -> l.toString().matches(".*[AP]M")), "English times " + result.get("labels"));
            }
            desktop.publishScreenshot("admin-dashboard-en");
        }
        // And the dashboard keeps still while it loads (logged in: a reload goes straight to it).
        for (Browser admin : new Browser[] {Browser.phone(), Browser.desktop()}) {
            try (admin) {
                loginAdmin(admin, server.url());
                admin.get(server.url() + "/admin");
                admin.await(d -> !admin.all("#chart canvas").isEmpty());
                LayoutShifts shifts = LayoutShifts.of(admin, 3500);
                System.out.println("admin dashboard CLS " + shifts.total());
                assertTrue(shifts.total() < 0.05, "admin CLS " + shifts.total() + ": " + shifts.sources());
            }
        }
    }
}
