package webtalk.admin;

import java.time.Clock;
import java.util.List;
import webtalk.store.ChatStore;

/** Keeps every admin action (moderation, deletions, settings, logins) in the store, for the panel. Never a password. */
public final class AuditLog {

    private final ChatStore store;
    private final Clock clock;

    public AuditLog(ChatStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(String action, String roomId, String target, String detail, String address) {
        store.appendAudit(new AuditEntry(0, clock.instant(), action, roomId, target, detail, address));
    }

    public List<AuditEntry> newest(int limit) {
        return store.auditLog(limit);
    }
}
