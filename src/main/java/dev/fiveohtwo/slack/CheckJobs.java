package dev.fiveohtwo.slack;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.system.BotMetrics;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.Triage;
import dev.fiveohtwo.triage.TriageListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check runner: runs checks after the ack on a bounded pool, posts "checking…", keeps it updated while a slow
 * check runs, keeps each report ({@link KeptChecks}), replaces the message with the findings, and opens the
 * top cause's fix guide in the thread.
 *
 * <p>From outside Slack (an alert, say): {@code jobs.check(servers, Destination.channel("C0123"), "alert:FrontDown",
 * Optional.of("🚨 FrontDown is firing"))}.
 */
@Singleton
public final class CheckJobs {
    private static final Logger LOG = LoggerFactory.getLogger(CheckJobs.class);
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");
    private final Triage triage;
    private final KnowledgeBase kb;
    private final SlackPoster poster;
    private final SlackRenderer renderer;
    private final SlackViews views;
    private final FixGuides guides;
    private final RestartOffers restarts;
    private final Audit audit;
    private final BotMetrics metrics;
    private final KeptChecks kept;
    private final long progressMillis;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService ticker;

    /**
     * One check to run: {@code target} as the person typed it (a server, a group), {@code requestedBy} as kept with
     * the reports, {@code earlier} the report a Re-check was clicked on.
     */
    record Job(
            String target,
            List<Server> servers,
            Conversation to,
            String requestedBy,
            Optional<String> header,
            Optional<StoredReport> earlier) {}

    CheckJobs(
            Triage triage,
            KnowledgeBase kb,
            SlackPoster poster,
            SlackRenderer renderer,
            SlackViews views,
            FixGuides guides,
            RestartOffers restarts,
            Audit audit,
            BotMetrics metrics,
            KeptChecks kept,
            SlackSettings settings) {
        this.triage = triage;
        this.kb = kb;
        this.poster = poster;
        this.renderer = renderer;
        this.views = views;
        this.guides = guides;
        this.restarts = restarts;
        this.audit = audit;
        this.metrics = metrics;
        this.kept = kept;
        this.progressMillis = settings.progressEvery().toMillis();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                settings.workers(), settings.workers(), 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100), r -> {
                    Thread t = new Thread(r, "fiveohtwo-slack-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fiveohtwo-slack-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues a check of {@code servers} whose messages go to {@code where}.
     *
     * @param requestedBy who asked: a Slack user id (mentioned in the messages), {@code alert:<name>}, ...
     * @param header      a line shown on the "checking…" message and on the findings, e.g. what alert fired
     * @return false when the queue is full and nothing will run
     */
    public boolean check(List<Server> servers, Destination where, String requestedBy, Optional<String> header) {
        String target = servers.size() == 1
                ? servers.get(0).name()
                : SlackViews.plain(
                        String.join(", ", servers.stream().map(Server::name).toList()), 80);
        String user = requestedBy != null && USER_ID.matcher(requestedBy).matches() ? requestedBy : null;
        return submit(new Job(
                target,
                servers,
                new Conversation(where.channelId(), where.threadTs(), user, null),
                requestedBy == null ? "unknown" : requestedBy,
                header,
                Optional.empty()));
    }

    /** Queues a check; false when the queue is full (the caller says so to the user). */
    boolean submit(Job job) {
        try {
            pool.execute(RequestId.carried(() -> run(job)));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void run(Job job) {
        Conversation to = job.to();
        String target = job.target();
        String header = job.header().orElse("");
        String checking = renderer.render("checking", views.checking(target, to.userId(), header));
        Optional<SlackPoster.Posted> posted =
                poster.post(to, SlackViews.checkingFallback(target), checking, SlackViews.checkSubject(target));
        if (posted.isEmpty()) {
            return;
        }
        SlackPoster.Posted message = posted.get();
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        Set<String> reached = new LinkedHashSet<>();
        // progress is best effort and never delays the findings: see SlackPoster.Live
        SlackPoster.Live live = poster.live(message);
        ScheduledFuture<?> progress = message.updatable()
                ? ticker.scheduleAtFixedRate(
                        () -> {
                            List<String> steps;
                            synchronized (reached) {
                                steps = List.copyOf(reached);
                            }
                            String line = SlackViews.progress(
                                    (System.nanoTime() - start) / 1_000_000_000L,
                                    job.servers().size(),
                                    done.get(),
                                    steps);
                            live.progress(
                                    SlackViews.checkingFallback(target),
                                    renderer.render(
                                            "checking",
                                            views.checking(
                                                    target,
                                                    to.userId(),
                                                    header.isEmpty() ? line : header + "\n" + line)));
                        },
                        progressMillis,
                        progressMillis,
                        TimeUnit.MILLISECONDS)
                : null;
        List<Report> reports;
        try {
            reports = triage.checkAll(job.servers(), new TriageListener() {
                @Override
                public void section(String server, String name) {
                    SlackViews.sectionLabel(name).ifPresent(label -> {
                        synchronized (reached) {
                            reached.add(label);
                        }
                    });
                }

                @Override
                public void finished(Report report) {
                    done.incrementAndGet();
                }
            });
        } finally {
            if (progress != null) {
                progress.cancel(false);
            }
        }
        Map<Report, Optional<StoredReport>> keptAs = new LinkedHashMap<>();
        for (Report r : reports) {
            keptAs.put(r, kept.keep(r, job.requestedBy()));
            metrics.checked(r);
            LOG.info(
                    "checked {}: {} {} in {} ms",
                    r.server(),
                    r.verdict().id(),
                    r.top().map(Finding::id).orElse("-"),
                    r.durationMs());
            audit.record(
                    job.requestedBy(),
                    to.channelId(),
                    "check",
                    r.server(),
                    "/502 check " + target,
                    r.verdict().id() + r.top().map(f -> " " + f.id()).orElse(""));
        }
        Conversation thread = to.inThread(to.threadTs() != null ? to.threadTs() : message.ts());
        if (reports.size() == 1) {
            Report r = reports.get(0);
            Optional<StoredReport> s = keptAs.get(r);
            String id = s.map(StoredReport::id).orElse(null);
            Optional<StoredReport> earlier = job.earlier();
            if (r.verdict() == Verdict.HEALTHY
                    && earlier.isPresent()
                    && earlier.get().verdict() != Verdict.HEALTHY) {
                live.finish(
                        SlackViews.recoveryFallback(r),
                        renderer.render("recovery", views.recovery(r, id, earlier.get(), to.userId())),
                        SlackViews.findingsSubject(r.server()));
                return;
            }
            live.finish(
                    SlackViews.reportFallback(r),
                    renderer.render(
                            "report", views.report(r, id, to.userId(), offers(r, message), header, kept.changes(r, s))),
                    SlackViews.findingsSubject(r.server()));
            // a re-check that found the same top cause has its guide in the thread already
            boolean sameCause = earlier.isPresent()
                    && earlier.get().topCause().equals(r.top().map(Finding::id));
            if (r.verdict() != Verdict.HEALTHY && !sameCause) {
                r.top().flatMap(f -> kb.article(f.id())).ifPresent(a -> guides.post(a, thread));
            }
        } else {
            live.finish(
                    SlackViews.groupFallback(target, reports.size()),
                    renderer.render("group", views.group(target, reports, to.userId())),
                    SlackViews.groupSubject(target));
            keptAs.forEach((r, s) -> {
                if (r.verdict() != Verdict.HEALTHY) {
                    poster.post(
                            thread,
                            SlackViews.reportFallback(r),
                            renderer.render(
                                    "report",
                                    views.report(
                                            r,
                                            s.map(StoredReport::id).orElse(null),
                                            null,
                                            Map.of(),
                                            "",
                                            kept.changes(r, s))),
                            SlackViews.findingsSubject(r.server()));
                }
            });
        }
    }

    /** Restart offers for the findings shown, when the message can be updated later (not through a response_url). */
    private Map<String, Map<String, String>> offers(Report r, SlackPoster.Posted message) {
        return message.updatable() ? restarts.of(r, message.channelId(), message.ts()) : Map.of();
    }

    /** Stops taking work and waits up to 30 s for running checks. */
    @PreDestroy
    void close() {
        pool.shutdown();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ticker.shutdownNow();
        }
    }
}
