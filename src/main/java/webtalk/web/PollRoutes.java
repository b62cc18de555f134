package webtalk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import webtalk.chat.Polls;
import webtalk.contract.PollPayloads;

/**
 * {@code GET /api/salas/{id}/enquetes}: a room's open and recent polls with their counts, for a
 * page or client that did not get them in its {@code entrar} ack. Same token rules as the history
 * route: a protected room needs its join token (Bearer, or {@code ?token=}).
 */
final class PollRoutes {

    private final Polls polls;

    PollRoutes(Polls polls) {
        this.polls = polls;
    }

    void install(JavalinConfig config) {
        config.routes.get("/api/salas/{id}/enquetes", this::list);
    }

    private void list(Context ctx) {
        String bearer = Bearer.credentials(ctx.header("Authorization"));
        String token = bearer != null ? bearer.strip() : ctx.queryParam("token");
        ctx.json(Map.of("enquetes", PollPayloads.polls(polls.recent(ctx.pathParam("id"), token))));
    }
}
