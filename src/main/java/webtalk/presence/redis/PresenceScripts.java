package webtalk.presence.redis;

/**
 * The Lua scripts that make presence changes atomic in Redis: each runs alone on the server, so a
 * claim's check-then-set, and a sweep's take-and-remove, cannot interleave with another node's.
 *
 * <p>Keys (under the deployment's prefix): {@code presence:room:<room>} hash name key → member
 * JSON {@code {c,n,a,o,s}} (connection, nickname, address, node, join sequence);
 * {@code presence:conn:<connection>} hash room → name key; {@code presence:expiry} sorted set of
 * {@code "<connection> <room>"} by expiry (epoch ms); {@code presence:rooms} set of occupied rooms;
 * {@code presence:seq} the join counter. Sweep and clear reach keys they compute from the prefix,
 * which a standalone Redis (not Redis Cluster) allows. Connection ids (the server's random session
 * ids) contain no space; room ids may.
 */
final class PresenceScripts {

    private PresenceScripts() {
    }

    /**
     * The end of a claim, once the name is free for the connection (ARGV[2]): its old name in the
     * room goes, the member is stored with the next join sequence, and its lease starts.
     */
    private static final String STORE_MEMBER = """
            local old = redis.call('HGET', KEYS[2], ARGV[1])
            if old then
              local oldHeld = redis.call('HGET', KEYS[1], old)
              if oldHeld and cjson.decode(oldHeld).c == ARGV[2] then redis.call('HDEL', KEYS[1], old) end
            end
            local member = cjson.decode(ARGV[4])
            member.s = redis.call('INCR', KEYS[5])
            redis.call('HSET', KEYS[1], ARGV[3], cjson.encode(member))
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
            redis.call('ZADD', KEYS[3], ARGV[5], ARGV[2] .. ' ' .. ARGV[1])
            redis.call('SADD', KEYS[4], ARGV[1])
            """;

    /** KEYS room, conn, expiry, rooms, seq; ARGV room, connection, nameKey, member JSON, expiresAt → 1 claimed, 0 taken. */
    static final String CLAIM = """
            local held = redis.call('HGET', KEYS[1], ARGV[3])
            if held and cjson.decode(held).c ~= ARGV[2] then return 0 end
            """ + STORE_MEMBER + """
            return 1
            """;

    /**
     * KEYS room, conn, expiry, rooms, seq; ARGV room, connection, nameKey, member JSON, expiresAt,
     * prefix → the connection the name was taken from, or nil if it was free. The holder's
     * membership is released (as {@link #RELEASE} would) and the name claimed in one script: a
     * stalled node's claim for the old connection cannot come between the two.
     */
    static final String TAKE_OVER = """
            local from = false
            local held = redis.call('HGET', KEYS[1], ARGV[3])
            if held then
              local holder = cjson.decode(held).c
              if holder ~= ARGV[2] then
                from = holder
                redis.call('HDEL', ARGV[6] .. 'presence:conn:' .. holder, ARGV[1])
                redis.call('ZREM', KEYS[3], holder .. ' ' .. ARGV[1])
                redis.call('HDEL', KEYS[1], ARGV[3])
              end
            end
            """ + STORE_MEMBER + """
            return from
            """;

    /** KEYS room, conn, expiry, rooms; ARGV room, connection → the released nickname, or nil. */
    static final String RELEASE = """
            local key = redis.call('HGET', KEYS[2], ARGV[1])
            if not key then return false end
            redis.call('HDEL', KEYS[2], ARGV[1])
            redis.call('ZREM', KEYS[3], ARGV[2] .. ' ' .. ARGV[1])
            local nickname = false
            local held = redis.call('HGET', KEYS[1], key)
            if held then
              local m = cjson.decode(held)
              if m.c == ARGV[2] then
                redis.call('HDEL', KEYS[1], key)
                nickname = m.n
              end
            end
            if redis.call('HLEN', KEYS[1]) == 0 then redis.call('SREM', KEYS[4], ARGV[1]) end
            return nickname
            """;

    /**
     * KEYS expiry; ARGV expiresAt, "<connection> <room>"… → the entries no longer there (swept or
     * taken over meanwhile: not brought back here, the domain decides), the others' expiry pushed forward.
     */
    static final String REFRESH = """
            local gone = {}
            for i = 2, #ARGV do
              if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
                redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i])
              else
                table.insert(gone, ARGV[i])
              end
            end
            return gone
            """;

    /**
     * KEYS expiry, rooms; ARGV prefix, now, limit → flat list room, member JSON, … of the members
     * whose expiry passed, each removed here: two nodes sweeping at once each get different ones.
     */
    static final String SWEEP = """
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
            local out = {}
            for _, entry in ipairs(due) do
              redis.call('ZREM', KEYS[1], entry)
              local space = string.find(entry, ' ', 1, true)
              local conn = string.sub(entry, 1, space - 1)
              local room = string.sub(entry, space + 1)
              local connKey = ARGV[1] .. 'presence:conn:' .. conn
              local roomKey = ARGV[1] .. 'presence:room:' .. room
              local key = redis.call('HGET', connKey, room)
              if key then
                redis.call('HDEL', connKey, room)
                local held = redis.call('HGET', roomKey, key)
                if held and cjson.decode(held).c == conn then
                  redis.call('HDEL', roomKey, key)
                  table.insert(out, room)
                  table.insert(out, held)
                end
              end
              if redis.call('HLEN', roomKey) == 0 then redis.call('SREM', KEYS[2], room) end
            end
            return out
            """;

    /** KEYS room, expiry, rooms; ARGV prefix, room → the member JSONs the room had. */
    static final String CLEAR = """
            local all = redis.call('HGETALL', KEYS[1])
            local out = {}
            for i = 1, #all, 2 do
              local m = cjson.decode(all[i + 1])
              local connKey = ARGV[1] .. 'presence:conn:' .. m.c
              if redis.call('HGET', connKey, ARGV[2]) == all[i] then redis.call('HDEL', connKey, ARGV[2]) end
              redis.call('ZREM', KEYS[2], m.c .. ' ' .. ARGV[2])
              table.insert(out, all[i + 1])
            end
            redis.call('DEL', KEYS[1])
            redis.call('SREM', KEYS[3], ARGV[2])
            return out
            """;
}
