package webtalk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.InputStream;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;

/**
 * The pages, from the jar: {@code /} the lobby, {@code /chat/{id}} a room, {@code /sala/{id}/projetar}
 * a room's projector screen, {@code /admin} the panel; WebJars at /webjars.
 */
final class Pages {

    private Pages() {
    }

    static void install(JavalinConfig config) {
        config.routes.get("/chat/{id}", ctx -> page(ctx, "chat.html"));
        config.routes.get("/sala/{id}/projetar", ctx -> page(ctx, "projetar.html"));
        config.routes.get("/admin", ctx -> page(ctx, "admin.html"));
        new StaticAssets().install(config);
    }

    private static void page(Context ctx, String name) {
        InputStream html = Pages.class.getResourceAsStream("/public/" + name);
        if (html == null) {
            throw new ChatException(ChatError.NOT_FOUND);
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8").result(html);
    }
}
