package webtalk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatService;
import webtalk.chat.Message;
import webtalk.chat.RoomOwners;
import webtalk.chat.RoomSummary;
import webtalk.contract.OwnerLinks;
import webtalk.contract.Fields;
import webtalk.contract.Payloads;
import webtalk.security.JoinTokens;

/** The public room API: list, create, get, password check, message history. */
final class RoomRoutes {

    private final ChatService chat;
    private final JsonBodies bodies;
    private final ZoneId zone;
    private final RoomOwners owners;

    RoomRoutes(ChatService chat, JsonBodies bodies, ZoneId zone, RoomOwners owners) {
        this.chat = chat;
        this.bodies = bodies;
        this.zone = zone;
        this.owners = owners;
    }

    void install(JavalinConfig config) {
        config.routes.get("/api/limites", this::limits);
        config.routes.get("/api/salas", this::list);
        config.routes.post("/api/salas", this::create);
        config.routes.get("/api/salas/{id}", this::show);
        config.routes.post("/api/salas/{id}/entrar", this::authorize);
        config.routes.get("/api/salas/{id}/mensagens", this::messages);
    }

    /** The limits a client should know before the server refuses: the pages' character counter uses them. */
    private void limits(Context ctx) {
        ctx.json(Payloads.limits(chat.settings()));
    }

    private void list(Context ctx) {
        ctx.json(chat.activeRooms().stream().map(Payloads::room).toList());
    }

    private void create(Context ctx) {
        JsonNode body = bodies.object(ctx);
        RoomSummary room = chat.createRoom(Fields.requiredText(body, "nome"), Fields.requiredText(body, "criador"),
                Fields.optionalText(body, "senha"), Fields.optionalText(body, "descricao"), ctx.ip());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id_sala", room.room().id());
        answer.put("mensagem", "Sala criada com sucesso!");
        answer.put("sala", Payloads.room(room));
        // Shown once, to the creator: only its hash is stored. The link's fragment never reaches a server's log.
        RoomOwners.IssuedKey owner = owners.issueOwnerKey(room.room().id());
        answer.put("chave_dono", owner.key());
        answer.put("link_dono", OwnerLinks.owner(owner.roomId(), owner.key()));
        ctx.header("Cache-Control", "no-store");
        ctx.json(answer);
    }

    private void show(Context ctx) {
        RoomSummary room = chat.room(ctx.pathParam("id"));
        Map<String, Object> answer = Payloads.room(room);
        // A protected room's pins are its messages: without the password's token, only their ids.
        List<Message> pins = owners.pinned(room.room().id());
        answer.put("fixadas", room.room().passwordProtected()
                ? pins.stream().map(pin -> Map.<String, Object>of("id", pin.id())).toList()
                : Payloads.messages(pins, zone));
        answer.put("modo_lento_segundos", owners.slowModeSeconds(room.room().id()));
        answer.put("enquetes_somente_moderadores", owners.pollsModeratorsOnly(room.room().id()));
        ctx.json(answer);
    }

    private void authorize(Context ctx) {
        JsonNode body = bodies.object(ctx);
        JoinTokens.Issued token = chat.grantAccess(ctx.pathParam("id"), Fields.optionalText(body, "senha"), ctx.ip(),
                Fields.optionalText(body, "dispositivo"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mensagem", "Acesso autorizado!");
        answer.put("token", token.token());
        answer.put("expira_em", token.expiresAt().toString());
        ctx.json(answer);
    }

    private void messages(Context ctx) {
        Long before = longParam(ctx, "antes");
        Long after = longParam(ctx, "depois");
        Long limitParam = longParam(ctx, "limite");
        int limit = limitParam == null ? 50 : (int) Math.min(limitParam, Integer.MAX_VALUE);
        if (limit < 1 || limit > 100 || (before != null && after != null)) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        List<Message> page = chat.history(ctx.pathParam("id"), token(ctx), before, after, limit + 1);
        boolean more = page.size() > limit;
        if (more) {
            // one extra row was read only to know whether there is more; drop it from the far side
            page = after != null ? page.subList(0, limit) : page.subList(1, page.size());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mensagens", Payloads.messages(page, zone));
        answer.put("mais", more);
        ctx.json(answer);
    }

    /** The join token of a history or search request: {@code Authorization: Bearer}, else {@code ?token=}. */
    static String token(Context ctx) {
        String bearer = Bearer.credentials(ctx.header("Authorization"));
        return bearer != null ? bearer.strip() : ctx.queryParam("token");
    }

    private static Long longParam(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        Long number = Fields.wholeNumber(value);
        if (number == null) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        return number;
    }
}
