package webtalk.chat;

import java.time.Instant;
import java.util.List;

/**
 * Bans per room. Guarantee: a ban added is committed when {@link #addBan} returns, and is in force
 * (returned by {@link #bans}) exactly while {@code now} is before its {@link Ban#until()} and it has
 * not been {@link #liftBan lifted}; times are the caller's (its clock), never the store's. Each ban
 * gets an id, unique in the store, that {@link #numberedBans} shows and {@link #liftBan} takes.
 */
public interface Bans {

    /** A ban in force with the id the store gave it (to lift it by). */
    record Numbered(long id, Ban ban) {
    }

    void addBan(Ban ban);

    /** The room's bans still in force at {@code now}. */
    List<Ban> bans(String roomId, Instant now);

    /** The room's bans still in force at {@code now}, with their ids, oldest first. */
    List<Numbered> numberedBans(String roomId, Instant now);

    /**
     * Ends the room's ban {@code id} now: committed when it returns, never in force again.
     *
     * @return false if the room has no such ban in force at {@code now} (unknown, another room's, expired or lifted)
     */
    boolean liftBan(String roomId, long id, Instant now);
}
