package dev.fiveohtwo.slack;

import dev.fiveohtwo.audit.AuditEntry;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.knowledge.Article;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.remediation.Execution;
import dev.fiveohtwo.remediation.Outcome;
import dev.fiveohtwo.remediation.RestartRequest;
import dev.fiveohtwo.remediation.RestartState;
import dev.fiveohtwo.reports.Change;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.triage.GroupSummary;
import dev.fiveohtwo.triage.Report;
import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the views of every message from reports and articles, within Slack's limits whatever the servers
 * printed: at most 8 findings, 3 evidence lines each, every text cut to fit once escaped. Server text is
 * redacted here, before anything leaves the bot. Every word the bot says in Slack is here or in a template.
 */
@Singleton
final class SlackViews {
    /** Slack's limit for a confirm dialog's text. */
    static final int CONFIRM_TEXT = 300;
    /** Slack's limit for a confirm dialog's title. */
    static final int CONFIRM_TITLE = 100;

    static final int MAX_FINDINGS = 8;
    static final int MAX_EVIDENCE = 3;
    static final int EVIDENCE_CHARS = 600;
    static final int SECTION_CHARS = 3000;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_MINUTE =
            DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    /** What a person calls each collector section; the others are not worth a word. */
    private static final Map<String, String> SECTION_LABELS = Map.ofEntries(
            Map.entry("services", "services"),
            Map.entry("nginx-config", "nginx config"),
            Map.entry("probes", "upstream probes"),
            Map.entry("log", "logs"),
            Map.entry("oom", "OOM kills"),
            Map.entry("memory", "memory"),
            Map.entry("disk", "disk"),
            Map.entry("listeners", "sockets"),
            Map.entry("limits", "limits"),
            Map.entry("containers", "containers"));

    static final String HELP = String.join(
            "\n",
            "*/502* — diagnose 502 Bad Gateway on our servers:",
            "• `/502 check <server|group|all>` — check now (read-only)",
            "• `/502 servers [group]` — what I can check",
            "• `/502 guides [words]` — fix guides, e.g. `/502 guides php-fpm`",
            "• `/502 guide <id>` — open one guide",
            "• `/502 history [server]` — a server's last 10 checks; without one, the last 10 commands, checks and restarts",
            "• `/502 help` — this");
    static final String BUSY = "Too many checks are running right now; try again in a minute.";

    private final KnowledgeBase kb;

    SlackViews(KnowledgeBase kb) {
        this.kb = kb;
    }

    static String emoji(Verdict v) {
        return switch (v) {
            case HEALTHY -> "🟢";
            case BAD_GATEWAY -> "🔴";
            case DEGRADED -> "🟠";
            case UNREACHABLE, INCONCLUSIVE -> "⚪";
        };
    }

    Views.Report report(Report r, String reportId, String userId) {
        return report(r, reportId, userId, Map.of(), "", List.of());
    }

    /**
     * @param reportId the kept report's opaque id, which its Re-check and Raw output buttons carry
     * @param offers   restart offers: finding id, then service name, to the opaque request id on the button
     * @param status   a line that replaces the restart buttons once a restart ran (empty: none)
     * @param changes  what differs from the server's last healthy check; shown for a 502 or a degraded server
     */
    Views.Report report(
            Report r,
            String reportId,
            String userId,
            Map<String, Map<String, String>> offers,
            String status,
            List<Change> changes) {
        String header = plain(emoji(r.verdict()) + " " + r.server() + " — " + r.headline(), 150);
        List<Views.Finding> findings = new ArrayList<>();
        java.util.Set<String> guides = new java.util.HashSet<>();
        // an unreachable server's one finding is what failed: the summary says it, once
        for (Finding f :
                r.findings().stream().limit(r.reachable() ? MAX_FINDINGS : 0).toList()) {
            // Slack refuses a message with one action_id twice: one fix-guide button per article
            findings.add(finding(f, r, offers.getOrDefault(f.id(), Map.of()), guides.add(f.id())));
        }
        List<String> notes = new ArrayList<>();
        if (!status.isBlank()) {
            notes.add(SlackText.fit(status, 300));
        }
        r.alsoSeen().stream()
                .limit(2)
                .map(f -> SlackText.fit(
                        "Also seen: " + f.title() + " · " + Math.round(f.confidence() * 100) + "%"
                                + f.evidence().stream()
                                        .findFirst()
                                        .map(l -> " — " + l)
                                        .orElse(""),
                        300))
                .forEach(notes::add);
        r.notes().stream()
                .filter(n -> !n.isBlank())
                .limit(5)
                .map(n -> SlackText.fit(n, 300))
                .forEach(notes::add);
        if (r.findings().size() > MAX_FINDINGS) {
            notes.add((r.findings().size() - MAX_FINDINGS) + " more findings: see Raw output or the CLI");
        }
        List<Views.Button> actions = actions(r, reportId);
        List<String> changed = r.verdict() == Verdict.BAD_GATEWAY || r.verdict() == Verdict.DEGRADED
                ? changes.stream()
                        .limit(10)
                        .map(c -> SlackText.fit(c.what() + ": " + c.before() + " → " + c.after(), 280))
                        .toList()
                : List.of();
        return new Views.Report(header, summary(r), changed, findings, notes, actions, context(r), userId);
    }

    /** Re-check and Raw output: both carry the kept report's id, so they act on this check, not the server's latest. */
    private static List<Views.Button> actions(Report r, String reportId) {
        List<Views.Button> actions = new ArrayList<>();
        if (reportId == null) { // not kept (the database did not answer): nothing for these buttons to act on
            return actions;
        }
        actions.add(Views.Button.of("🔄 Re-check", ActionIds.RECHECK + reportId, reportId));
        if (r.reachable()) {
            actions.add(Views.Button.of("📄 Raw output", ActionIds.RAW + reportId, reportId));
        }
        return actions;
    }

    private static String context(Report r) {
        return "Checked in " + String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0) + " over "
                + (r.login().equals("local") ? "local transport" : "SSH as " + r.login()) + " · "
                + TIME.format(r.checkedAt());
    }

    /**
     * A healthy re-check of a server that was not: the recovery, in one line, rather than a diagnosis.
     * "🟢 web-01 — healthy · earlier: The PHP-FPM socket is missing, resolved at 10:47".
     */
    Views.Recovery recovery(Report now, String reportId, StoredReport earlier, String userId) {
        String cause =
                earlier.topCause().flatMap(kb::article).map(Article::title).orElse(earlier.headline());
        String header = plain(
                emoji(now.verdict()) + " " + now.server() + " — healthy · earlier: " + cause + ", resolved at "
                        + MINUTE.format(now.checkedAt()),
                150);
        String was = "Was " + emoji(earlier.verdict()) + " " + earlier.verdict().id() + " at "
                + TIME.format(earlier.checkedAt())
                + (earlier.requestedBy().isBlank() ? "" : ", asked by " + asker(earlier.requestedBy()));
        String front = now.evidence()
                .flatMap(e -> e.front())
                .map(p -> SlackText.escape(SlackText.fit(p.describe(), 1000)))
                .orElse("");
        return new Views.Recovery(
                header, front.isEmpty() ? was : front + "\n" + was, actions(now, reportId), context(now), userId);
    }

    /** A server's last checks, newest first: when, verdict, top cause and who asked. */
    Views.ListAnswer history(String server, List<StoredReport> reports) {
        List<String> lines = reports.stream()
                .map(s -> "• " + DAY_MINUTE.format(s.checkedAt()) + " " + emoji(s.verdict()) + " "
                        + s.verdict().id()
                        + s.topCause()
                                .map(c -> " — "
                                        + SlackText.escape(kb.article(c)
                                                .map(Article::title)
                                                .orElse(c)))
                                .orElse("")
                        + " · " + asker(s.requestedBy()))
                .toList();
        String title = plain("History of " + server + " (last " + reports.size() + " checks, UTC)", 150);
        return new Views.ListAnswer(
                title,
                sections(
                        lines.isEmpty()
                                ? List.of("_no check of " + SlackText.escape(plain(server, 64))
                                        + " is kept; try `/502 check " + SlackText.escape(plain(server, 64)) + "`_")
                                : lines),
                List.of());
    }

    /** Who asked for a check, in mrkdwn: a Slack user as a mention, anything else (cli:..., alert:...) as text. */
    private static String asker(String requestedBy) {
        return requestedBy.matches("[UW][A-Z0-9]{2,20}")
                ? "<@" + requestedBy + ">"
                : SlackText.escape(plain(requestedBy, 80));
    }

    /** The last commands, checks and restarts of the audit trail ({@code /502 history} without a server), mrkdwn. */
    static String events(String server, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return "No history" + (server.isBlank() ? "" : " for `" + SlackText.escape(plain(server, 64)) + "`")
                    + " in the last 30 days.";
        }
        StringBuilder out = new StringBuilder("*Last " + entries.size() + " events"
                + (server.isBlank() ? "" : " on " + SlackText.escape(server)) + "* (UTC)\n");
        for (AuditEntry e : entries) {
            out.append("• ")
                    .append(DAY_MINUTE.format(e.at()))
                    .append(" ")
                    .append(
                            e.actor().startsWith("U") || e.actor().startsWith("W")
                                    ? "<@" + e.actor() + ">"
                                    : SlackText.escape(e.actor()))
                    .append(" ")
                    .append(SlackText.escape(e.action()))
                    .append(e.server() == null ? "" : " *" + SlackText.escape(e.server()) + "*")
                    .append(" — ")
                    .append(SlackText.escape(plain(e.detail(), 120)))
                    .append(" → ")
                    .append(SlackText.escape(e.outcome()))
                    .append('\n');
        }
        return plain(out.toString(), 3000);
    }

    /**
     * The line under the header: the front probe and the top cause's summary; for a server that could not be
     * checked, what failed and what to try. Never empty: Slack refuses a section without text.
     */
    private String summary(Report r) {
        if (!r.reachable()) {
            List<String> what = r.top().map(Finding::evidence).orElse(List.of()).stream()
                    .filter(l -> !l.isBlank())
                    .limit(2)
                    .map(l -> l.startsWith("try: ") ? "Try: " + l.substring(5) : l)
                    .toList();
            String failed = what.isEmpty()
                    ? "Could not check " + r.server() + "."
                    : "Could not check " + r.server() + ": " + String.join("\n", what);
            return SlackText.fit(failed, 2000);
        }
        StringBuilder s = new StringBuilder();
        r.evidence().flatMap(e -> e.front()).ifPresent(p -> s.append(p.describe()));
        r.top()
                .flatMap(f -> kb.article(f.id()))
                .ifPresent(a -> s.append(s.length() == 0 ? "" : "\n")
                        .append("Most likely: ")
                        .append(a.summary()));
        if (r.verdict() == Verdict.INCONCLUSIVE) {
            s.append(s.length() == 0 ? "" : "\n")
                    .append("Not enough evidence for a verdict: "
                            + (r.notes().stream().anyMatch(n -> !n.isBlank())
                                    ? "the notes below say what could not be checked."
                                    : "some checks did not complete."));
        } else if (r.findings().isEmpty() && r.verdict() == Verdict.HEALTHY) {
            s.append(s.length() == 0 ? "" : "\n")
                    .append("No known cause of 502s fired: services, upstreams, logs, memory and disk look fine.");
        } else if (s.length() == 0 && r.top().isPresent()) {
            s.append("Most likely: ").append(r.top().get().title());
        }
        return SlackText.fit(s.toString(), 2000);
    }

    private Views.Finding finding(Finding f, Report r, Map<String, String> offers, boolean firstOfItsArticle) {
        String meta = f.severity().id()
                + (f.confidence() > 0 ? " · " + Math.round(f.confidence() * 100) + "%" : "")
                + (f.fresh() ? "" : " · older than the recency window");
        String why = SlackText.fit(String.join("; ", f.reasons()), 400);
        List<String> because = f.explained().stream()
                .limit(3)
                .map(c -> SlackText.fit(
                        "which is why: " + c.title() + " (" + Math.round(c.confidence() * 100) + "%)", 200))
                .toList();
        // its own proof first, then the first line of each cause it explains: the whole story in three lines
        List<String> lines = new ArrayList<>(f.evidence().stream()
                .limit(f.explained().isEmpty() ? MAX_EVIDENCE : 2)
                .toList());
        f.explained().stream()
                .filter(c -> !c.evidence().isEmpty())
                .map(c -> c.evidence().get(0))
                .limit(MAX_EVIDENCE - lines.size())
                .forEach(lines::add);
        List<String> evidence = new ArrayList<>();
        for (String line : lines) {
            evidence.add(SlackText.fit(SlackText.code(line), EVIDENCE_CHARS));
        }
        List<Views.Button> buttons = new ArrayList<>();
        for (Finding.RestartOption o : f.restart()) {
            String id = offers.get(o.service());
            if (id != null && buttons.size() < 4) {
                buttons.add(new Views.Button(
                        SlackText.fit("🔁 Restart " + o.service(), 75),
                        ActionIds.RESTART + id,
                        id,
                        "danger",
                        new Views.Confirm(
                                confirmTitle(o.service(), r.server()),
                                withCommand(
                                        "Asks to run ",
                                        o.command(),
                                        " on " + r.server() + ". It runs once approved.",
                                        CONFIRM_TEXT),
                                "Request restart",
                                "Cancel")));
            }
        }
        if (firstOfItsArticle && r.reachable() && kb.article(f.id()).isPresent()) {
            buttons.add(Views.Button.of("📘 Fix guide", ActionIds.GUIDE + f.id(), f.id()));
        }
        return new Views.Finding(SlackText.fit(f.title(), 150), meta, why, because, evidence, buttons);
    }

    /** The approval message: {@code text} is built here with escaping, so mentions we add stay mentions. */
    Views.Approval approval(
            dev.fiveohtwo.remediation.RestartRequest r, String headline, String approvers, boolean waiting) {
        String text = headline + "\n*Command* (runs as the inventory login on " + SlackText.escape(r.server())
                + "):\n```"
                + SlackText.escape(SlackText.code(r.command())) + "```\n*Finding:* `" + SlackText.escape(r.finding())
                + "` · *evidence* `"
                + r.evidenceHash().substring(0, 12) + "`"
                + (waiting
                        ? "\n_Needs approval from " + approvers + "; expires at " + TIME.format(r.expiresAt()) + "_"
                        : "");
        List<Views.Button> buttons = waiting
                ? List.of(
                        new Views.Button(
                                "✅ Approve",
                                ActionIds.APPROVE + r.id(),
                                r.id(),
                                "primary",
                                new Views.Confirm(
                                        confirmTitle(r.service(), r.server()),
                                        withCommand("Runs ", r.command(), " on " + r.server() + " now.", CONFIRM_TEXT),
                                        "Approve and run",
                                        "Cancel")),
                        new Views.Button("🚫 Deny", ActionIds.DENY + r.id(), r.id(), "", null))
                : List.of();
        return new Views.Approval(plain(text, 2900), buttons);
    }

    Views.Checking checking(String target, String userId, String progress) {
        return new Views.Checking(
                SlackText.fit(target, 100), userId, progress == null ? "" : SlackText.fit(progress, 1000));
    }

    /** A fix guide as messages of at most 10 sections each; the first carries the title. */
    List<Views.Guide> guide(Article a) {
        List<String> chunks = new ArrayList<>();
        chunks.add("_" + SlackText.escape(a.summary()) + "_");
        SlackMarkdown.toMrkdwn(a.body(), SECTION_CHARS).stream()
                .filter(c -> !c.isBlank())
                .forEach(chunks::add);
        List<Views.Guide> messages = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i += 10) {
            messages.add(new Views.Guide(
                    i == 0 ? plain("📘 " + a.title(), 150) : "", chunks.subList(i, Math.min(chunks.size(), i + 10))));
        }
        return messages;
    }

    Views.ListAnswer servers(Inventory inv, String group) {
        List<Server> servers = group.isBlank() ? List.copyOf(inv.servers().values()) : inv.group(group);
        List<String> lines = servers.stream()
                .map(s -> "• *" + SlackText.escape(s.name()) + "* — " + SlackText.escape(s.login())
                        + (s.groups().isEmpty() ? "" : " · " + SlackText.escape(String.join(", ", s.groups())))
                        // the key's path stays on the bot's host: the channel learns which setting to fix, the operator
                        // where
                        + s.unusable()
                                .map(u ->
                                        " · ⚠️ cannot be checked: its " + u.key() + " " + SlackText.escape(u.problem()))
                                .orElse(""))
                .toList();
        String title = group.isBlank()
                ? "Servers (" + servers.size() + ")"
                : "Servers in " + group + " (" + servers.size() + ")";
        return new Views.ListAnswer(
                plain(title, 150), sections(lines.isEmpty() ? List.of("_none_") : lines), List.of());
    }

    Views.ListAnswer guides(String words) {
        List<String> terms = List.of(words.toLowerCase(Locale.ROOT).split("\\s+")).stream()
                .filter(w -> !w.isBlank())
                .toList();
        List<Article> found = kb.articles().stream()
                .filter(a -> terms.stream()
                        .allMatch(t -> (a.id() + " " + a.title() + " " + a.summary())
                                .toLowerCase(Locale.ROOT)
                                .contains(t)))
                .toList();
        List<String> lines = found.stream()
                .map(a -> "• *" + SlackText.escape(a.title()) + "* `" + a.id() + "`\n    "
                        + SlackText.escape(SlackText.fit(a.summary(), 300)))
                .toList();
        List<List<Views.Button>> rows = new ArrayList<>();
        List<Views.Button> buttons = found.stream()
                .limit(100)
                .map(a -> Views.Button.of(a.title(), ActionIds.GUIDE + a.id(), a.id()))
                .toList();
        for (int i = 0; i < buttons.size(); i += 25) {
            rows.add(buttons.subList(i, Math.min(buttons.size(), i + 25)));
        }
        String title = terms.isEmpty()
                ? "Fix guides (" + found.size() + ")"
                : "Fix guides matching “" + words + "” (" + found.size() + ")";
        return new Views.ListAnswer(
                plain(title, 150),
                sections(lines.isEmpty() ? List.of("_no guide matches; try `/502 guides`_") : lines),
                rows);
    }

    Views.Group group(String target, List<Report> reports, String userId) {
        GroupSummary summary = GroupSummary.of(reports);
        List<String> lines = summary.worstFirst().stream()
                .map(r -> emoji(r.verdict()) + " *" + SlackText.escape(r.server()) + "* — "
                        + r.verdict().id()
                        + r.top().map(f -> ": " + SlackText.escape(f.title())).orElse(""))
                .toList();
        String correlation = summary.shared()
                .map(c -> c.servers() + " of " + c.of() + " servers: "
                        + kb.article(c.id()).map(Article::title).orElse(c.id())
                        + " — a shared cause (traffic, a deploy, a dependency) is more likely than a fault of one host")
                .orElse("");
        return new Views.Group(
                plain(
                        "🔎 " + target + " — " + summary.needAttention() + " of " + reports.size()
                                + " servers need attention",
                        150),
                sections(lines),
                SlackText.fit(correlation, 1000),
                "details of each server that needs attention are in the thread",
                userId);
    }

    static String restartRequested(RestartRequest r, String userId) {
        return "⏳ Restart *" + SlackText.escape(r.service()) + "* on *" + SlackText.escape(r.server())
                + "* requested by <@" + userId + ">";
    }

    static String restartDenied(RestartRequest r, String userId) {
        return "🚫 Restart of *" + SlackText.escape(r.service()) + "* on *" + SlackText.escape(r.server())
                + "* denied by <@" + userId + ">";
    }

    static String restartRunning(RestartRequest r) {
        return "▶️ Running `" + SlackText.escape(r.command()) + "` on *" + SlackText.escape(r.server())
                + "* (approved by <@" + r.approver() + ">)";
    }

    /** Said in a restart's thread at start-up when the bot stopped while it ran. */
    static String restartUnknown(RestartRequest r) {
        return "⚠️ The bot stopped while restarting *" + SlackText.escape(r.service()) + "* on *"
                + SlackText.escape(r.server())
                + "*: it may or may not have run, and it will not be re-run. Check the server: `/502 check "
                + SlackText.escape(r.server()) + "`";
    }

    static String nothingWillRun(Outcome.Refused refused, List<String> approvers) {
        return "Nothing will run: " + refusal(refused, approvers);
    }

    /** Why a click did nothing, naming the approvers, or who decided first, as mentions. */
    static String refusal(Outcome.Refused refused, List<String> approvers) {
        return switch (refused.kind()) {
            case NOT_AN_APPROVER -> refused.reason() + " (" + approverMentions(approvers) + ")";
            case ALREADY_DECIDED ->
                refused.reason()
                        + refused.decidedBy().map(by -> " by <@" + by + ">").orElse("");
            case OTHER -> refused.reason();
        };
    }

    /** {@code fiveohtwo.remediation.approvers} as mentions: users ({@code <@U1>}, sorted), then user groups ({@code <!subteam^S1>}). */
    static String approverMentions(List<String> approvers) {
        List<String> users = approvers.stream()
                .filter(a -> a.startsWith("U") || a.startsWith("W"))
                .sorted()
                .map(u -> "<@" + u + ">")
                .toList();
        List<String> groups = approvers.stream()
                .filter(a -> a.startsWith("S"))
                .map(g -> "<!subteam^" + g + ">")
                .toList();
        if (users.isEmpty() && groups.isEmpty()) {
            return "nobody: fiveohtwo.remediation.approvers is empty";
        }
        return String.join(
                ", ",
                java.util.stream.Stream.concat(users.stream(), groups.stream()).toList());
    }

    static String needsApprovalFallback(RestartRequest r) {
        return "restart of " + r.service() + " on " + r.server() + " needs approval";
    }

    static String restartFallback(RestartRequest r) {
        return "restart of " + r.service() + " on " + r.server() + ": " + r.state();
    }

    /** How an approved restart ended, as the line posted in its thread and put on its approval message (mrkdwn). */
    static String restartOutcome(Execution ex) {
        RestartRequest r = ex.request();
        String front = ex.before()
                .evidence()
                .flatMap(e -> e.front())
                .flatMap(p -> p.status())
                .map(String::valueOf)
                .orElse("?");
        String line = switch (r.status()) {
            case NOT_NEEDED ->
                "ℹ️ *" + SlackText.escape(r.service()) + "* on *" + SlackText.escape(r.server())
                        + "* is active and the front answers " + front + ": nothing was restarted.";
            case DRY_RUN ->
                "🧪 Dry run: would have run `" + SlackText.escape(r.command()) + "` on *" + SlackText.escape(r.server())
                        + "*. Nothing ran.";
            case SUCCEEDED, FAILED -> {
                String after = ex.after()
                        .flatMap(a -> a.evidence())
                        .flatMap(e -> e.front())
                        .flatMap(p -> p.status())
                        .map(String::valueOf)
                        .orElse("?");
                String verdict = ex.after()
                        .map(a -> emoji(a.verdict()) + " " + a.verdict().id()
                                + a.top()
                                        .map(f -> " (" + SlackText.escape(f.title()) + ")")
                                        .orElse(""))
                        .orElse("not re-checked");
                yield (r.status() == RestartState.SUCCEEDED ? "✅" : "❌") + " `" + SlackText.escape(r.command())
                        + "` on *"
                        + SlackText.escape(r.server()) + "*: "
                        + (r.exitStatus() == null ? "did not finish" : "exit " + r.exitStatus()) + " in "
                        + String.format(Locale.ROOT, "%.1f s", (r.durationMs() == null ? 0 : r.durationMs()) / 1000.0)
                        + " (approved by <@" + r.approver() + ">)\nRe-check: " + verdict + " · front " + front + " → "
                        + after
                        + (r.outputTail() == null || r.outputTail().isBlank()
                                ? ""
                                : "\n```" + SlackText.escape(SlackText.code(SlackText.fit(r.outputTail(), 1500)))
                                        + "```");
            }
            default -> "Restart of *" + SlackText.escape(r.service()) + "* ended as " + r.state() + ".";
        };
        return plain(line, 2900);
    }

    /** The line that replaces the restart buttons on the findings message once the restart ran. */
    static String restartStatus(RestartRequest r, Report latest) {
        return (r.status() == RestartState.SUCCEEDED ? "✅ " : "ℹ️ ") + r.service() + " " + r.state()
                + " (approved by <@" + r.approver() + ">) at "
                + DateTimeFormatter.ofPattern("HH:mm 'UTC'")
                        .withZone(ZoneOffset.UTC)
                        .format(r.updatedAt())
                + " — " + latest.server() + " " + latest.verdict().id();
    }

    /** What a person calls collector section {@code name}, if it is worth a word in the progress line. */
    static Optional<String> sectionLabel(String name) {
        return Optional.ofNullable(SECTION_LABELS.get(name.startsWith("log:") ? "log" : name));
    }

    /** "_14 s: services ✓ nginx config ✓ upstream probes…_" for one server; servers done for a group. */
    static String progress(long seconds, int servers, int done, List<String> steps) {
        if (servers > 1) {
            return "_" + seconds + " s: " + done + " of " + servers + " servers done_";
        }
        if (steps.isEmpty()) {
            return "_" + seconds + " s: connecting…_";
        }
        return "_" + seconds + " s: " + String.join(" ✓ ", steps) + "…_";
    }

    static String checkingFallback(String target) {
        return "Checking " + target + "…";
    }

    static String reportFallback(Report r) {
        return emoji(r.verdict()) + " " + r.server() + ": " + r.verdict().id()
                + r.top().map(f -> " — " + f.title()).orElse("");
    }

    static String recoveryFallback(Report r) {
        return emoji(r.verdict()) + " " + r.server() + ": healthy again";
    }

    static String groupFallback(String target, int servers) {
        return target + ": " + servers + " servers checked";
    }

    static final String SERVERS_FALLBACK = "servers";
    static final String GUIDES_FALLBACK = "fix guides";

    static String historyFallback(String server) {
        return "history of " + server;
    }

    static String restartRunningFallback() {
        return "running";
    }

    static String restartUnknownFallback() {
        return "restart state unknown";
    }

    /** What a message is, for "I could not post ...". */
    static String findingsSubject(String server) {
        return "the findings for " + server;
    }

    static String checkSubject(String target) {
        return "the check of " + target;
    }

    static String groupSubject(String target) {
        return "the summary of " + target;
    }

    static String rawSubject(String server) {
        return "the raw output of " + server;
    }

    /** A message without a subject of its own, by its first words. */
    static String messageSubject(String text) {
        return "a message (“" + plain(text == null ? "" : text, 80) + "”)";
    }

    static String unknownCommand(String word) {
        return "I don't know `" + SlackText.escape(plain(word, 64)) + "`.\n" + HELP;
    }

    static String noGuide(String id) {
        return "No fix guide '" + SlackText.escape(plain(id, 64)) + "'. Try `/502 guides`.";
    }

    static String unknownTarget(String message) {
        return SlackText.escape(message) + "\nSee `/502 servers`.";
    }

    static String channelNotEnabled() {
        return "`/502 check` is not enabled in this channel: ask an admin to add it to `fiveohtwo.slack.channels`.";
    }

    /** A button whose report is no longer kept (or never was: a forged id). */
    static String reportGone() {
        return "That check is no longer kept: run `/502 check` with the server's name for a fresh one.";
    }

    static String rawOnlyInChannels(String server) {
        return "Raw output of " + SlackText.escape(server)
                + " is shared as a file in the channel: use the button on a message in a channel.";
    }

    static String rawFilename(StoredReport s) {
        return s.server().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(s.checkedAt()) + "-raw.txt";
    }

    static String rawTitle(StoredReport s) {
        return "Raw output of " + s.server() + " · " + TIME.format(s.checkedAt());
    }

    static String rawComment(StoredReport s) {
        return "📄 Raw output of *" + SlackText.escape(s.server())
                + "* as the collector printed it (masked), checked at " + TIME.format(s.checkedAt());
    }

    /** Told through the response_url when a message could not be delivered. */
    static String couldNotPost(String what, String error) {
        return "I could not post " + SlackText.escape(what) + ": " + SlackText.escape(error);
    }

    /** Lines (already mrkdwn) packed into section texts of at most 3000 characters; at most 40 sections. */
    static List<String> sections(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String raw : lines) {
            if (raw.isBlank()) {
                continue;
            }
            String line = raw.length() > SECTION_CHARS ? raw.substring(0, SECTION_CHARS - 1) + "…" : raw;
            if (cur.length() + line.length() + 1 > SECTION_CHARS) {
                out.add(cur.toString());
                cur.setLength(0);
            }
            cur.append(cur.length() == 0 ? "" : "\n").append(line);
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out.size() > 40 ? out.subList(0, 40) : out;
    }

    /** Plain text (headers, button labels) cut to a length. */
    /** "Restart php-fpm on web-01?" in Slack's 100 characters: a long service name gives up its middle, the host stays. */
    static String confirmTitle(String service, String server) {
        String whole = "Restart " + service + " on " + server + "?";
        if (whole.length() <= CONFIRM_TITLE) {
            return whole;
        }
        int room = Math.max(2, CONFIRM_TITLE - "Restart … on ?".length() - server.length());
        String kept = service.substring(0, (room + 1) / 2) + "…" + service.substring(service.length() - room / 2);
        return plain("Restart " + kept + " on " + server + "?", CONFIRM_TITLE);
    }

    /**
     * {@code before `command` after} in at most {@code max} escaped characters. A long command gives up its middle,
     * so what follows it (the host) stays, both ends of the command stay (what runs, and on which unit), and its
     * code span is closed.
     */
    static String withCommand(String before, String command, String after, int max) {
        String whole = before + "`" + command + "`" + after;
        if (SlackText.escapedLength(whole) <= max) {
            return whole;
        }
        int budget = max - SlackText.escapedLength(before + "`…`" + after);
        int[] cps = command.codePoints().toArray();
        StringBuilder head = new StringBuilder();
        StringBuilder tail = new StringBuilder();
        int used = 0;
        for (int i = 0, j = cps.length - 1; i <= j; ) {
            boolean front = head.length() <= tail.length();
            int cp = front ? cps[i] : cps[j];
            int width = SlackText.escapedLength(Character.toString(cp));
            if (used + width > budget) {
                break;
            }
            used += width;
            if (front) {
                head.appendCodePoint(cp);
                i++;
            } else {
                tail.insert(0, Character.toString(cp));
                j--;
            }
        }
        return before + "`" + head + "…" + tail + "`" + after;
    }

    static String plain(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
