package webtalk.admin;

import java.time.Clock;
import java.util.List;

/** Keeps every admin action (moderation, deletions, settings, logins) in the store, for the panel. Never a password. */
public final class AuditLog {

    private final AuditTrail store;
    private final Clock clock;

    public AuditLog(AuditTrail store, Clock clock) {
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
