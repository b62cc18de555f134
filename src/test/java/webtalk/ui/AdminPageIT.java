package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;
import webtalk.support.TestServer;

/** The admin panel in a real headless Chromium: login, live counts, delete with confirmation. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminPageIT extends ServerTest {

    private static final String CURRENT_HIDDEN = "return document.getElementById('current-password-group').classList.contains('d-none')";

    private void login(Browser admin, String password) {
        admin.get(server.url() + "/admin");
        admin.type("#admin-password", password);
        admin.click("#login-form button[type=submit]");
    }

    @Test
    void adminSeesCountsChangeAndDeletesARoomWhoseMembersAreTold() {
        String room = http.createRoom("Sala Condenada", null);
        try (Browser admin = Browser.desktop(); Browser member = Browser.desktop(); ChatClient ana = ChatClient.connect(server.url())) {
            login(admin, "errada");
            admin.awaitText("#login-alert", "Senha incorreta!");
            login(admin, TestServer.ADMIN_PASSWORD);
            admin.awaitText("#stat-salas_ativas", "1");
            admin.awaitText("#stat-total_mensagens", "0");

            ana.join(room, "ana");
            ana.say(room, "uma");
            ana.say(room, "duas");
            admin.awaitText("#stat-total_mensagens", "2");
            admin.awaitText("#stat-usuarios_online", "1");
            admin.awaitText("#activity", "ana entrou");
            assertEquals("60", admin.attribute("#chart", "data-points"), "a bar per minute of the last hour");
            assertFalse(admin.all("#chart canvas").isEmpty(), "the chart is drawn");
            admin.awaitText("#chart-summary", "2 mensagens na última hora");

            member.rememberNickname(server.url(), "bia");
            member.get(server.url() + "/chat/" + room);
            member.awaitText("#status", "Conectado");
            admin.awaitText("#stat-usuarios_online", "2");
            admin.publishScreenshot("admin-dashboard");

            admin.click("button.delete-room[data-room='" + room + "']");
            admin.awaitText("#confirm-text", "Sala Condenada");
            admin.click("#confirm-modal .btn-secondary");
            admin.await(org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated(org.openqa.selenium.By.id("confirm-modal")));
            assertEquals(200, http.get("/api/salas/" + room).status(), "cancel keeps the room");
            admin.click("button.delete-room[data-room='" + room + "']");
            admin.awaitText("#confirm-text", "Sala Condenada");
            admin.click("#confirm-delete");
            admin.awaitText("#admin-alert", "Sala excluída com sucesso!");
            member.awaitText("#chat-alert", "A sala foi excluída pelo administrador");
            member.awaitText("#chat-alert", "Voltando às salas");
            assertFalse(member.find("#message-input").isEnabled(), "nothing more can be sent there");
            // ...and a few seconds later the member is back in the lobby, which repeats the notice.
            member.awaitText("#lobby-alert", "A sala foi excluída pelo administrador");
            assertEquals("sala_excluida", ana.next("sala_excluida").getString("codigo"));
            admin.awaitText("#stat-salas_ativas", "0");
            assertTrue(admin.all("button.delete-room").isEmpty());
            assertEquals(404, http.get("/api/salas/" + room).status());
        }
    }

    @Test
    void settingsSavedInThePanelApplyAndTheSessionSurvivesAReload() {
        try (Browser admin = Browser.desktop()) {
            login(admin, TestServer.ADMIN_PASSWORD);
            admin.find("#set-tamanho_maximo_mensagem");
            admin.type("#set-maximo_salas", "0");
            admin.find("#set-maximo_salas").sendKeys(org.openqa.selenium.Keys.ENTER);
            admin.await(d -> admin.find("#settings-form").getAttribute("class").contains("was-validated"));
            assertEquals(Boolean.FALSE, admin.script("return document.getElementById('set-maximo_salas').checkValidity()"),
                    "out of range (1 to 1000) is refused before it is sent");
            admin.type("#set-maximo_salas", "100");
            admin.type("#set-tamanho_maximo_mensagem", "120");
            admin.find("#set-tamanho_maximo_mensagem").sendKeys(org.openqa.selenium.Keys.ENTER);
            admin.awaitText("#settings-alert", "Configurações salvas com sucesso!");
            assertEquals(120, http.get("/api/limites").json().get("tamanho_maximo_mensagem").asInt());
            admin.driver().navigate().refresh();
            admin.awaitText("#stat-salas_ativas", "0");
            admin.click("#logout");
            admin.find("#admin-password");
            assertFalse(admin.find("#login-section").getAttribute("class").contains("d-none"));
        }
    }

    @Test
    void changingThePasswordInThePanelAsksForTheCurrentOne() {
        try (Browser admin = Browser.desktop()) {
            login(admin, TestServer.ADMIN_PASSWORD);
            admin.find("#set-tamanho_maximo_mensagem");
            assertEquals(Boolean.TRUE, admin.script(CURRENT_HIDDEN), "asked for only when a new password is typed");
            admin.type("#set-senha_admin", "uma-senha-nova-longa");
            assertTrue(admin.find("#set-senha_atual").isDisplayed());
            admin.find("#set-senha_admin").sendKeys(org.openqa.selenium.Keys.ENTER);
            admin.await(d -> admin.find("#settings-form").getAttribute("class").contains("was-validated"));
            assertEquals(Boolean.FALSE, admin.script("return document.getElementById('set-senha_atual').checkValidity()"),
                    "required once a new password is typed");
            admin.type("#set-senha_atual", "palpite-errado");
            admin.find("#set-senha_atual").sendKeys(org.openqa.selenium.Keys.ENTER);
            admin.awaitText("#settings-alert", "Senha atual incorreta");
            assertEquals(200, http.post("/api/admin/login", java.util.Map.of("senha", TestServer.ADMIN_PASSWORD)).status());
            admin.type("#set-senha_atual", TestServer.ADMIN_PASSWORD);
            admin.find("#set-senha_atual").sendKeys(org.openqa.selenium.Keys.ENTER);
            admin.awaitText("#settings-alert", "Configurações salvas com sucesso!");
            assertEquals(Boolean.TRUE, admin.script(CURRENT_HIDDEN));
            assertEquals(200, http.post("/api/admin/login", java.util.Map.of("senha", "uma-senha-nova-longa")).status());
            admin.driver().navigate().refresh();
            admin.awaitText("#stat-salas_ativas", "0");
        }
    }

    @Test
    void aRoomsRetentionIsSetAndClearedFromThePanel() {
        String room = http.createRoom("Sala Passageira", null);
        try (Browser admin = Browser.desktop()) {
            login(admin, TestServer.ADMIN_PASSWORD);
            admin.awaitText("#admin-rooms", "Sala Passageira");
            String button = "#admin-rooms button.room-retention[data-room='" + room + "']";
            admin.click(button);
            admin.await(d -> admin.find("#retention-modal").isDisplayed());
            assertEquals(Boolean.TRUE, admin.script("return document.getElementById('retention-default').checked"),
                    "a room without its own rule follows the general setting");
            admin.click("#retention-own");
            admin.type("#retention-days", "7");
            admin.click("#retention-save");
            admin.awaitText("#admin-alert", "Retenção da sala atualizada");
            admin.awaitText("#admin-rooms tr[data-room='" + room + "'] .retention", "Retenção: 7 dias");
            assertTrue(http.get("/api/admin/auditoria", "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD).body()
                    .contains("retencao_sala_alterada"), "recorded in the audit log");

            admin.click(button);
            admin.await(d -> admin.find("#retention-modal").isDisplayed());
            assertEquals("7", admin.find("#retention-days").getAttribute("value"));
            admin.click("#retention-default");
            admin.click("#retention-save");
            admin.await(d -> admin.all("#admin-rooms tr[data-room='" + room + "'] .retention").isEmpty());
        }
    }

    @Test
    void aClosedRoomIsReopenedFromThePanelAndRoomsAndTheDatabaseDownloadWithTheSession() {
        String room = http.createRoom("Sala Adormecida", null);
        assertEquals(200, http.post("/api/admin/salas/" + room + "/retencao", java.util.Map.of("dias", 30),
                "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD).status());
        assertEquals(200, http.post("/api/admin/salas/" + room + "/encerrar", "{}",
                "Authorization", "Bearer " + TestServer.ADMIN_PASSWORD).status());
        try (Browser admin = Browser.desktop()) {
            login(admin, TestServer.ADMIN_PASSWORD);
            admin.awaitText("#closed-rooms", "Sala Adormecida");
            admin.awaitText("#closed-rooms .retention", "Retenção: 30 dias");
            assertEquals("0", admin.find("#set-timeout_sala").getAttribute("min"), "0 = never close for inactivity");
            assertEquals("3650", admin.find("#set-retencao_dias").getAttribute("max"));
            assertEquals("0", admin.find("#set-retencao_dias").getAttribute("value"), "kept forever by default");

            admin.click("button.reopen-room[data-room='" + room + "']");
            admin.awaitText("#admin-alert", "Sala reaberta");
            admin.awaitText("#admin-rooms", "Sala Adormecida");
            admin.awaitText("#closed-rooms-empty", "Nenhuma sala encerrada.");
            assertEquals(200, http.get("/api/salas/" + room).status());

            String exportHref = admin.attribute("#admin-rooms a.export-room[data-format='texto']", "href");
            assertTrue(exportHref.endsWith("/api/admin/salas/" + room + "/exportar?formato=texto"), exportHref);
            String fetchStatus = "return fetch(arguments[0]).then(r => r.status + ' ' + r.headers.get('content-disposition'))";
            String exported = (String) admin.script(fetchStatus, exportHref);
            assertTrue(exported.startsWith("200 attachment; filename=\"sala-" + room), exported);
            String backup = (String) admin.script(fetchStatus, admin.find("#backup-link").getAttribute("href"));
            assertTrue(backup.matches("200 attachment; filename=\"webtalk-\\d{8}-\\d{6}\\.db\""), backup);

            admin.click("[data-action='toggle-language']");
            admin.awaitText("#admin-rooms", "Text");
            assertTrue(admin.consoleErrors().isEmpty(), admin.consoleErrors().toString());
        }
    }
}
