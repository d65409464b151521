package dev.fiveohtwo.slack;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.remediation.Execution;
import dev.fiveohtwo.remediation.Remediation;
import dev.fiveohtwo.remediation.RestartRequest;
import dev.fiveohtwo.system.BotMetrics;
import dev.fiveohtwo.knowledge.Article;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.system.Printable;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.Triage;
import dev.fiveohtwo.triage.TriageListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs checks after the ack, on a bounded pool: posts "checking…", keeps it updated while a slow check
 * runs, replaces it with the findings, and opens the top cause's fix guide in the thread.
 */
final class CheckJobs {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CheckJobs.class);
    private static final int PROGRESS_SECONDS = 2;
    private final Triage triage;
    private final KnowledgeBase kb;
    private final SlackPoster poster;
    private final SlackRenderer renderer;
    private final SlackViews views;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService ticker;
    private final Remediation remediation;
    private final Audit audit;
    private final BotMetrics metrics;
    private final Map<String, Report> lastReports = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Report> eldest) {
            return size() > 200;
        }
    });

    CheckJobs(Triage triage, KnowledgeBase kb, SlackPoster poster, SlackRenderer renderer, Remediation remediation, Audit audit,
              BotMetrics metrics, int threads) {
        this.triage = triage;
        this.metrics = metrics;
        this.remediation = remediation;
        this.audit = audit;
        this.kb = kb;
        this.poster = poster;
        this.renderer = renderer;
        this.views = new SlackViews(kb);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100), r -> {
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

    /** Queues a check; false when the queue is full (the caller says so to the user). */
    boolean submit(String target, List<Server> servers, Conversation to) {
        try {
            pool.execute(withRequestId(() -> run(target, servers, to)));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** The work, run with the request id of the thread that queued it, so its log lines tie back to the command. */
    static Runnable withRequestId(Runnable work) {
        Map<String, String> mdc = org.slf4j.MDC.getCopyOfContextMap();
        return () -> {
            if (mdc != null) {
                org.slf4j.MDC.setContextMap(mdc);
            }
            try {
                work.run();
            } finally {
                org.slf4j.MDC.clear();
            }
        };
    }

    /** The last report of a server checked from Slack. */
    Optional<Report> last(String server) {
        return Optional.ofNullable(lastReports.get(server));
    }

    private void run(String target, List<Server> servers, Conversation to) {
        String checking = renderer.render("checking", views.checking(target, to.userId(), ""));
        Optional<SlackPoster.Posted> posted = poster.post(to, "Checking " + target + "…", checking, "the check of " + target);
        if (posted.isEmpty()) {
            return;
        }
        SlackPoster.Posted message = posted.get();
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        java.util.Set<String> reached = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
        // progress is best effort and never delays the findings: see SlackPoster.Live
        SlackPoster.Live live = poster.live(message);
        ScheduledFuture<?> progress = message.updatable() ? ticker.scheduleAtFixedRate(() -> live.progress("Checking " + target + "…",
            renderer.render("checking", views.checking(target, to.userId(), progressLine(start, servers.size(), done.get(), reached)))),
            PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS) : null;
        List<Report> reports;
        try {
            reports = triage.checkAll(servers, new TriageListener() {
                @Override
                public void section(String server, String name) {
                    String label = SECTION_LABELS.get(name.startsWith("log:") ? "log" : name);
                    if (label != null) {
                        reached.add(label);
                    }
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
        reports.forEach(r -> {
            lastReports.put(r.server(), r);
            metrics.checked(r);
            LOG.info("checked {}: {} {} in {} ms", r.server(), r.verdict().id(), r.top().map(f -> f.id()).orElse("-"), r.durationMs());
            audit.record(actor(to), to.channelId(), "check", r.server(), "/502 check " + target, r.verdict().id() + r.top().map(f -> " " + f.id()).orElse(""));
        });
        if (reports.size() == 1) {
            Report r = reports.get(0);
            live.finish(fallback(r), renderer.render("report", views.report(r, to.userId(), offers(r, message), "")), "the findings for " + r.server());
            if (r.verdict() != Verdict.HEALTHY) {
                r.top().flatMap(f -> kb.article(f.id())).ifPresent(a -> guide(a, to.inThread(threadOf(to, message))));
            }
        } else {
            live.finish(target + ": " + reports.size() + " servers checked", renderer.render("group", views.group(target, reports, to.userId())),
                "the summary of " + target);
            Conversation thread = to.inThread(threadOf(to, message));
            reports.stream().filter(r -> r.verdict() != Verdict.HEALTHY)
                .forEach(r -> poster.post(thread, fallback(r), renderer.render("report", views.report(r, null)), "the findings for " + r.server()));
        }
    }

    /** What a person calls each collector section; the others are not worth a word. */
    private static final Map<String, String> SECTION_LABELS = Map.ofEntries(Map.entry("services", "services"),
        Map.entry("nginx-config", "nginx config"), Map.entry("probes", "upstream probes"), Map.entry("log", "logs"),
        Map.entry("oom", "OOM kills"), Map.entry("memory", "memory"), Map.entry("disk", "disk"), Map.entry("listeners", "sockets"),
        Map.entry("limits", "limits"), Map.entry("containers", "containers"));

    /** "_14 s: services ✓ nginx config ✓ upstream probes…_" for one server; servers done for a group. */
    private static String progressLine(long start, int servers, int done, java.util.Set<String> reached) {
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        if (servers > 1) {
            return "_" + seconds + " s: " + done + " of " + servers + " servers done_";
        }
        List<String> steps;
        synchronized (reached) {
            steps = List.copyOf(reached);
        }
        if (steps.isEmpty()) {
            return "_" + seconds + " s: connecting…_";
        }
        return "_" + seconds + " s: " + String.join(" ✓ ", steps) + "…_";
    }

    /** Restart offers for the findings shown, when the message can be updated later (not through a response_url). */
    private Map<String, Map<String, String>> offers(Report r, SlackPoster.Posted message) {
        Map<String, Map<String, String>> offers = new LinkedHashMap<>();
        if (!message.updatable()) {
            return offers;
        }
        Server server = triage.server(r.server()).orElse(null);
        if (server == null) {
            return offers;
        }
        r.findings().stream().limit(SlackViews.MAX_FINDINGS).filter(f -> !f.restart().isEmpty())
            .forEach(f -> offers.put(f.id(), remediation.offer(server, f, message.channelId(), message.ts())));
        return offers;
    }

    /** After an approved click: runs the restart, reports in the thread, and closes the request's messages. */
    void restart(RestartRequest approved, Conversation thread) {
        Execution ex = remediation.execute(approved);
        RestartRequest r = ex.request();
        metrics.restarted(r.state());
        LOG.info("restart of {} on {} approved by {}: {}", r.service(), r.server(), Printable.line(String.valueOf(r.approver())), r.state());
        String front = ex.before().evidence().flatMap(e -> e.front()).flatMap(p -> p.status()).map(String::valueOf).orElse("?");
        String line;
        switch (r.status()) {
            case NOT_NEEDED -> line = "ℹ️ *" + esc(r.service()) + "* on *" + esc(r.server()) + "* is active and the front answers " + front
                + ": nothing was restarted.";
            case DRY_RUN -> line = "🧪 Dry run: would have run `" + esc(r.command()) + "` on *" + esc(r.server()) + "*. Nothing ran.";
            case SUCCEEDED, FAILED -> {
                String after = ex.after().flatMap(a -> a.evidence()).flatMap(e -> e.front()).flatMap(p -> p.status()).map(String::valueOf).orElse("?");
                String verdict = ex.after().map(a -> SlackViews.emoji(a.verdict()) + " " + a.verdict().id()
                    + a.top().map(f -> " (" + esc(f.title()) + ")").orElse("")).orElse("not re-checked");
                line = (r.status() == dev.fiveohtwo.remediation.RestartState.SUCCEEDED ? "✅" : "❌") + " `" + esc(r.command()) + "` on *"
                    + esc(r.server()) + "*: " + (r.exitStatus() == null ? "did not finish" : "exit " + r.exitStatus()) + " in "
                    + String.format(java.util.Locale.ROOT, "%.1f s", (r.durationMs() == null ? 0 : r.durationMs()) / 1000.0)
                    + " (approved by <@" + r.approver() + ">)\nRe-check: " + verdict + " · front " + front + " → " + after
                    + (r.outputTail() == null || r.outputTail().isBlank() ? "" : "\n```" + esc(SlackText.code(SlackText.fit(r.outputTail(), 1500))) + "```");
            }
            default -> line = "Restart of *" + esc(r.service()) + "* ended as " + r.state() + ".";
        }
        line = SlackViews.plain(line, 2900);
        poster.post(thread, "restart of " + r.service() + " on " + r.server() + ": " + r.state(), renderer.render("approval", new Views.Approval(line, List.of())));
        closeApproval(r, r.state(), line);
        Report latest = ex.after().orElse(ex.before());
        lastReports.put(latest.server(), latest);
        if (r.messageTs() != null) {
            String status = (r.status() == dev.fiveohtwo.remediation.RestartState.SUCCEEDED ? "✅ " : "ℹ️ ") + r.service() + " " + r.state()
                + " (approved by <@" + r.approver() + ">) at " + java.time.format.DateTimeFormatter.ofPattern("HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(r.updatedAt()) + " — " + latest.server() + " " + latest.verdict().id();
            poster.update(new SlackPoster.Posted(r.channelId(), r.messageTs(), null), fallback(latest),
                renderer.render("report", views.report(latest, null, Map.of(), status)));
        }
    }

    /**
     * Replaces the approval message of {@code r} (when there is one) with {@code line}, buttons gone.
     *
     * @return whether there was a message to replace
     */
    boolean closeApproval(RestartRequest r, String fallback, String line) {
        if (r.approvalTs() == null) {
            return false;
        }
        poster.update(new SlackPoster.Posted(r.channelId(), r.approvalTs(), null), fallback,
            renderer.render("approval", views.approval(r, line, "", false)));
        return true;
    }

    private static String esc(String s) {
        return SlackText.escape(s);
    }

    private static String actor(Conversation to) {
        return to.userId() == null ? "unknown" : to.userId();
    }

    private static String threadOf(Conversation to, SlackPoster.Posted message) {
        return to.threadTs() != null ? to.threadTs() : message.ts();
    }

    /** Posts a fix guide, one message per ten sections. */
    void guide(Article a, Conversation to) {
        for (Views.Guide g : views.guide(a)) {
            if (to.threadTs() == null && to.channelId() == null) {
                poster.ephemeral(to.responseUrl(), a.title(), renderer.render("guide", g));
            } else {
                poster.post(to, a.title(), renderer.render("guide", g));
            }
        }
    }

    /** Posts the raw collector sections of a server's last check, as code blocks split across messages. */
    void raw(String server, Conversation to) {
        Optional<Report> r = last(server);
        if (r.isEmpty() || r.get().evidence().isEmpty()) {
            poster.ephemeral(to.responseUrl(), "No recent check of " + server + " to show.", null);
            return;
        }
        List<String> chunks = new ArrayList<>();
        r.get().evidence().get().raw().text().forEach((name, text) -> {
            String body = SlackText.code(text.isBlank() ? "(empty)" : text);
            for (int i = 0; i < body.length(); i += 2400) {
                chunks.add("*" + SlackText.escape(name) + "*\n```" + SlackText.escape(SlackText.fit(body.substring(i, Math.min(body.length(), i + 2400)), 2600)) + "```");
            }
        });
        for (int i = 0; i < chunks.size() && i < 200; i += 10) {
            poster.post(to, "raw output of " + server, renderer.render("guide", new Views.Guide(i == 0 ? "📄 Raw output of " + server : "",
                chunks.subList(i, Math.min(chunks.size(), i + 10)))));
        }
    }

    private static String fallback(Report r) {
        return SlackViews.emoji(r.verdict()) + " " + r.server() + ": " + r.verdict().id() + r.top().map(f -> " — " + f.title()).orElse("");
    }

    /** Stops taking work and waits up to 30 s for running checks. */
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
