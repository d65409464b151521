package dev.fiveohtwo.slack;

import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.reports.Change;
import dev.fiveohtwo.reports.Changes;
import dev.fiveohtwo.reports.ReportStore;
import dev.fiveohtwo.reports.ReportStoreException;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.system.Printable;
import dev.fiveohtwo.triage.Report;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The findings messages' use of the report store: each check is kept so its buttons work on any replica and after a
 * restart, and a broken one is compared with the server's last healthy check. Neither may cost the findings: when the
 * database cannot answer, the message goes out without buttons that need the kept check, and without the comparison.
 */
@Singleton
class KeptChecks {
    private static final Logger LOG = LoggerFactory.getLogger(KeptChecks.class);
    private final ReportStore store;

    KeptChecks(ReportStore store) {
        this.store = store;
    }

    /** Keeps {@code report}; empty when the database could not take it (logged). */
    Optional<StoredReport> keep(Report report, String requestedBy) {
        try {
            return Optional.of(store.save(report, requestedBy));
        } catch (ReportStoreException e) {
            LOG.warn(
                    "the check of {} was not kept: {}",
                    Printable.line(report.server()),
                    Printable.line(e.getMessage()));
            return Optional.empty();
        }
    }

    /** For a bad-gateway or degraded check: what changed since the last healthy check of its server before it. */
    List<Change> changes(Report report, Optional<StoredReport> kept) {
        if (kept.isEmpty() || (report.verdict() != Verdict.BAD_GATEWAY && report.verdict() != Verdict.DEGRADED)) {
            return List.of();
        }
        StoredReport now = kept.get();
        try {
            return store.lastHealthy(now.server(), now.checkedAt())
                    .map(healthy -> Changes.between(healthy, now))
                    .orElse(List.of());
        } catch (ReportStoreException e) {
            LOG.warn(
                    "changes since the last healthy check of {}: {}",
                    Printable.line(now.server()),
                    Printable.line(e.getMessage()));
            return List.of();
        }
    }
}
