package webtalk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import webtalk.support.ChatClient;
import webtalk.support.ServerTest;

/**
 * The chat page's Markdown subset (js/markdown.js) in a real Chromium: each construct becomes its
 * element, and hostile or broken input is shown as the characters typed, never as markup.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MarkdownPageIT extends ServerTest {

    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.desktop();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    private void openRoomPage() {
        String room = http.createRoom("Formatação", null);
        browser.rememberNickname(server.url(), "leitor");
        browser.get(server.url() + "/chat/" + room);
        browser.awaitText("#status", "Conectado");
    }

    /** The text rendered into a detached element, serialised by the browser (only to compare here). */
    private String html(String text) {
        return (String) browser.script("const box = document.createElement('div');"
                + "box.append(WebTalkMarkdown.render(arguments[0])); return box.innerHTML;", text);
    }

    /** What a rendering holds: its text, and how many elements of each hostile kind it made. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> facts(String text) {
        return (Map<String, Object>) browser.script("const box = document.createElement('div');"
                + "const started = performance.now();"
                + "box.append(WebTalkMarkdown.render(arguments[0]));"
                + "const ms = performance.now() - started;"
                + "const hrefs = [...box.querySelectorAll('a')].map((a) => a.getAttribute('href'));"
                + "return { text: box.textContent, dangerous: box.querySelectorAll('script,img,iframe,svg,style,object,[onerror],[onload]').length,"
                + " badLinks: hrefs.filter((h) => !/^https?:\\/\\//.test(h)).length, ms };", text);
    }

    @Test
    void eachConstructRendersAsItsElement() {
        openRoomPage();
        assertEquals("<strong>negrito</strong> e <strong>também</strong>", html("**negrito** e __também__"));
        assertEquals("<em>itálico</em> e <em>também</em>", html("*itálico* e _também_"));
        assertEquals("use <code>a &lt;b&gt; **c**</code> aqui", html("use `a <b> **c**` aqui"));
        assertEquals("<strong>forte <em>e inclinado</em></strong>", html("**forte *e inclinado***"));
        assertEquals("antes<pre class=\"md-code\"><code data-language=\"js\">let x = 1;\n&lt;b&gt;**não**&lt;/b&gt;</code></pre>depois",
                html("antes\n```js\nlet x = 1;\n<b>**não**</b>\n```\ndepois"));
        assertEquals("<a href=\"https://example.com/a?b=1\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">o <em>site</em></a>",
                html("[o *site*](https://example.com/a?b=1)"));
        assertEquals("veja <a href=\"http://example.com/\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">http://example.com</a>",
                html("veja http://example.com"));
        assertEquals("<ul><li>um</li><li><strong>dois</strong></li></ul>fim", html("- um\n* **dois**\nfim"));
        assertEquals("<ol start=\"1\"><li>a</li><li>b</li></ol>", html("1. a\n2. b"));
        assertEquals("<blockquote class=\"md-quote\">citado\n<em>linha</em></blockquote>resposta", html("> citado\n> *linha*\nresposta"));
        assertEquals("nome_de_variavel e 2 * 3 * 4", html("nome_de_variavel e 2 * 3 * 4"));
        assertEquals("*literal*", html("\\*literal\\*"));
    }

    @Test
    void hostileInputIsShownAsTheCharactersTyped() {
        openRoomPage();
        List<String> hostile = List.of(
                "<script>window.pwned = 1</script>",
                "<img src=x onerror=\"window.pwned = 1\">",
                "**<img src=x onerror=\"window.pwned = 1\">**",
                "<svg onload=\"window.pwned = 1\"></svg>",
                "[clique](javascript:window.pwned=1)",
                "[clique](JaVaScRiPt:window.pwned=1)",
                "[dados](data:text/html,<script>window.pwned=1</script>)",
                "[vb](vbscript:msgbox)",
                "[espaço](https://example.com/a b)",
                "[](https://example.com) [x](//example.com)",
                "```\n<script>window.pwned = 1</script>\n```",
                "**sem fim", "*a **b* c**", "`sem fim", "```\nbloco sem fim", "_a __b_ c__", "[a](", "[a](https://", "> ",
                "- ", "1. ");
        for (String text : hostile) {
            Map<String, Object> facts = facts(text);
            assertEquals(0L, facts.get("dangerous"), text);
            assertEquals(0L, facts.get("badLinks"), text);
            String shown = ((String) facts.get("text"));
            assertTrue(shown.contains("pwned") == text.contains("pwned"), text);
        }
        assertEquals("[clique](javascript:window.pwned=1)", facts("[clique](javascript:window.pwned=1)").get("text"));
        assertEquals("**sem fim", facts("**sem fim").get("text"));
        assertEquals("`sem fim", facts("`sem fim").get("text"));
        assertEquals("```\nbloco sem fim", facts("```\nbloco sem fim").get("text"));
        assertEquals(null, browser.script("return window.pwned"));
    }

    @Test
    void veryLongAndDeeplyNestedInputRendersQuickly() {
        openRoomPage();
        List<String> huge = List.of("**".repeat(5000), "*_`".repeat(3000), "[a](".repeat(2500), "[a](javascript:x)".repeat(600),
                "**a *b __c _d `e".repeat(600), "*".repeat(10000) + "x", "> - 1. ".repeat(1000), "- x\n".repeat(2000),
                "**a ".repeat(2500) + "**".repeat(2500), "_a_".repeat(3000));
        for (String text : huge) {
            Map<String, Object> facts = facts(text);
            assertEquals(0L, facts.get("dangerous"));
            double ms = ((Number) facts.get("ms")).doubleValue();
            assertTrue(ms < 1000, text.substring(0, 12) + "… took " + ms + " ms");
        }
        String nested = "**a *b **c *d **e *f **g *h**".repeat(50);
        assertEquals(0L, facts(nested).get("dangerous"));
    }

    @Test
    void aFormattedMessageArrivesFormattedAndMarkupInItStaysText() {
        String room = http.createRoom("Formatada", null);
        browser.rememberNickname(server.url(), "leitora");
        browser.get(server.url() + "/chat/" + room);
        browser.awaitText("#status", "Conectado");
        try (ChatClient ana = ChatClient.connect(server.url())) {
            ana.join(room, "ana");
            ana.say(room, "**importante**: leia [o guia](https://example.com/guia) e rode `mvn verify` <img src=x onerror=alert(1)>");
            browser.awaitText("#messages", "importante");
            assertEquals("importante", browser.find("#messages .message .text strong").getText());
            assertEquals("mvn verify", browser.find("#messages .message .text code").getText());
            assertEquals("noopener noreferrer nofollow", browser.find("#messages .message .text a").getAttribute("rel"));
            assertEquals("_blank", browser.find("#messages .message .text a").getAttribute("target"));
            assertTrue(browser.all("#messages img").isEmpty());
            browser.awaitText("#messages", "<img src=x onerror=alert(1)>");
            ana.say(room, "Plano:\n- ler o **capítulo 2**\n- rodar os testes\n> lembrem: _prazo sexta_\n```\nmvn -q verify\n```");
            browser.awaitText("#messages", "prazo sexta");
            browser.publishScreenshot("chat-markdown");
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }
}
