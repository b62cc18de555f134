package webtalk.ops;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /metrics} (docs/operations.md). The
 * health answers are public and hold no secrets; the metrics are for {@link MetricsAccess}.
 */
public final class OpsRoutes {

    /** Prometheus text exposition format 0.0.4, what every Prometheus scrapes. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Readiness readiness;
    private final Metrics metrics;
    private final MetricsAccess access;

    public OpsRoutes(Readiness readiness, Metrics metrics, MetricsAccess access) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.access = access;
    }

    public void install(JavalinConfig config) {
        config.routes.get("/health/live", this::live);
        config.routes.get("/health/ready", this::ready);
        config.routes.get("/metrics", this::metrics);
    }

    /** The process serves HTTP: nothing else is checked, so a busy store never gets the process restarted. */
    private void live(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("status", "ok"));
    }

    private void ready(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        List<String> reasons = readiness.reasons();
        if (reasons.isEmpty()) {
            ctx.json(Map.of("status", "ok"));
        } else {
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("status", "indisponivel");
            answer.put("motivos", reasons);
            ctx.status(503).json(answer);
        }
    }

    private void metrics(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (!access.admits(ctx.req().getRemoteAddr(), ctx.ip(), ctx::header)) {
            ctx.status(403).json(Map.of("codigo", "metricas_restritas",
                    "erro", "Métricas restritas: use METRICS_TOKEN ou um endereço em METRICS_ALLOWED"));
            return;
        }
        ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape());
    }
}
