package webtalk.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link AuditTrail} guarantees: entries kept as given, listed newest first, at most the limit. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class AuditTrailContract {

    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

    /** A trail over a fresh, empty store, and how to close it. */
    public record Opened(AuditTrail trail, AutoCloseable resource) {
    }

    protected abstract Opened openAuditTrail() throws Exception;

    private Opened opened;

    @BeforeEach
    void open() throws Exception {
        opened = openAuditTrail();
    }

    @AfterEach
    void close() throws Exception {
        opened.resource().close();
    }

    @Test
    void entriesAreListedNewestFirstUpToTheLimit() {
        AuditTrail trail = opened.trail();
        assertEquals(List.of(), trail.auditLog(10));
        for (int i = 0; i < 5; i++) {
            trail.appendAudit(new AuditEntry(0, T.plusSeconds(i), "acao" + i, "r" + i, "alvo" + i, "detalhe" + i, "10.0.0." + i));
        }
        List<AuditEntry> newest = trail.auditLog(3);
        assertEquals(List.of("acao4", "acao3", "acao2"), newest.stream().map(AuditEntry::action).toList());
        assertTrue(newest.get(0).id() > newest.get(1).id() && newest.get(1).id() > newest.get(2).id(), "ids grow with each entry");
        AuditEntry e = newest.get(0);
        assertEquals(new AuditEntry(e.id(), T.plusSeconds(4), "acao4", "r4", "alvo4", "detalhe4", "10.0.0.4"), e, "kept as given");
        assertEquals(5, trail.auditLog(50).size());
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        opened.trail().appendAudit(new AuditEntry(0, T, "login", null, null, null, null));
        AuditEntry e = opened.trail().auditLog(1).get(0);
        assertEquals(new AuditEntry(e.id(), T, "login", null, null, null, null), e);
    }
}
