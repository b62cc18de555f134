package webtalk.chat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The (room, id) pairs recently delivered on this node, so a {@link RoomEvents} implementation can
 * drop an event delivered again (a retried publish, a redelivery after a reconnect). Bounded: the
 * last {@link #PER_ROOM} ids per room (a repeat comes soon after the original, the room's order
 * being kept), and a room's ids go with the room ({@link #forget}).
 * Thread-safe.
 */
public final class DeliveredOnce {

    static final int PER_ROOM = 128;

    private final Map<String, LinkedHashSet<String>> seen = new HashMap<>();

    /** True the first time this event's (room, id) is offered, false for a repeat. */
    public synchronized boolean first(StampedEvent event) {
        LinkedHashSet<String> ids = seen.computeIfAbsent(event.roomId(), room -> new LinkedHashSet<>());
        if (!ids.add(event.id())) {
            return false;
        }
        if (ids.size() > PER_ROOM) {
            var oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** The room is closed or deleted: nothing of it is delivered any more worth remembering. */
    public synchronized void forget(String roomId) {
        seen.remove(roomId);
    }

    synchronized int rooms() {
        return seen.size();
    }
}
