package webtalk.chat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's members whose presence was lost while the node stalled past its lease
 * (docs/cluster.md, "Presence after a stall"): another node swept them and told their rooms
 * {@code usuario_saiu}, or a reclaim through another node took their name over, while their
 * connections stayed here, subscribed. Each is settled under its room's lock, so no join, leave or
 * event of the room comes between: a connection still here, still in the room under that name,
 * claims the name again and the room is told {@code usuario_entrou} (on every node, as for a
 * join); if someone else holds the name now, the connection leaves the room and is told
 * {@code presenca_perdida}, and its page joins again. Anything else (the connection went, left or
 * joined again meanwhile) is only forgotten.
 */
final class LostMemberships {

    private static final Logger LOG = LoggerFactory.getLogger(LostMemberships.class);

    private final LiveRooms rooms;
    private final RoomEvents events;

    LostMemberships(LiveRooms rooms, RoomEvents events) {
        this.rooms = rooms;
        this.events = events;
    }

    /** What became of a lost membership. */
    private enum Outcome { BACK, TOLD_TO_JOIN_AGAIN, FORGOTTEN }

    /**
     * Pushes this node's presence forward and settles what it lost; the housekeeping calls it. A
     * failure (Redis gone again) leaves the rest lost, to be found and settled at the next refresh.
     */
    void refresh() {
        List<Presence.Lost> lost = rooms.presence.refresh();
        if (lost.isEmpty()) {
            return;
        }
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (Presence.Lost membership : lost) {
            outcomes.merge(settle(membership), 1, Integer::sum);
        }
        LOG.info("memberships lost while this node stalled: {} claimed back and announced, {} told to join again"
                        + " (name taken), {} forgotten (connection gone or left)", outcomes.getOrDefault(Outcome.BACK, 0),
                outcomes.getOrDefault(Outcome.TOLD_TO_JOIN_AGAIN, 0), outcomes.getOrDefault(Outcome.FORGOTTEN, 0));
    }

    private Outcome settle(Presence.Lost lost) {
        String roomId = lost.roomId();
        Presence presence = rooms.presence;
        Object lock = rooms.lockIfLive(roomId);
        if (lock == null) {
            presence.release(roomId, lost.connectionId());  // the room was closed here meanwhile
            return Outcome.FORGOTTEN;
        }
        synchronized (lock) {
            Optional<MemberConnection> connection = rooms.connections.find(lost.connectionId());
            boolean stillThere = rooms.holds(roomId, lock) && connection.isPresent()
                    && presence.nicknameOf(lost.connectionId(), roomId).filter(lost.nickname()::equals).isPresent();
            if (!stillThere) {
                presence.release(roomId, lost.connectionId());
                return Outcome.FORGOTTEN;
            }
            Optional<Presence.Member> holder = presence.holderOf(roomId, lost.nickname());
            if (holder.isPresent() && holder.get().connectionId().equals(lost.connectionId())) {
                return Outcome.BACK;  // claimed again already (it joined again meanwhile)
            }
            MemberConnection member = connection.get();
            if (holder.isEmpty() && presence.claim(roomId, new Presence.Member(member.id(), lost.nickname(), member.address()))) {
                rooms.reclaimKeys.backOnline(roomId, lost.nickname());
                events.publish(new RoomEvent.UserJoined(roomId, lost.nickname(), presence.count(roomId)));
                return Outcome.BACK;
            }
            presence.release(roomId, member.id());
            rooms.unsubscribe(member, roomId);
            member.outOfRoom(roomId, ChatError.PRESENCE_LOST);
            return Outcome.TOLD_TO_JOIN_AGAIN;
        }
    }
}
