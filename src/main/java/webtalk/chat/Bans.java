package webtalk.chat;

import java.time.Instant;
import java.util.List;

/**
 * Bans per room. Guarantee: a ban added is committed when {@link #addBan} returns, and is in force
 * (returned by {@link #bans}) exactly while {@code now} is before its {@link Ban#until()}; times are
 * the caller's (its clock), never the store's.
 */
public interface Bans {

    void addBan(Ban ban);

    /** The room's bans still in force at {@code now}. */
    List<Ban> bans(String roomId, Instant now);
}
