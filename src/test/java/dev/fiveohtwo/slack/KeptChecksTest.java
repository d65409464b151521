package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.reports.ReportStore;
import dev.fiveohtwo.reports.ReportStoreException;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.triage.Report;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A database that cannot answer costs the findings message its kept-check extras, never the message. */
class KeptChecksTest {
    final ReportStore store = mock(ReportStore.class);
    final KeptChecks kept = new KeptChecks(store);
    final Report broken = new Report(
            "web-01",
            "local",
            true,
            Verdict.BAD_GATEWAY,
            300,
            Instant.parse("2026-11-21T10:44:00Z"),
            List.of(),
            List.of(),
            Optional.empty(),
            List.of());

    @Test
    void aCheckTheDatabaseRefusesIsNotKeptAndNothingIsThrown() {
        when(store.save(any(), any())).thenThrow(new ReportStoreException("connection refused", null));

        assertEquals(Optional.empty(), kept.keep(broken, "UBOB"));
    }

    @Test
    void noChangesAreShownWhenTheLastHealthyCheckCannotBeRead() {
        StoredReport now = new StoredReport(
                "r1",
                "web-01",
                broken.checkedAt(),
                Verdict.BAD_GATEWAY,
                Optional.empty(),
                "502",
                "UBOB",
                "",
                Map.of("front", "502"));
        when(store.lastHealthy(any(), any())).thenThrow(new ReportStoreException("connection reset", null));

        assertEquals(List.of(), kept.changes(broken, Optional.of(now)));
    }

    @Test
    void aHealthyCheckIsNotComparedWithAnything() {
        Report healthy = new Report(
                "web-01",
                "local",
                true,
                Verdict.HEALTHY,
                300,
                broken.checkedAt(),
                List.of(),
                List.of(),
                Optional.empty(),
                List.of());
        StoredReport now = new StoredReport(
                "r2", "web-01", broken.checkedAt(), Verdict.HEALTHY, Optional.empty(), "ok", "UBOB", "", Map.of());

        assertEquals(List.of(), kept.changes(healthy, Optional.of(now)));
        org.mockito.Mockito.verifyNoInteractions(store);
    }
}
