package dev.fiveohtwo.slack;

import dev.fiveohtwo.checks.Sections;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.reports.ReportStore;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.triage.Report;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ReportStore} in memory, the last {@value #KEPT} checks: temporary until the JDBC store lands. It keeps
 * nothing across a restart and shares nothing between replicas.
 */
@Singleton
@Secondary
final class MemoryReportStore implements ReportStore {
    private static final int KEPT = 500;
    private final SecureRandom random = new SecureRandom();
    private final Deque<StoredReport> kept = new ArrayDeque<>();

    @Override
    public synchronized StoredReport save(Report report, String requestedBy) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        StoredReport s = new StoredReport(HexFormat.of().formatHex(id), report.server(), report.checkedAt(), report.verdict(),
            report.top().map(Finding::id), report.headline(), requestedBy == null ? "" : requestedBy,
            report.evidence().map(e -> raw(e.raw())).orElse(""), Map.of());
        kept.addFirst(s);
        while (kept.size() > KEPT) {
            kept.removeLast();
        }
        return s;
    }

    /** The collector's sections (already masked) as one text, each under its name. */
    private static String raw(Sections sections) {
        StringBuilder out = new StringBuilder();
        sections.text().forEach((name, text) -> out.append("==== ").append(name).append(" ====\n")
            .append(text.isBlank() ? "(empty)\n" : text.endsWith("\n") ? text : text + "\n"));
        return out.toString();
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
        return kept.stream().filter(s -> s.server().equals(server) && s.verdict() == Verdict.HEALTHY && s.checkedAt().isBefore(before))
            .findFirst();
    }
}
