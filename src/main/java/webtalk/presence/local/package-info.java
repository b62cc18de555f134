/**
 * The single-node {@link webtalk.chat.Presence} (in memory, never expiring) and
 * {@link webtalk.chat.Leadership} (this node always leads). Cluster implementations sit beside them
 * (for example {@code presence/redis}) and are chosen in {@code app}.
 */
package webtalk.presence.local;
