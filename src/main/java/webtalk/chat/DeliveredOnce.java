package webtalk.chat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node has delivered, so a {@link RoomEvents} implementation can drop an event delivered
 * again (a retried publish, a redelivery after a reconnect). A posted message is a repeat when its
 * id is at or below the highest delivered in its room: ids are gap-free per room and delivered in
 * per-room id order ({@link MessageLog}), so one number per room says it (Centrifuge's offsets do
 * the same), and it costs one map update per message on the store's commit thread. Other events
 * are told apart by their stamp, the last {@link #PER_ROOM} per room. A room's state goes with the
 * room ({@link #forget}). Thread-safe.
 */
public final class DeliveredOnce {

    static final int PER_ROOM = 128;

    /** roomId → highest message id delivered. */
    private final ConcurrentHashMap<String, Long> newestMessage = new ConcurrentHashMap<>();
    /** roomId → stamps of its recent events other than messages (a rare path: joins, leaves, typing). */
    private final Map<String, LinkedHashSet<String>> seen = new HashMap<>();

    /** True the first time this event's (room, id) is offered, false for a repeat. */
    public boolean first(StampedEvent event) {
        if (event.event() instanceof RoomEvent.MessagePosted posted) {
            long id = posted.message().id();
            boolean[] fresh = {false};
            newestMessage.compute(event.roomId(), (room, newest) -> {
                if (newest == null || id > newest) {
                    fresh[0] = true;
                    return id;
                }
                return newest;
            });
            return fresh[0];
        }
        synchronized (seen) {
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
    }

    /** The room is closed or deleted: nothing of it is delivered any more worth remembering. */
    public void forget(String roomId) {
        newestMessage.remove(roomId);
        synchronized (seen) {
            seen.remove(roomId);
        }
    }

    int rooms() {
        synchronized (seen) {
            java.util.Set<String> rooms = new java.util.HashSet<>(seen.keySet());
            rooms.addAll(newestMessage.keySet());
            return rooms.size();
        }
    }
}
