package webtalk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import webtalk.admin.AuditEntry;
import webtalk.admin.AuditLog;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatService;
import webtalk.contract.Fields;
import webtalk.contract.Payloads;

/**
 * Moderation from the panel or a script (behind the admin guard of {@link AdminRoutes}): delete a
 * message, kick or ban a member, close a room, read the audit log. Every action is audited.
 */
final class ModerationRoutes {

    private static final long MAX_BAN_MINUTES = 365L * 24 * 60;

    private final ChatService chat;
    private final AuditLog audit;
    private final JsonBodies bodies;
    private final ZoneId zone;

    ModerationRoutes(ChatService chat, AuditLog audit, JsonBodies bodies, ZoneId zone) {
        this.chat = chat;
        this.audit = audit;
        this.bodies = bodies;
        this.zone = zone;
    }

    void install(JavalinConfig config) {
        config.routes.delete("/api/admin/salas/{id}/mensagens/{mensagem}", this::deleteMessage);
        config.routes.post("/api/admin/salas/{id}/expulsar", this::kick);
        config.routes.post("/api/admin/salas/{id}/banir", this::ban);
        config.routes.post("/api/admin/salas/{id}/encerrar", this::close);
        config.routes.get("/api/admin/auditoria", this::auditLog);
    }

    private void deleteMessage(Context ctx) {
        String room = ctx.pathParam("id");
        String id = ctx.pathParam("mensagem");
        Long messageId = Fields.wholeNumber(id);
        if (messageId == null) {
            throw new ChatException(ChatError.MESSAGE_NOT_FOUND);
        }
        chat.moderation().deleteMessage(room, messageId);
        audit.record("mensagem_excluida", room, id, null, ctx.ip());
        ctx.json(Map.of("mensagem", "Mensagem excluída"));
    }

    private void kick(Context ctx) {
        String room = ctx.pathParam("id");
        String nickname = Fields.requiredText(bodies.object(ctx), "nome_usuario");
        chat.moderation().kick(room, nickname);
        audit.record("usuario_expulso", room, nickname, null, ctx.ip());
        ctx.json(Map.of("mensagem", "Usuário removido da sala"));
    }

    private void ban(Context ctx) {
        String room = ctx.pathParam("id");
        JsonNode body = bodies.object(ctx);
        String nickname = Fields.requiredText(body, "nome_usuario");
        Integer minutes = Fields.optionalInt(body, "minutos");
        long duration = minutes == null ? 60 : minutes;
        if (duration < 1 || duration > MAX_BAN_MINUTES) {
            throw new ChatException(ChatError.SETTING_OUT_OF_RANGE, "minutos", 1, MAX_BAN_MINUTES);
        }
        boolean address = Boolean.TRUE.equals(Fields.optionalBoolean(body, "banir_endereco"));
        chat.moderation().ban(room, nickname, Duration.ofMinutes(duration), address);
        audit.record("usuario_banido", room, nickname, duration + " min" + (address ? ", endereço incluído" : ""), ctx.ip());
        ctx.json(Map.of("mensagem", "Usuário banido da sala por " + duration + " minutos"));
    }

    private void close(Context ctx) {
        String room = ctx.pathParam("id");
        chat.moderation().closeRoom(room);
        audit.record("sala_encerrada", room, null, null, ctx.ip());
        ctx.json(Map.of("mensagem", "Sala encerrada"));
    }

    private void auditLog(Context ctx) {
        // Each room's name once per answer (a deleted room has none: the panel shows its code).
        Map<String, String> names = new java.util.HashMap<>();
        List<Map<String, Object>> entries = audit.newest(200).stream()
                .map(e -> entry(e, e.roomId() == null ? null
                        : names.computeIfAbsent(e.roomId(), id -> chat.moderation().roomName(id).orElse(null))))
                .toList();
        ctx.json(entries);
    }

    private Map<String, Object> entry(AuditEntry e, String roomName) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", e.id());
        entry.put("horario", Payloads.clockTime(e.at(), zone));
        entry.put("timestamp", e.at().toString());
        entry.put("acao", e.action());
        entry.put("id_sala", e.roomId());
        entry.put("nome_sala", roomName);
        entry.put("alvo", e.target());
        entry.put("detalhe", e.detail());
        entry.put("endereco", e.address());
        return entry;
    }
}
