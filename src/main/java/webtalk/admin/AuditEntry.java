package webtalk.admin;

import java.time.Instant;

/** One admin action, as kept in the audit log: what, on which room and target, from which address. */
public record AuditEntry(long id, Instant at, String action, String roomId, String target, String detail, String address) {
}
