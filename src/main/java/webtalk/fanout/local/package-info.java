/**
 * The single-node {@link webtalk.chat.RoomEvents}: events are delivered in process, on the
 * publishing thread. A cluster implementation (for example {@code fanout/redis}) sits beside it and
 * is chosen in {@code app}.
 */
package webtalk.fanout.local;
