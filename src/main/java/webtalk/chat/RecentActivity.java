package webtalk.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last few things that happened (rooms created, people joining and leaving), for the admin dashboard. */
public final class RecentActivity {

    public record Entry(Instant at, String text) {
    }

    private final int capacity;
    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>();

    public RecentActivity(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    public synchronized void record(String text) {
        entries.addFirst(new Entry(clock.instant(), text));
        while (entries.size() > capacity) {
            entries.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }
}
