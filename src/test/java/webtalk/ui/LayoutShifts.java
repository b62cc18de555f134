package webtalk.ui;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Cumulative layout shift of the page loaded in a {@link Browser}, as Chromium reports it
 * (PerformanceObserver "layout-shift", buffered from the navigation): the sum of every shift not
 * caused by input — an upper bound of the CLS metric, which takes the worst 5 s window — with
 * the elements that moved, so a failure says what to fix.
 */
record LayoutShifts(double total, List<String> sources) {

    private static final String COLLECT = """
            const done = arguments[arguments.length - 1];
            const settleMs = arguments[0];
            let total = 0;
            const sources = [];
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) {
                if (entry.hadRecentInput) continue;
                total += entry.value;
                for (const source of entry.sources || []) {
                  const node = source.node;
                  const name = !node ? "?" : node.nodeType === 1
                    ? node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") + (node.className && typeof node.className === "string" ? "." + node.className.trim().split(/\\s+/).join(".") : "")
                    : "#text(" + String(node.textContent).slice(0, 20) + ")";
                  sources.push(entry.value.toFixed(4) + " " + name + " " + JSON.stringify(source.previousRect) + "→" + JSON.stringify(source.currentRect));
                }
              }
            }).observe({ type: "layout-shift", buffered: true });
            setTimeout(() => done({ total, sources }), settleMs);
            """;

    /** Waits {@code settleMs} for late shifts (refreshes, fonts), then reports every shift since the page's navigation. */
    @SuppressWarnings("unchecked")
    static LayoutShifts of(Browser browser, long settleMs) {
        Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(COLLECT, settleMs);
        return new LayoutShifts(((Number) result.get("total")).doubleValue(), (List<String>) result.get("sources"));
    }
}
