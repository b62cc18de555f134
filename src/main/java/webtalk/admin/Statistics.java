package webtalk.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import webtalk.chat.ChatService;
import webtalk.chat.MessageLog;
import webtalk.chat.MessageStats;
import webtalk.chat.RecentActivity;
import webtalk.chat.RoomSummary;
import webtalk.chat.Rooms;
import webtalk.contract.Payloads;

/** The admin dashboard's numbers: the original's four fields plus per-room counts, rates, uptime, memory. */
public final class Statistics {

    /** Closed rooms listed in the panel: the newest this many (a server may keep thousands). */
    static final int INACTIVE_LISTED = 100;

    private final ChatService chat;
    private final Rooms roomStore;
    private final MessageLog messages;
    private final MessageStats totals;
    private final IntSupplier connections;
    private final Clock clock;
    private final ZoneId zone;
    private final Instant startedAt;

    public Statistics(ChatService chat, Rooms roomStore, MessageLog messages, MessageStats totals, IntSupplier connections, Clock clock, ZoneId zone) {
        this.chat = chat;
        this.roomStore = roomStore;
        this.messages = messages;
        this.totals = totals;
        this.connections = connections;
        this.clock = clock;
        this.zone = zone;
        this.startedAt = clock.instant();
    }

    public Map<String, Object> snapshot() {
        Instant now = clock.instant();
        List<RoomSummary> rooms = chat.activeRooms();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_salas", totals.countRooms());
        stats.put("salas_ativas", rooms.size());
        stats.put("usuarios_online", chat.usersOnline());
        List<Map<String, Object>> activity = new ArrayList<>();
        for (RecentActivity.Entry entry : chat.activity().entries()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("horario", Payloads.clockTime(entry.at(), zone));
            line.put("texto", entry.text());
            line.put("timestamp", entry.at().toString());
            // Added for the pages' translation (issue #15): the kind as a code and its parts.
            line.put("tipo", entry.kind().code());
            line.put("nome_sala", entry.room());
            if (entry.person() != null) {
                line.put("nome_usuario", entry.person());
            }
            activity.add(line);
        }
        stats.put("atividade_recente", activity);
        stats.put("total_mensagens", totals.countMessages());
        stats.put("mensagens_ultima_hora", totals.countMessagesSince(now.minus(Duration.ofHours(1))));
        stats.put("mensagens_por_minuto", perMinute(now));
        List<Map<String, Object>> perRoom = new ArrayList<>();
        for (RoomSummary room : rooms) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", room.room().id());
            entry.put("nome", room.room().name());
            entry.put("tem_senha", room.room().passwordProtected());
            entry.put("usuarios_online", room.usersOnline());
            entry.put("total_mensagens", room.messageCount());
            perRoom.add(entry);
        }
        stats.put("salas", perRoom);
        Map<String, Integer> retentions = roomStore.roomRetentions();
        for (Map<String, Object> entry : perRoom) {
            entry.put("retencao_dias", retentions.get((String) entry.get("id")));
        }
        // Closed rooms, so the panel can export or reopen them; the most recently active first, bounded.
        Map<String, Long> counts = messages.messageCounts();
        List<Map<String, Object>> closed = new ArrayList<>();
        for (webtalk.chat.Room room : roomStore.inactiveRooms(INACTIVE_LISTED)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", room.id());
            entry.put("nome", room.name());
            entry.put("tem_senha", room.passwordProtected());
            entry.put("total_mensagens", counts.getOrDefault(room.id(), 0L));
            entry.put("ultima_atividade", room.lastActivityAt().toString());
            entry.put("retencao_dias", retentions.get(room.id()));
            closed.add(entry);
        }
        stats.put("salas_inativas", closed);
        stats.put("conexoes", connections.getAsInt());
        stats.put("tempo_ativo_segundos", Duration.between(startedAt, now).toSeconds());
        Runtime runtime = Runtime.getRuntime();
        stats.put("memoria", Map.of("usada_bytes", runtime.totalMemory() - runtime.freeMemory(),
                "maxima_bytes", runtime.maxMemory()));
        return stats;
    }

    /** Sixty entries, one per minute, the current minute last, zeros included so charts need no gap logic. */
    private List<Map<String, Object>> perMinute(Instant now) {
        Instant currentMinute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant first = currentMinute.minus(Duration.ofMinutes(59));
        Map<Instant, Long> counts = totals.messagesPerMinute(first);
        List<Map<String, Object>> series = new ArrayList<>(60);
        for (int i = 0; i < 60; i++) {
            Instant minute = first.plus(Duration.ofMinutes(i));
            series.add(Map.of("minuto", minute.toString(), "total", counts.getOrDefault(minute, 0L)));
        }
        return series;
    }
}
