package dev.fiveohtwo.slack;

import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.reports.ReportStore;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.triage.Report;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ReportStore} in memory, the last {@value #KEPT} checks, for the fast tests of the Slack handlers; the real
 * store's contract is ReportStoreContract, on H2 and PostgreSQL.
 */
final class MemoryReportStore implements ReportStore {
    private static final int KEPT = 500;
    private final Deque<StoredReport> kept = new ArrayDeque<>();

    @Override
    public synchronized StoredReport save(Report report, String requestedBy) {
        StoredReport s = StoredReport.of(report, requestedBy == null ? "" : requestedBy); // what the real store keeps
        kept.addFirst(s);
        while (kept.size() > KEPT) {
            kept.removeLast();
        }
        return s;
    }

    @Override
    public synchronized Optional<StoredReport> find(String id) {
        return kept.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    @Override
    public synchronized List<StoredReport> history(String server, int limit) {
        return kept.stream().filter(s -> s.server().equals(server)).limit(limit).toList();
    }

    @Override
    public synchronized Optional<StoredReport> lastHealthy(String server, Instant before) {
        return kept.stream()
                .filter(s -> s.server().equals(server)
                        && s.verdict() == Verdict.HEALTHY
                        && s.checkedAt().isBefore(before))
                .findFirst();
    }
}
