/**
 * The embedded store: one SQLite file in WAL mode ({@link webtalk.store.sqlite.SqliteChatStore}
 * implements every storage port over one database and one group-commit writer thread), its
 * online backup, and the writer's health. Schema migrations: resources {@code db/migration/sqlite}
 * (Flyway; Java ones in {@code db.migration.sqlite}).
 *
 * <p>Depends inward only: on {@code webtalk.chat} (the ports and their records), on
 * {@code webtalk.admin} to implement {@code AuditTrail}, on {@code webtalk.security} to implement
 * {@code AdminCredentials}; nothing in those packages imports this one. Inside, the files form no
 * loop: {@code SqliteChatStore} → {@code SqliteMessageWriter} → {@code MessageBatchSql} →
 * {@code MessageRows}.
 *
 * <p>Message ids are per room, gap-free, in commit order: the room's {@code last_message_id} is
 * advanced in the same transaction as the insert (see {@code MessageBatchSql}, and V6).
 */
package webtalk.store.sqlite;
