package webtalk.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A room's slow mode: each member may send one message per {@code N} seconds (0: off); the room's
 * owners and moderators are not slowed. The room's {@code N} is read from the store once per node
 * and then kept up to date by the room events ({@link RoomEvent.SlowModeChanged}, from any node),
 * learned before the room's members here are told them ({@link SendCheck#learn}).
 *
 * <p>Resource budget: per connection, one time per room it sent to under slow mode and the rooms it
 * moderates, both freed when it disconnects ({@link #disconnected}); the cache
 * of rooms' seconds holds rooms that were sent to, and drops a room when it is closed or deleted.
 */
public final class SlowMode implements SendCheck {

    public static final int MAX_SECONDS = 3600;

    private final RoomOwnership store;
    private final Clock clock;
    private final Map<String, Integer> secondsByRoom = new ConcurrentHashMap<>();
    /** connection id → room → when its last message was admitted under slow mode. */
    private final Map<String, Map<String, Instant>> lastSent = new ConcurrentHashMap<>();
    /** connection id → rooms where it proved a key (owner or moderator). */
    private final Map<String, Set<String>> exempt = new ConcurrentHashMap<>();

    public SlowMode(RoomOwnership store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Every node learns a room's new slow mode, live here or not, before its members are told it. */
    @Override
    public void learn(StampedEvent stamped) {
        RoomEvent event = stamped.event();
        if (event instanceof RoomEvent.SlowModeChanged changed) {
            secondsByRoom.put(changed.roomId(), changed.seconds());
        } else if (event instanceof RoomEvent.RoomClosed closed) {
            secondsByRoom.remove(closed.roomId());
        }
    }

    @Override
    public void admit(MemberConnection connection, String roomId, String author) {
        int seconds = seconds(roomId);
        if (seconds == 0 || exempt.getOrDefault(connection.id(), Set.of()).contains(roomId)) {
            return;
        }
        Instant now = clock.instant();
        Map<String, Instant> rooms = lastSent.computeIfAbsent(connection.id(), id -> new ConcurrentHashMap<>());
        Instant last = rooms.get(roomId);
        if (last != null) {
            Duration left = Duration.between(now, last.plusSeconds(seconds));
            if (!left.isNegative() && !left.isZero()) {
                long wait = (left.toMillis() + 999) / 1000;
                throw new ChatException(ChatError.SLOW_MODE, wait);
            }
        }
        rooms.put(roomId, now);
    }

    /** The connection proved a key of the room: its messages there are not slowed. */
    void exempt(String connectionId, String roomId) {
        exempt.computeIfAbsent(connectionId, id -> ConcurrentHashMap.newKeySet()).add(roomId);
    }

    /** The room's seconds as this node knows them (0: off). */
    int seconds(String roomId) {
        return secondsByRoom.computeIfAbsent(roomId, store::slowMode);
    }

    /** The connection is gone: everything kept for it goes. */
    public void disconnected(String connectionId) {
        lastSent.remove(connectionId);
        exempt.remove(connectionId);
    }

    /** Connections with state here; for tests and the resource budget. */
    int connectionsTracked() {
        return Math.max(lastSent.size(), exempt.size());
    }
}
