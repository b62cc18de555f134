package webtalk.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last few things that happened (rooms created, people joining and leaving), for the admin dashboard. */
public final class RecentActivity {

    /**
     * What happened, as a stable code ({@code tipo}) so that a page says it in its reader's language;
     * the Portuguese template is the server's own text ({@code texto}).
     */
    public enum Kind {
        ROOM_CREATED("sala_criada", "Sala \"%s\" criada por %s"),
        JOINED("entrou", "%2$s entrou na sala \"%1$s\""),
        LEFT("saiu", "%2$s saiu da sala \"%1$s\""),
        ROOM_DELETED("sala_excluida", "Sala \"%s\" excluída pelo administrador"),
        ROOM_IDLE_CLOSED("sala_encerrada_inatividade", "Sala %s encerrada por inatividade"),
        ROOM_REOPENED("sala_reaberta", "Sala \"%s\" reaberta pelo administrador");

        private final String code;
        private final String template;

        Kind(String code, String template) {
            this.code = code;
            this.template = template;
        }

        public String code() {
            return code;
        }
    }

    /** {@code room} is the room's name (its code when the name is not at hand); {@code person} may be null. */
    public record Entry(Instant at, Kind kind, String room, String person) {

        /** The Portuguese line, as the dashboard showed it before entries had a {@code tipo}. */
        public String text() {
            return String.format(kind.template, room, person);
        }
    }

    private final int capacity;
    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>();

    public RecentActivity(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    public synchronized void record(Kind kind, String room, String person) {
        entries.addFirst(new Entry(clock.instant(), kind, room, person));
        while (entries.size() > capacity) {
            entries.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }
}
