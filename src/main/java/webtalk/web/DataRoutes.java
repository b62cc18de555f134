package webtalk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.admin.AuditLog;
import webtalk.admin.Retention;
import webtalk.admin.RoomExport;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatService;
import webtalk.chat.Room;
import webtalk.contract.Fields;
import webtalk.store.DatabaseBackup;

/**
 * The admin's data routes (behind the admin guard of {@link AdminRoutes}): download a backup of
 * the database, export a room's transcript, set a room's retention, reopen a closed room. Each is
 * audited. A backup is first written whole to {@code spoolDir} (so it is checked before a byte is
 * sent), then streamed and deleted; one at a time, as each holds a copy of the database on disk.
 */
final class DataRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(DataRoutes.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ChatService chat;
    private final AuditLog audit;
    private final JsonBodies bodies;
    private final Optional<DatabaseBackup> backup;
    private final Path spoolDir;
    private final RoomExport export;
    private final Retention retention;
    private final Clock clock;
    private final ZoneId zone;
    private final Semaphore oneBackup = new Semaphore(1);

    DataRoutes(ChatService chat, AuditLog audit, JsonBodies bodies, Optional<DatabaseBackup> backup, Path spoolDir,
               RoomExport export, Retention retention, Clock clock, ZoneId zone) {
        this.chat = chat;
        this.audit = audit;
        this.bodies = bodies;
        this.backup = backup;
        this.spoolDir = spoolDir;
        this.export = export;
        this.retention = retention;
        this.clock = clock;
        this.zone = zone;
    }

    void install(JavalinConfig config) {
        config.routes.get("/api/admin/backup", this::backup);
        config.routes.get("/api/admin/salas/{id}/exportar", this::export);
        config.routes.post("/api/admin/salas/{id}/retencao", this::setRetention);
        config.routes.post("/api/admin/salas/{id}/reabrir", this::reopen);
    }

    private void backup(Context ctx) throws IOException {
        if (backup.isEmpty()) {
            throw new ChatException(ChatError.BACKUP_UNAVAILABLE);
        }
        if (!oneBackup.tryAcquire()) {
            throw new ChatException(ChatError.BACKUP_RUNNING);
        }
        try {
            Files.createDirectories(spoolDir);
            // One backup at a time: anything here is what a crash in the middle of one left behind.
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(spoolDir, "*.db")) {
                for (Path leftover : leftovers) {
                    Files.deleteIfExists(leftover);
                }
            }
            String name = "webtalk-" + FILE_TIME.format(clock.instant().atZone(zone)) + ".db";
            Path file = spoolDir.resolve(name);
            try {
                DatabaseBackup.Copy copy = backup.get().copyTo(file);
                audit.record("backup", null, name, copy.bytes() + " bytes, " + copy.messages() + " mensagens", ctx.ip());
                LOG.info("backup {} written for the admin ({} bytes, {} messages)", name, copy.bytes(), copy.messages());
                ctx.contentType("application/vnd.sqlite3");
                ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
                // No Content-Length: the response may be compressed on the way (Accept-Encoding), which changes it.
                ctx.header("Cache-Control", "no-store");
                try (OutputStream out = ctx.outputStream()) {
                    Files.copy(file, out);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } finally {
            oneBackup.release();
        }
    }

    private void export(Context ctx) throws IOException {
        Room room = export.room(ctx.pathParam("id"));
        String format = ctx.queryParam("formato");
        RoomExport.Format chosen;
        if (format == null || format.equals("json")) {
            chosen = RoomExport.Format.JSON;
        } else if (format.equals("texto")) {
            chosen = RoomExport.Format.TEXT;
        } else {
            throw new ChatException(ChatError.INVALID_DATA);
        }
        String name = "sala-" + room.id() + "-" + FILE_TIME.format(clock.instant().atZone(zone))
                + (chosen == RoomExport.Format.JSON ? ".json" : ".txt");
        audit.record("sala_exportada", room.id(), null, chosen == RoomExport.Format.JSON ? "json" : "texto", ctx.ip());
        ctx.contentType(chosen == RoomExport.Format.JSON ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.header("Cache-Control", "no-store");
        try (OutputStream out = ctx.outputStream()) {
            export.write(room, chosen, out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void setRetention(Context ctx) {
        String room = ctx.pathParam("id");
        JsonNode body = bodies.object(ctx);
        if (!body.has("dias")) {
            throw new ChatException(ChatError.INCOMPLETE_DATA);
        }
        Integer days = Fields.optionalInt(body, "dias");
        retention.setRoom(room, days);
        audit.record("retencao_sala_alterada", room, null, days == null ? "padrão" : days + " dias", ctx.ip());
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("mensagem", "Retenção da sala atualizada");
        answer.put("retencao_dias", days);
        ctx.json(answer);
    }

    private void reopen(Context ctx) {
        Room room = chat.reopenRoom(ctx.pathParam("id"));
        audit.record("sala_reaberta", room.id(), null, null, ctx.ip());
        ctx.json(Map.of("mensagem", "Sala reaberta"));
    }
}
