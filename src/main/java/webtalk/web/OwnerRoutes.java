package webtalk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import webtalk.admin.AuditLog;
import webtalk.admin.RoomExport;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatService;
import webtalk.chat.Room;
import webtalk.chat.RoomOwners;
import webtalk.contract.Fields;
import webtalk.contract.OwnerLinks;

/**
 * The owners' and moderators' REST routes, for what fits HTTP better than a socket: the
 * transcript's download, reopening a closed room (nobody can {@code entrar} it), rotating keys —
 * and the same powers as the socket events, for scripts. The key travels in a header
 * ({@code X-Chave-Sala: <chave>} or {@code Authorization: Bearer <chave>}), never in the URL, so it
 * stays out of access logs. The admin's versions of the powers the panel lacked live under
 * {@code /api/admin/salas/{id}/…}, behind the admin guard of {@link AdminRoutes}. Every action is
 * audited with who did it (dono, moderador or admin) and the room.
 */
final class OwnerRoutes {

    static final String KEY_HEADER = "X-Chave-Sala";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ChatService chat;
    private final RoomOwners owners;
    private final AuditLog audit;
    private final JsonBodies bodies;
    private final RoomExport export;
    private final Clock clock;
    private final ZoneId zone;

    OwnerRoutes(ChatService chat, RoomOwners owners, AuditLog audit, JsonBodies bodies, RoomExport export, Clock clock, ZoneId zone) {
        this.chat = chat;
        this.owners = owners;
        this.audit = audit;
        this.bodies = bodies;
        this.export = export;
        this.clock = clock;
        this.zone = zone;
    }

    private interface Power {
        void run(Context ctx, String roomId, RoomOwners.Role role) throws IOException;
    }

    void install(JavalinConfig config) {
        config.routes.get("/api/salas/{id}/papel", ctx -> {
            String room = ctx.pathParam("id");
            ctx.json(Map.of("id_sala", room, "papel", owners.roleOf(room, key(ctx)).code()));
        });
        byKey(config, "get", "/api/salas/{id}/exportar", false, this::export);
        byKey(config, "post", "/api/salas/{id}/reabrir", false, this::reopen);
        byKey(config, "post", "/api/salas/{id}/encerrar", false, this::close);
        byKey(config, "post", "/api/salas/{id}/editar", false, this::edit);
        byKey(config, "post", "/api/salas/{id}/modo_lento", false, this::slowMode);
        byKey(config, "post", "/api/salas/{id}/fixadas/{mensagem}", false, this::pin);
        byKey(config, "delete", "/api/salas/{id}/fixadas/{mensagem}", false, this::unpin);
        byKey(config, "post", "/api/salas/{id}/chave_dono", true, this::rotateOwnerKey);
        byKey(config, "post", "/api/salas/{id}/chave_moderacao", true, this::newModeratorKey);
        // The admin: every power, no key (the admin guard has run for /api/admin/*).
        byAdmin(config, "post", "/api/admin/salas/{id}/editar", this::edit);
        byAdmin(config, "post", "/api/admin/salas/{id}/modo_lento", this::slowMode);
        byAdmin(config, "post", "/api/admin/salas/{id}/fixadas/{mensagem}", this::pin);
        byAdmin(config, "delete", "/api/admin/salas/{id}/fixadas/{mensagem}", this::unpin);
        byAdmin(config, "post", "/api/admin/salas/{id}/chave_dono", this::rotateOwnerKey);
        byAdmin(config, "post", "/api/admin/salas/{id}/chave_moderacao", this::newModeratorKey);
    }

    private void byKey(JavalinConfig config, String method, String path, boolean manageKeys, Power power) {
        route(config, method, path, ctx -> {
            String room = ctx.pathParam("id");
            power.run(ctx, room, owners.authorize(room, key(ctx), manageKeys));
        });
    }

    private void byAdmin(JavalinConfig config, String method, String path, Power power) {
        route(config, method, path, ctx -> power.run(ctx, ctx.pathParam("id"), RoomOwners.Role.ADMIN));
    }

    private static void route(JavalinConfig config, String method, String path, io.javalin.http.Handler handler) {
        switch (method) {
            case "get" -> config.routes.get(path, handler);
            case "post" -> config.routes.post(path, handler);
            case "delete" -> config.routes.delete(path, handler);
            default -> throw new IllegalArgumentException(method);
        }
    }

    /** The room key of the request: {@code X-Chave-Sala}, else {@code Authorization: Bearer}; null if neither. */
    private static String key(Context ctx) {
        String header = ctx.header(KEY_HEADER);
        if (header == null) {
            header = Bearer.credentials(ctx.header("Authorization"));
        }
        return header == null ? null : header.strip();
    }

    private void record(Context ctx, String action, String room, String target, RoomOwners.Role role, String extra) {
        audit.record(action, room, target, role.code() + (extra == null ? "" : ", " + extra), ctx.ip());
    }

    private void export(Context ctx, String roomId, RoomOwners.Role role) throws IOException {
        Room room = export.room(roomId);
        String format = ctx.queryParam("formato");
        RoomExport.Format chosen;
        if (format == null || format.equals("json")) {
            chosen = RoomExport.Format.JSON;
        } else if (format.equals("texto")) {
            chosen = RoomExport.Format.TEXT;
        } else {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        boolean json = chosen == RoomExport.Format.JSON;
        String name = "sala-" + room.id() + "-" + FILE_TIME.format(clock.instant().atZone(zone)) + (json ? ".json" : ".txt");
        record(ctx, "sala_exportada", room.id(), null, role, json ? "json" : "texto");
        ctx.contentType(json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("Cache-Control", "no-store");
        try (OutputStream out = ctx.outputStream()) {
            export.write(room, chosen, out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void reopen(Context ctx, String roomId, RoomOwners.Role role) {
        chat.reopenRoom(roomId);
        record(ctx, "sala_reaberta", roomId, null, role, null);
        ctx.json(Map.of("mensagem", "Sala reaberta"));
    }

    private void close(Context ctx, String roomId, RoomOwners.Role role) {
        owners.close(roomId);
        record(ctx, "sala_encerrada", roomId, null, role, null);
        ctx.json(Map.of("mensagem", "Sala encerrada"));
    }

    private void edit(Context ctx, String roomId, RoomOwners.Role role) {
        JsonNode body = bodies.object(ctx);
        Room room = owners.editTopic(roomId, Fields.optionalText(body, "nome"), Fields.optionalText(body, "descricao"));
        record(ctx, "sala_editada", roomId, null, role, null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mensagem", "Sala atualizada");
        answer.put("nome", room.name());
        answer.put("descricao", room.description());
        ctx.json(answer);
    }

    private void slowMode(Context ctx, String roomId, RoomOwners.Role role) {
        Integer seconds = Fields.optionalInt(bodies.object(ctx), "segundos");
        if (seconds == null) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        owners.setSlowMode(roomId, seconds);
        record(ctx, "modo_lento_alterado", roomId, null, role, seconds + " s");
        ctx.json(Map.of("mensagem", "Modo lento atualizado", "modo_lento_segundos", seconds));
    }

    private void pin(Context ctx, String roomId, RoomOwners.Role role) {
        long id = messageId(ctx);
        owners.pin(roomId, id);
        record(ctx, "mensagem_fixada", roomId, String.valueOf(id), role, null);
        ctx.json(Map.of("mensagem", "Mensagem fixada", "id", id, "fixada", true));
    }

    private void unpin(Context ctx, String roomId, RoomOwners.Role role) {
        long id = messageId(ctx);
        owners.unpin(roomId, id);
        record(ctx, "mensagem_desafixada", roomId, String.valueOf(id), role, null);
        ctx.json(Map.of("mensagem", "Mensagem desafixada", "id", id, "fixada", false));
    }

    private void rotateOwnerKey(Context ctx, String roomId, RoomOwners.Role role) {
        RoomOwners.IssuedKey issued = owners.issueOwnerKey(roomId);
        record(ctx, "chave_dono_trocada", roomId, null, role, null);
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("id_sala", roomId, "chave_dono", issued.key(), "link_dono", OwnerLinks.owner(roomId, issued.key())));
    }

    private void newModeratorKey(Context ctx, String roomId, RoomOwners.Role role) {
        RoomOwners.IssuedKey issued = owners.issueModeratorKey(roomId);
        record(ctx, "chave_moderacao_gerada", roomId, null, role, null);
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("id_sala", roomId, "chave_moderacao", issued.key(),
                "link_moderacao", OwnerLinks.moderator(roomId, issued.key())));
    }

    private static long messageId(Context ctx) {
        Long id = Fields.wholeNumber(ctx.pathParam("mensagem"));
        if (id == null) {
            throw new ChatException(ChatError.MESSAGE_NOT_FOUND);
        }
        return id;
    }
}
