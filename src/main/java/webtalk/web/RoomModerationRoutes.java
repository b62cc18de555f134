package webtalk.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webtalk.admin.AuditLog;
import webtalk.chat.Ban;
import webtalk.chat.Bans;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.Message;
import webtalk.chat.Moderation;
import webtalk.contract.Fields;
import webtalk.contract.Payloads;

/**
 * What the panel's "Moderar" view of one room reads and undoes (behind the admin guard of
 * {@link AdminRoutes}): its members on every node, its bans in force (and lifting one), its
 * messages whatever its password. Kick, ban and delete are {@link ModerationRoutes}'.
 */
final class RoomModerationRoutes {

    private static final int MAX_PAGE = 100;

    private final Moderation moderation;
    private final AuditLog audit;
    private final ZoneId zone;

    RoomModerationRoutes(Moderation moderation, AuditLog audit, ZoneId zone) {
        this.moderation = moderation;
        this.audit = audit;
        this.zone = zone;
    }

    void install(JavalinConfig config) {
        config.routes.get("/api/admin/salas/{id}/membros", this::members);
        config.routes.get("/api/admin/salas/{id}/banimentos", this::bans);
        config.routes.delete("/api/admin/salas/{id}/banimentos/{banimento}", this::liftBan);
        config.routes.get("/api/admin/salas/{id}/mensagens", this::messages);
    }

    private void members(Context ctx) {
        String room = ctx.pathParam("id");
        List<Map<String, Object>> members = moderation.members(room).stream().map(member -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("nome_usuario", member.nickname());
            item.put("endereco", member.address());
            item.put("banido_ate", member.bannedUntil() == null ? null : Payloads.timestamp(member.bannedUntil()));
            return item;
        }).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id_sala", room);
        answer.put("membros", members);
        ctx.json(answer);
    }

    private void bans(Context ctx) {
        String room = ctx.pathParam("id");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id_sala", room);
        answer.put("banimentos", moderation.bansInForce(room).stream().map(RoomModerationRoutes::ban).toList());
        ctx.json(answer);
    }

    private static Map<String, Object> ban(Bans.Numbered numbered) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", numbered.id());
        item.put("tipo", kind(numbered.ban()));
        item.put("valor", numbered.ban().value());
        item.put("ate", Payloads.timestamp(numbered.ban().until()));
        return item;
    }

    private static String kind(Ban ban) {
        return ban.kind() == Ban.Kind.NICKNAME ? "nome_usuario" : "endereco";
    }

    private void liftBan(Context ctx) {
        String room = ctx.pathParam("id");
        Long id = Fields.wholeNumber(ctx.pathParam("banimento"));
        if (id == null) {
            throw new ChatException(ChatError.BAN_NOT_FOUND);
        }
        Ban lifted = moderation.liftBan(room, id);
        audit.record("banimento_revogado", room, lifted.value(), kind(lifted), ctx.ip());
        ctx.json(Map.of("mensagem", "Banimento encerrado"));
    }

    /** Like the public history ({@code antes}, {@code limite}, {@code mais}), without a join token. */
    private void messages(Context ctx) {
        Long before = wholeParam(ctx, "antes");
        Long limitParam = wholeParam(ctx, "limite");
        int limit = limitParam == null ? 50 : (int) Math.min(limitParam, Integer.MAX_VALUE);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        List<Message> page = moderation.recentMessages(ctx.pathParam("id"), before, limit + 1);
        boolean more = page.size() > limit;
        if (more) {
            page = page.subList(1, page.size());  // the extra (oldest) row only told whether there is more
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id_sala", ctx.pathParam("id"));
        answer.put("mensagens", Payloads.messages(page, zone));
        answer.put("mais", more);
        ctx.json(answer);
    }

    private static Long wholeParam(Context ctx, String name) {
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
