/**
 * The cluster's shared live state in Redis: {@link webtalk.chat.Presence} with leases (a dead
 * node's members expire and are swept by a survivor), {@link webtalk.chat.Leadership} as a lease
 * key, admin sessions, and the directory of live nodes. Atomic steps are Lua scripts; a standalone
 * Redis is assumed (scripts reach keys they compute, which Redis Cluster forbids).
 */
package webtalk.presence.redis;
