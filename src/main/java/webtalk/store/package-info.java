/**
 * Implementations of the storage ports, one subpackage per engine: {@code sqlite} now,
 * {@code postgres} for a cluster (issue #13). The ports belong to the domain ({@code webtalk.chat}:
 * {@code Rooms}, {@code MessageLog}, {@code Bans}, {@code SettingsStore}, {@code MessageStats};
 * {@code webtalk.admin.AuditTrail}; {@code webtalk.security.AdminCredentials}) and say their
 * guarantees there; the contract tests under {@code webtalk.chat.ports} (tests) check them, and
 * every implementation runs them.
 *
 * <p>The rule: arrows point inward. An implementation imports the domain; {@code chat} imports
 * nothing of {@code webtalk.store}, and a store imports {@code admin} only to implement
 * {@code AuditTrail}. The application ({@code webtalk.app}) is the one place that chooses an
 * implementation and hands each caller the narrow port it needs. Migrations live in resources
 * {@code db/migration/<engine>}.
 */
package webtalk.store;
