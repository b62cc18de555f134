package webtalk.admin;

import java.util.List;

/**
 * The admin audit log, append-only. Guarantee: an entry is committed when {@link #appendAudit}
 * returns and gets an id greater than every earlier entry's; {@link #auditLog} lists the newest
 * first, in that order.
 */
public interface AuditTrail {

    /** Stores the entry; its {@code id} is ignored (the trail assigns one). */
    void appendAudit(AuditEntry entry);

    /** The newest {@code limit} entries, newest first. */
    List<AuditEntry> auditLog(int limit);
}
