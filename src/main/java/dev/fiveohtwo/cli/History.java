package dev.fiveohtwo.cli;

import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.reports.Change;
import dev.fiveohtwo.reports.Changes;
import dev.fiveohtwo.reports.JdbcReportStore;
import dev.fiveohtwo.reports.ReportStoreException;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.ReportJson;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * What {@code check} keeps of its reports, and what it says about the last healthy check of a server that is not
 * healthy now. The store is opened once, while the check runs ({@link #open}) or on first use; when it cannot be, the
 * check goes on and one line on stderr says why nothing is kept. Triage's threads call it for {@code --format jsonl}: its methods are synchronized.
 */
final class History implements AutoCloseable {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private final Supplier<Optional<KeptReports>> opener;
    private final String requestedBy;
    private final String where;
    private final PrintStream err;
    private final Map<Report, StoredReport> prepared = new IdentityHashMap<>();
    private CompletableFuture<Optional<KeptReports>> opening;
    private Optional<KeptReports> kept;
    private boolean failed;

    /** The last healthy check of a server and what changed since. */
    record Comparison(StoredReport healthy, List<Change> changes) {}

    History(Supplier<Optional<KeptReports>> opener, String requestedBy, String where, PrintStream err) {
        this.opener = opener;
        this.requestedBy = requestedBy;
        this.where = where;
        this.err = err;
    }

    /**
     * Starts opening the store on a thread of its own, so that it is open by the time the check is done: the check
     * mostly waits for the server, and the database's start-up then costs no wall time.
     */
    synchronized void open() {
        if (opening == null) {
            opening = CompletableFuture.supplyAsync(opener, task -> {
                Thread t = new Thread(task, "fiveohtwo-history");
                t.setDaemon(true);
                t.start();
            });
        }
    }

    /** For a bad-gateway or degraded report: the server's last kept healthy check, with the changes since. */
    synchronized Optional<Comparison> comparison(Report report) {
        if (report.verdict() != Verdict.BAD_GATEWAY && report.verdict() != Verdict.DEGRADED) {
            return Optional.empty();
        }
        Optional<JdbcReportStore> store = store();
        if (store.isEmpty()) {
            return Optional.empty();
        }
        StoredReport now = prepare(report);
        try {
            return store.get()
                    .lastHealthy(report.server(), now.checkedAt())
                    .map(h -> new Comparison(h, Changes.between(h, now)));
        } catch (ReportStoreException e) {
            fail(e);
            return Optional.empty();
        }
    }

    /** Keeps the reports; after the first failure, none more. */
    synchronized void keep(List<Report> reports) {
        for (Report r : reports) {
            Optional<JdbcReportStore> store = store();
            if (store.isEmpty()) {
                return;
            }
            try {
                store.get().save(prepare(r));
            } catch (ReportStoreException e) {
                fail(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (opening != null) {
            try {
                opening.join().ifPresent(KeptReports::close);
            } catch (CompletionException e) {
                // it never opened: nothing to close, and the check said why if it tried to use it
            }
        }
    }

    /** A report's JSON with {@code changedSince} and {@code changes} (see the README's JSON schema). */
    static Map<String, Object> json(Report report, Optional<Comparison> comparison) {
        Map<String, Object> m = new LinkedHashMap<>(ReportJson.of(report));
        m.put(
                "changedSince",
                comparison.map(c -> c.healthy().checkedAt().toString()).orElse(null));
        List<Map<String, Object>> changes = new ArrayList<>();
        comparison.ifPresent(c -> c.changes().forEach(ch -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("what", ch.what());
            x.put("before", ch.before());
            x.put("after", ch.after());
            x.put("text", ch.describe());
            changes.add(x);
        }));
        m.put("changes", changes);
        return m;
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    /** One StoredReport per report, so the comparison and the saved row are the same (one id, one set of facts). */
    private StoredReport prepare(Report report) {
        return prepared.computeIfAbsent(report, r -> StoredReport.of(r, requestedBy));
    }

    private Optional<JdbcReportStore> store() {
        if (failed) {
            return Optional.empty();
        }
        if (kept == null) {
            open();
            try {
                kept = opening.join();
            } catch (CompletionException e) {
                kept = Optional.empty();
                if (!(e.getCause() instanceof ReportStoreException cause)) {
                    throw e;
                }
                fail(cause);
            }
        }
        return kept.map(KeptReports::store);
    }

    private void fail(ReportStoreException e) {
        if (!failed) {
            failed = true;
            err.println("fiveohtwo: this check is not kept in the history (" + where + "): " + KeptReports.reason(e));
        }
    }
}
