package webtalk.presence.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import webtalk.chat.Presence;
import webtalk.redis.RedisConnections;

/**
 * Presence shared by the nodes of a cluster, in Redis, with leases: every membership has an expiry
 * that its node pushes forward in {@link #refresh} (call it every lease/3 or more often); when a
 * node stops (killed, cut off), its members' expiry passes and {@link #sweepExpired} on a
 * surviving node removes them, each to exactly one caller, which tells their rooms they left.
 * Claim, take-over, release, sweep and clear are Lua scripts ({@link PresenceScripts}): atomic across nodes.
 *
 * <p>This node's own memberships are also kept here in memory, authoritative for its connections:
 * {@link #nicknameOf} and {@link #roomsOf}, asked on every send, answer from it without a round
 * trip, so sending needs no Redis at all. They answer for this node's connections only (the
 * domain asks them with the id of a connection it holds); another node's members are seen through
 * {@link #holderOf}, {@link #members} and the counts, which read Redis. Expiry is compared with the nodes'
 * clocks ({@code Clock}): the lease must exceed their skew by far (seconds against NTP's
 * milliseconds).
 *
 * <p>Failure behaviour: with Redis down every method that must ask it throws
 * {@link webtalk.redis.RedisUnavailableException} (a join is refused with
 * {@code armazenamento_indisponivel}). A release forgets the member here first, so even when Redis
 * does not answer, this node stops refreshing it and the member goes with its lease. A member of
 * this node swept by another while this node was paused (longer than the lease) is gone from the
 * room for everyone else; {@link #refresh} returns it, for the domain to claim it back or tell
 * the connection (docs/cluster.md, "Presence after a stall").
 */
public final class RedisPresence implements Presence {

    private static final Logger LOG = LoggerFactory.getLogger(RedisPresence.class);
    /** Members removed per sweep script run (several runs when more are due). */
    static final int SWEEP_BATCH = 500;
    private static final int SWEEP_RUNS_MAX = 20;

    private final RedisConnections redis;
    private final Clock clock;
    private final long leaseMillis;
    private final ObjectMapper json = new ObjectMapper();
    private final String expiryKey;
    private final String roomsKey;
    private final String seqKey;
    /**
     * When this node last failed to refresh (Redis did not answer). A sweep waits two leases after
     * it: a break that cut every node from Redis stopped every node's refreshes too, and the first
     * sweep after it would otherwise take every member of the cluster for a dead node's.
     */
    private volatile long troubleAt = Long.MIN_VALUE / 2;
    /** This node's connections: connectionId → (roomId → nickname), in join order. Guarded by itself. */
    private final Map<String, LinkedHashMap<String, String>> own = new HashMap<>();
    private static final LinkedHashMap<String, String> EMPTY = new LinkedHashMap<>();

    public RedisPresence(RedisConnections redis, Clock clock, Duration lease) {
        this.redis = redis;
        this.clock = clock;
        this.leaseMillis = lease.toMillis();
        this.expiryKey = redis.key("presence:expiry");
        this.roomsKey = redis.key("presence:rooms");
        this.seqKey = redis.key("presence:seq");
    }

    @Override
    public boolean claim(String roomId, Member member) {
        Long claimed = redis.script(PresenceScripts.CLAIM, ScriptOutputType.INTEGER, claimKeys(roomId, member), claimArgs(roomId, member));
        if (claimed == null || claimed != 1) {
            return false;
        }
        rememberOwn(roomId, member);
        return true;
    }

    @Override
    public Optional<String> takeOver(String roomId, Member member) {
        String[] args = claimArgs(roomId, member);
        String[] withPrefix = java.util.Arrays.copyOf(args, args.length + 1);
        withPrefix[args.length] = redis.key("");
        String from = redis.script(PresenceScripts.TAKE_OVER, ScriptOutputType.VALUE, claimKeys(roomId, member), withPrefix);
        if (from != null) {
            forgetOwn(from, roomId);  // the old connection may be this node's
        }
        rememberOwn(roomId, member);
        return Optional.ofNullable(from);
    }

    private String[] claimKeys(String roomId, Member member) {
        return new String[] {roomKey(roomId), connKey(member.connectionId()), expiryKey, roomsKey, seqKey};
    }

    private String[] claimArgs(String roomId, Member member) {
        String memberJson = json.createObjectNode().put("c", member.connectionId()).put("n", member.nickname())
                .put("a", member.address() == null ? "" : member.address()).put("o", redis.node()).toString();
        return new String[] {roomId, member.connectionId(), Presence.key(member.nickname()), memberJson, Long.toString(expiresAt())};
    }

    private void rememberOwn(String roomId, Member member) {
        synchronized (own) {
            LinkedHashMap<String, String> rooms = own.computeIfAbsent(member.connectionId(), c -> new LinkedHashMap<>());
            rooms.remove(roomId);  // a re-claim moves the room to the end, as a fresh join
            rooms.put(roomId, member.nickname());
        }
    }

    @Override
    public Optional<String> release(String roomId, String connectionId) {
        forgetOwn(connectionId, roomId);
        String nickname = redis.script(PresenceScripts.RELEASE, ScriptOutputType.VALUE,
                new String[] {roomKey(roomId), connKey(connectionId), expiryKey, roomsKey}, roomId, connectionId);
        return Optional.ofNullable(nickname);
    }

    @Override
    public Optional<Member> holderOf(String roomId, String nickname) {
        String held = redis.call(r -> r.hget(roomKey(roomId), Presence.key(nickname)));
        return held == null ? Optional.empty() : Optional.of(decode(held).member());
    }

    /** From this node's memory: the domain asks only about its own connections (see the class comment). */
    @Override
    public Optional<String> nicknameOf(String connectionId, String roomId) {
        synchronized (own) {
            return Optional.ofNullable(own.getOrDefault(connectionId, EMPTY).get(roomId));
        }
    }

    /** From this node's memory: the domain asks only about its own connections (see the class comment). */
    @Override
    public List<String> roomsOf(String connectionId) {
        synchronized (own) {
            return new ArrayList<>(own.getOrDefault(connectionId, EMPTY).keySet());
        }
    }

    @Override
    public List<Member> members(String roomId) {
        return inJoinOrder(redis.call(r -> r.hvals(roomKey(roomId))));
    }

    @Override
    public int count(String roomId) {
        return redis.call(r -> r.hlen(roomKey(roomId))).intValue();
    }

    @Override
    public int total() {
        return redis.call(r -> r.zcard(expiryKey)).intValue();
    }

    @Override
    public Set<String> occupiedRooms() {
        return new HashSet<>(redis.call(r -> r.smembers(roomsKey)));
    }

    @Override
    public List<Member> clear(String roomId) {
        List<String> held = redis.script(PresenceScripts.CLEAR, ScriptOutputType.MULTI,
                new String[] {roomKey(roomId), expiryKey, roomsKey}, redis.key(""), roomId);
        List<Member> members = inJoinOrder(held);
        for (Member member : members) {
            forgetOwn(member.connectionId(), roomId);
        }
        return members;
    }

    /**
     * Pushes the lease of each of this node's memberships forward. One that is gone from Redis (swept
     * by another node while this one was stalled past the lease, or taken over by a reclaim through
     * another node) is returned, and still known here until the domain claims it again or releases
     * it: a failure on the way (Redis gone again) leaves it to be found again at the next refresh.
     */
    @Override
    public List<Lost> refresh() {
        List<Lost> held = new ArrayList<>();
        synchronized (own) {
            own.forEach((connection, rooms) -> rooms.forEach((room, nickname) -> held.add(new Lost(room, connection, nickname))));
        }
        if (held.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(held.size() + 1);
        args.add(Long.toString(expiresAt()));
        held.forEach(membership -> args.add(membership.connectionId() + " " + membership.roomId()));
        List<String> gone;
        try {
            gone = redis.script(PresenceScripts.REFRESH, ScriptOutputType.MULTI, new String[] {expiryKey},
                    args.toArray(new String[0]));
        } catch (RuntimeException e) {
            troubleAt = clock.millis();
            throw e;
        }
        if (gone.isEmpty()) {
            return List.of();
        }
        Set<String> goneEntries = new HashSet<>(gone);
        List<Lost> lost = held.stream().filter(m -> goneEntries.contains(m.connectionId() + " " + m.roomId())).toList();
        LOG.warn("{} of this node's {} memberships were gone from Redis (swept by another node while this one stalled past"
                + " the lease, or taken over by a reclaim elsewhere)", lost.size(), held.size());
        return lost;
    }

    @Override
    public List<Expired> sweepExpired() {
        if (clock.millis() - troubleAt < 2 * leaseMillis) {
            return List.of();  // just back from a break: the other nodes' refreshes have not caught up yet
        }
        List<Expired> expired = new ArrayList<>();
        for (int run = 0; run < SWEEP_RUNS_MAX; run++) {
            List<String> flat = redis.script(PresenceScripts.SWEEP, ScriptOutputType.MULTI,
                    new String[] {expiryKey, roomsKey}, redis.key(""), Long.toString(clock.millis()), Integer.toString(SWEEP_BATCH));
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                // One of this node's own (it stalled, and swept before it refreshed) stays known here:
                // the next refresh returns it as lost, for the domain to bring it back.
                expired.add(new Expired(flat.get(i), decode(flat.get(i + 1)).member()));
            }
            if (flat.size() / 2 < SWEEP_BATCH) {
                break;
            }
        }
        return expired;
    }

    private void forgetOwn(String connectionId, String roomId) {
        synchronized (own) {
            Map<String, String> rooms = own.get(connectionId);
            if (rooms != null && rooms.remove(roomId) != null && rooms.isEmpty()) {
                own.remove(connectionId);
            }
        }
    }

    private long expiresAt() {
        return clock.millis() + leaseMillis;
    }

    private String roomKey(String roomId) {
        return redis.key("presence:room:" + roomId);
    }

    private String connKey(String connectionId) {
        return redis.key("presence:conn:" + connectionId);
    }

    private List<Member> inJoinOrder(List<String> held) {
        return held.stream().map(this::decode).sorted(Comparator.comparingLong(Held::sequence)).map(Held::member).toList();
    }

    /** A member as stored, with its join sequence. */
    private record Held(Member member, long sequence) {
    }

    private Held decode(String text) {
        try {
            JsonNode m = json.readTree(text);
            return new Held(new Member(m.path("c").asText(), m.path("n").asText(), m.path("a").asText()), m.path("s").asLong());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a presence entry in Redis is not JSON: " + e.getMessage(), e);
        }
    }
}
