package webtalk.chat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each room's posted messages to delivery once and in id order, whatever order (or loss) the
 * room events bring them with, filling every gap from the {@link MessageLog}. Ids are gap-free per
 * room and commit in id order, so a message is next exactly when its id is the room's delivered
 * position plus one; one that comes early waits here while a repair reads the missing ones from the
 * store, off the delivering thread. A cluster's fan-out (Redis pub/sub) may drop messages across a
 * reconnect, or its publisher may die between commit and publish: {@link #checkPositions} compares
 * the store's newest id per room with the delivered position and repairs a room that lags, so such
 * a message still reaches everyone within the check's period (Centrifuge's position check does the
 * same with its stream offsets).
 *
 * <p>Ids left unused by deleted messages are skipped: a repair that finds nothing more in the store
 * below a waiting message delivers it, since every id below it committed before it was published.
 * Events other than messages pass straight through (they carry no position). Thread-safe; the
 * position map is {@link LiveRooms#lastPublished}, written only through here and delivery.
 */
final class InOrderDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(InOrderDelivery.class);
    /** The stamp of a message read back from the store by a repair (no node published it). */
    static final String REPAIRED = "store";
    /** Messages read per repair step; a longer gap takes several steps. */
    static final int REPAIR_BATCH = 500;
    /** Messages held per room while a gap is repaired; beyond it the newest are dropped (the repair reads them). */
    static final int WAITING_MAX = 2_000;
    private static final int STRIPES = 64;

    private final MessageLog log;
    private final Map<String, Long> position;
    private final Consumer<StampedEvent> deliver;
    private final Executor repairs;
    /** Messages that came before their turn, per room; an entry exists only while a gap is open. */
    private final Map<String, TreeMap<Long, StampedEvent>> waiting = new ConcurrentHashMap<>();
    /** Rooms with a repair queued or running (at most one each). */
    private final Map<String, Boolean> repairing = new ConcurrentHashMap<>();
    /** A lock per stripe of rooms, not per room: bounded however many room ids go by. */
    private final Object[] stripes = new Object[STRIPES];

    InOrderDelivery(MessageLog log, Map<String, Long> position, Consumer<StampedEvent> deliver, Executor repairs) {
        this.log = log;
        this.position = position;
        this.deliver = deliver;
        this.repairs = repairs;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** An event from the room events, of any node. */
    void offer(StampedEvent stamped) {
        if (!(stamped.event() instanceof RoomEvent.MessagePosted posted)) {
            deliver.accept(stamped);
            return;
        }
        String roomId = stamped.roomId();
        long id = posted.message().id();
        boolean gap;
        synchronized (stripeOf(roomId)) {
            long delivered = delivered(roomId);
            if (id <= delivered) {
                return;  // already delivered (its own publish after a repair, or a redelivery)
            }
            gap = id > delivered + 1;
            if (gap) {
                TreeMap<Long, StampedEvent> early = waiting.computeIfAbsent(roomId, room -> new TreeMap<>());
                if (early.size() < WAITING_MAX) {
                    early.put(id, stamped);
                }
            } else {
                deliver.accept(stamped);
                drainWaiting(roomId, 0);
            }
        }
        if (gap) {
            scheduleRepair(roomId);
        }
    }

    /**
     * The store's newest id of each room (all of them, or those the caller asks about): a room whose
     * delivered position is behind is repaired. For the periodic position check; one store read.
     */
    void checkPositions(Map<String, Long> newestStored) {
        newestStored.forEach((roomId, newest) -> {
            if (newest > delivered(roomId)) {
                scheduleRepair(roomId);
            }
        });
    }

    /** Rooms with a gap open now; for tests and the resource budget. */
    int roomsWaiting() {
        return waiting.size();
    }

    private void scheduleRepair(String roomId) {
        if (repairing.putIfAbsent(roomId, Boolean.TRUE) != null) {
            return;
        }
        try {
            repairs.execute(() -> repair(roomId));
        } catch (RuntimeException rejected) {
            // Shutting down: nothing to deliver to any more.
            repairing.remove(roomId);
        }
    }

    private void repair(String roomId) {
        boolean again = false;
        try {
            long from;
            long waitedBeforeRead;
            synchronized (stripeOf(roomId)) {
                from = delivered(roomId);
                TreeMap<Long, StampedEvent> early = waiting.get(roomId);
                // Every id below a message already waiting committed before it was published, so
                // the read below sees them all; a message that arrives during the read proves nothing.
                waitedBeforeRead = early == null || early.isEmpty() ? 0 : early.lastKey();
            }
            List<Message> missing = log.after(roomId, from, REPAIR_BATCH);
            synchronized (stripeOf(roomId)) {
                for (Message message : missing) {
                    if (message.id() > delivered(roomId)) {
                        deliver.accept(new StampedEvent(REPAIRED, 0, new RoomEvent.MessagePosted(message)));
                    }
                }
                boolean storeHasNoMore = missing.size() < REPAIR_BATCH;
                drainWaiting(roomId, storeHasNoMore ? waitedBeforeRead : 0);
                again = !storeHasNoMore;
            }
            if (!missing.isEmpty()) {
                LOG.debug("room {}: {} messages delivered from the store after a gap", roomId, missing.size());
            }
        } catch (RuntimeException e) {
            // The store is down: the next position check (or the next early message) tries again.
            LOG.warn("room {}: repairing a gap in delivery failed: {}", roomId, e.toString());
        } finally {
            repairing.remove(roomId);
        }
        if (again) {
            scheduleRepair(roomId);
        }
    }

    /**
     * Delivers the waiting messages that are now next. A head at or below {@code gapsClosedUpTo}
     * (a repair just read everything the store has below it) is delivered even past a gap: the ids
     * in between were deleted.
     */
    private void drainWaiting(String roomId, long gapsClosedUpTo) {
        TreeMap<Long, StampedEvent> early = waiting.get(roomId);
        if (early == null) {
            return;
        }
        while (!early.isEmpty()) {
            Map.Entry<Long, StampedEvent> head = early.firstEntry();
            long delivered = delivered(roomId);
            if (head.getKey() <= delivered) {
                early.pollFirstEntry();
            } else if (head.getKey() == delivered + 1 || head.getKey() <= gapsClosedUpTo) {
                early.pollFirstEntry();
                deliver.accept(head.getValue());
            } else {
                break;
            }
        }
        if (early.isEmpty()) {
            waiting.remove(roomId);
        }
    }

    private long delivered(String roomId) {
        return position.getOrDefault(roomId, 0L);
    }

    private Object stripeOf(String roomId) {
        return stripes[Math.floorMod(roomId.hashCode(), STRIPES)];
    }
}
