/**
 * What the Redis implementations of the cluster's live state share: one client, its command and
 * pub/sub connections, the deployment's key prefix, and the probe that tells whether this node's
 * subscription still hears anything. Implementations live beside the local ones
 * ({@code fanout/redis}, {@code presence/redis}); {@code app} wires them.
 */
package webtalk.redis;
