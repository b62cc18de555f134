package webtalk.chat;

/**
 * Whether the store can take messages now, read on every send: one volatile read of an immutable
 * value, so the healthy path costs nothing more. {@code accepting} is what a sender sees: false
 * while the store is known down, so senders are refused at once with {@link #refusal()} instead of
 * queueing for a commit that will fail; the store reopens it from time to time to try again (one
 * batch tells whether the condition cleared) without reporting itself healthy until a commit works.
 *
 * @param status what the last outcome says
 * @param reason why it is not {@link Status#OK}, for the log and the health endpoint; "" when ok
 * @param accepting whether senders may queue messages
 */
public record StoreHealth(Status status, String reason, boolean accepting) {

    public enum Status {
        /** The last batch committed. */
        OK,
        /** The last batch failed for want of space: no room on disk (or for the database; SQLITE_FULL in SQLite). */
        DISK_FULL,
        /** Batch after batch failed, or the writer cannot run at all. */
        FAILING
    }

    public static final StoreHealth OK = new StoreHealth(Status.OK, "", true);

    public boolean ok() {
        return status == Status.OK;
    }

    /** The code a sender is refused with while not {@link #accepting}. */
    public ChatError refusal() {
        return status == Status.DISK_FULL ? ChatError.DISK_FULL : ChatError.STORE_UNAVAILABLE;
    }

    /** This health with senders let in ({@code true}) or kept out. */
    public StoreHealth accepting(boolean value) {
        return value == accepting ? this : new StoreHealth(status, reason, value);
    }

    @Override
    public String toString() {
        return ok() ? "ok" : status.name().toLowerCase(java.util.Locale.ROOT) + " (" + reason + ")";
    }
}
