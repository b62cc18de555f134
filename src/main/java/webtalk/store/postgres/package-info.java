/**
 * The cluster's store: PostgreSQL shared by every node ({@link webtalk.store.postgres.PostgresChatStore}
 * implements every storage port over a small HikariCP pool and one group-commit writer
 * connection). Schema migrations: resources {@code db/migration/postgresql} (Flyway), the final
 * schema of the SQLite store's V1..V6.
 *
 * <p>Depends inward only, as the SQLite store does: on {@code webtalk.chat}, {@code webtalk.admin}
 * (AuditTrail), {@code webtalk.security} (AdminCredentials) and {@code webtalk.config}
 * (DatabaseUrl). Inside, no loop: {@code PostgresChatStore} → {@code PostgresMessageWriter} →
 * {@code MessageBatchSql} → {@code MessageRows}.
 *
 * <p>Message ids are per room, gap-free, in commit order, with any number of nodes writing: a
 * batch locks its rooms' rows in id order and advances each room's {@code last_message_id} in the
 * same transaction as the insert (see {@code MessageBatchSql}).
 */
package webtalk.store.postgres;
