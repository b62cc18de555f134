package webtalk.ui;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import webtalk.cluster.ClusterNodes;
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

    private static void say(Browser browser, String text) {
        browser.type("#message-input", text);
        browser.find("#message-input").sendKeys(Keys.ENTER);
        browser.await(d -> d.findElements(By.cssSelector("#messages article.pending")).isEmpty());
    }
}
