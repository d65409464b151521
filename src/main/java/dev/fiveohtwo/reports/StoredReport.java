package dev.fiveohtwo.reports;

import dev.fiveohtwo.checks.Redactor;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.triage.Report;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One check as it was kept: enough for a button on an old message (fix guide, re-check, raw output), the history and
 * the comparison with the last healthy check, on any replica and after a restart. Everything in it is redacted.
 *
 * @param id          opaque, unguessable; what the message's buttons carry
 * @param topCause    the top finding's article id, if any
 * @param headline    the verdict in words, as {@code Report.headline()} said it
 * @param requestedBy who asked: a Slack user id, {@code cli:<user>} or {@code alert:<name>}
 * @param raw         the collector's raw output, redacted, at most {@link RawText#CAP} characters
 * @param facts       the comparable facts of the host (restarts per service, unit states, memory, disk, ...): {@link Facts}
 */
public record StoredReport(
        String id,
        String server,
        Instant checkedAt,
        Verdict verdict,
        Optional<String> topCause,
        String headline,
        String requestedBy,
        String raw,
        Map<String, String> facts) {

    /**
     * A finished check as it is kept, with a new id: its raw output, headline and facts passed through the redactor
     * once more (the collector's sections are masked as they are read; a kept copy must not depend on that alone).
     */
    public static StoredReport of(Report report, String requestedBy) {
        String raw = report.evidence().map(e -> RawText.of(e.raw())).orElse("");
        SortedMap<String, String> facts = new TreeMap<>();
        Facts.of(report).forEach((k, v) -> facts.put(Redactor.redact(k), Redactor.redact(v)));
        return new StoredReport(
                ReportIds.next(),
                report.server(),
                report.checkedAt().truncatedTo(ChronoUnit.MILLIS),
                report.verdict(),
                report.top().map(Finding::id),
                headline(Redactor.redact(report.headline())),
                requestedBy,
                RawText.capped(Redactor.redact(raw)),
                Collections.unmodifiableSortedMap(facts));
    }

    /** The column holds 1000 characters; a headline is a verdict and an article's title, far shorter. */
    private static String headline(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
