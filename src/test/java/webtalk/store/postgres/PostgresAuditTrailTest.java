package webtalk.store.postgres;

import webtalk.admin.AuditTrailContract;

/** The {@link AuditTrailContract} on PostgreSQL, a fresh schema per test. */
class PostgresAuditTrailTest extends AuditTrailContract {

    @Override
    protected Opened openAuditTrail() {
        PostgresStoreUnderTest opened = PostgresStoreUnderTest.open();
        return new Opened(opened.store(), opened);
    }
}
