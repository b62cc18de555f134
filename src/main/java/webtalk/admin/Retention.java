package webtalk.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import webtalk.chat.ChatSettings;
import webtalk.chat.MessageLog;
import webtalk.chat.Rooms;

/**
 * Deletes messages older than the retention: the room's own {@code retention_days} when it has one,
 * else the {@code retencao_dias} setting; 0 keeps a room's messages forever. Run by the
 * housekeeping schedule, never on the message path. Deletes in batches of {@link #BATCH}, each its
 * own short transaction, so the group-commit writer waits for at most one batch at a time, never
 * for a whole purge. Each room purged is audited ({@code retencao_aplicada}) with its count.
 */
public final class Retention {

    static final int BATCH = 1_000;

    private final Rooms rooms;
    private final MessageLog messages;
    private final Supplier<ChatSettings> settings;
    private final AuditLog audit;
    private final Clock clock;

    public Retention(Rooms rooms, MessageLog messages, Supplier<ChatSettings> settings, AuditLog audit, Clock clock) {
        this.rooms = rooms;
        this.messages = messages;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /** Applies the retention once; returns the count deleted per room (only rooms that lost messages). */
    public Map<String, Integer> apply() {
        int everyRoom = settings.get().retentionDays();
        Map<String, Integer> overrides = rooms.roomRetentions();
        Instant now = clock.instant();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (Map.Entry<String, Long> room : messages.messageCounts().entrySet()) {
            int days = overrides.getOrDefault(room.getKey(), everyRoom);
            if (days <= 0 || room.getValue() == 0) {
                continue;
            }
            Instant cutoff = now.minus(Duration.ofDays(days));
            int total = 0;
            int batch;
            // Bounded: each batch deletes only older rows, which new messages never add to.
            do {
                batch = messages.deleteMessagesBefore(room.getKey(), cutoff, BATCH);
                total += batch;
            } while (batch == BATCH);
            if (total > 0) {
                deleted.put(room.getKey(), total);
                audit.record("retencao_aplicada", room.getKey(), null, total + " mensagens com mais de " + days + " dias", null);
            }
        }
        return deleted;
    }

    /**
     * Sets the room's own retention ({@code null} clears it: the setting applies again). 0 keeps
     * the room's messages forever whatever the setting says.
     *
     * @throws webtalk.chat.ChatException ROOM_NOT_FOUND, or SETTING_OUT_OF_RANGE outside 0–3650
     */
    public void setRoom(String roomId, Integer days) {
        if (days != null && (days < 0 || days > ChatSettings.MAX_RETENTION_DAYS)) {
            throw new webtalk.chat.ChatException(webtalk.chat.ChatError.SETTING_OUT_OF_RANGE, "dias", 0, ChatSettings.MAX_RETENTION_DAYS);
        }
        if (roomId == null || roomId.isEmpty() || roomId.length() > 64 || !rooms.setRoomRetention(roomId, days)) {
            throw new webtalk.chat.ChatException(webtalk.chat.ChatError.ROOM_NOT_FOUND);
        }
    }
}
