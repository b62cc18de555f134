package webtalk.ui;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import webtalk.cluster.ClusterNodes;
import webtalk.socketio.RoundRobinNginx;
import webtalk.support.ChatClient;
import webtalk.support.Http;
import webtalk.support.ServerProcess;

/** The room page in two headless Chromiums, each on another node of a two-node cluster. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterPageIT {

    @Test
    void twoBrowsersOnTwoNodesChatInRealTime() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create()) {
            ServerProcess first = cluster.startNode();
            ServerProcess second = cluster.startNode();
            String room = new Http(first.url()).createRoom("Sala em dois nós", null);
            try (Browser ana = Browser.desktop(); Browser bia = Browser.desktop()) {
                ana.rememberNickname(first.url(), "ana");
                ana.get(first.url() + "/chat/" + room);
                ana.awaitText("#status", "Conectado");
                bia.rememberNickname(second.url(), "bia");
                bia.get(second.url() + "/chat/" + room);
                bia.awaitText("#status", "Conectado");
                ana.awaitText("#members", "bia");

                say(ana, "Olá do primeiro nó");
                bia.awaitText("#messages", "Olá do primeiro nó");
                say(bia, "E eu respondo do segundo");
                ana.awaitText("#messages", "E eu respondo do segundo");
                bia.get(second.url() + "/chat/" + room);  // a reload on the other node shows both, once
                bia.awaitText("#messages", "E eu respondo do segundo");
                bia.await(d -> d.findElements(By.cssSelector("#messages article")).size() == 2);
            }
        }
    }

    @Test
    void aBrowserBehindABalancerWithoutStickySessionsChatsWithOneOnANode() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create()) {
            ServerProcess first = cluster.startNode();
            ServerProcess second = cluster.startNode();
            String room = new Http(first.url()).createRoom("Sala sem afinidade", null);
            cluster.awaitSessionRouting();  // each node has read the other's directory entry
            // Every other request of the browser's session, and its WebSocket upgrade, reach the node
            // that does not hold it: they are forwarded (polling) and relayed (WebSocket) to the owner.
            try (RoundRobinNginx nginx = RoundRobinNginx.start(first.port(), second.port());
                 Browser ana = Browser.desktop(); Browser bia = Browser.desktop()) {
                ana.rememberNickname(nginx.url(), "ana");
                ana.get(nginx.url() + "/chat/" + room);
                ana.awaitText("#status", "Conectado");
                bia.rememberNickname(second.url(), "bia");
                bia.get(second.url() + "/chat/" + room);
                bia.awaitText("#status", "Conectado");
                ana.awaitText("#members", "bia");
                say(ana, "Pelo balanceador");
                bia.awaitText("#messages", "Pelo balanceador");
                say(bia, "Direto no nó");
                ana.awaitText("#messages", "Direto no nó");
                String scrapes = new Http(first.url()).get("/metrics").body() + new Http(second.url()).get("/metrics").body();
                org.junit.jupiter.api.Assertions.assertTrue(scrapes.lines().anyMatch(line ->
                        line.startsWith("webtalk_cluster_forwarded_requests_total ") && !line.endsWith(" 0.0")), "the browser's polls were forwarded");
            }
        }
    }

    /**
     * The page's name went to another connection (its {@code chave_sessao} reclaimed it through the
     * other node) while the page stayed open: at its node's next presence refresh it is told
     * {@code presenca_perdida} and enters again by itself, without the old key, so it is asked for a
     * name (docs/cluster.md, "Presence after a stall"); with a new one it is back in the room.
     */
    @Test
    void aPageWhoseNameWentToAnotherConnectionEntersAgainByItself() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.create()) {
            ServerProcess first = cluster.startNode();
            ServerProcess second = cluster.startNode();
            String room = new Http(first.url()).createRoom("Sala retomada", null);
            try (Browser ana = Browser.desktop(); ChatClient elsewhere = ChatClient.connect(second.url(), new String[]{"websocket"})) {
                ana.rememberNickname(first.url(), "ana");
                ana.get(first.url() + "/chat/" + room);
                ana.awaitText("#status", "Conectado");
                String key = (String) ana.script("return sessionStorage.getItem(arguments[0]);", "webtalk.key." + room);
                org.json.JSONObject taken = elsewhere.request("entrar",
                        new org.json.JSONObject().put("id_sala", room).put("nome_usuario", "ana").put("chave_sessao", key));
                org.junit.jupiter.api.Assertions.assertTrue(taken.getBoolean("ok"), taken.toString());

                ana.awaitText("#nick-alert", "Este nome já está em uso nesta sala");
                ana.type("#nick-input", "ana de novo");
                ana.find("#nick-input").sendKeys(Keys.ENTER);
                ana.awaitText("#members", "ana de novo");
                elsewhere.next("usuario_entrou", e -> e.getString("nome_usuario").equals("ana de novo"));
                // The name dialog fades out (and holds the focus) for a moment after the join: type once it is gone.
                ana.await(d -> !d.findElement(By.id("nick-modal")).isDisplayed());
                say(ana, "Voltei");
                elsewhere.next("mensagem_chat", m -> m.getString("mensagem").equals("Voltei"));
            }
        }
    }

    private static void say(Browser browser, String text) {
        browser.type("#message-input", text);
        browser.find("#message-input").sendKeys(Keys.ENTER);
        browser.await(d -> d.findElements(By.cssSelector("#messages article.pending")).isEmpty());
    }
}
