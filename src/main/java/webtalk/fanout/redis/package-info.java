/**
 * The cluster's {@link webtalk.chat.RoomEvents} and {@link webtalk.chat.SettingsChanges} over Redis
 * pub/sub: one channel each for the deployment, events as compact JSON ({@link
 * webtalk.fanout.redis.EventCodec}). Pub/sub is at most once: a node that misses messages (a
 * reconnect) repairs posted messages from the store; the subscription probe makes the miss visible.
 */
package webtalk.fanout.redis;
