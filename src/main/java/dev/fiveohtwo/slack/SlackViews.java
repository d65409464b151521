package dev.fiveohtwo.slack;

import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.knowledge.Article;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.triage.GroupSummary;
import dev.fiveohtwo.triage.Report;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the views of every message from reports and articles, within Slack's limits whatever the servers
 * printed: at most 8 findings, 3 evidence lines each, every text cut to fit once escaped. Server text is
 * redacted here, before anything leaves the bot.
 */
final class SlackViews {
    /** Slack's limit for a confirm dialog's text. */
    static final int CONFIRM_TEXT = 300;
    /** Slack's limit for a confirm dialog's title. */
    static final int CONFIRM_TITLE = 100;
    static final int MAX_FINDINGS = 8;
    static final int MAX_EVIDENCE = 3;
    static final int EVIDENCE_CHARS = 600;
    static final int SECTION_CHARS = 3000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

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

    Views.Report report(Report r, String userId) {
        return report(r, userId, Map.of(), "");
    }

    /**
     * @param offers restart offers: finding id, then service name, to the opaque request id on the button
     * @param status a line that replaces the restart buttons once a restart ran (empty: none)
     */
    Views.Report report(Report r, String userId, Map<String, Map<String, String>> offers, String status) {
        String header = plain(emoji(r.verdict()) + " " + r.server() + " — " + r.headline(), 150);
        List<Views.Finding> findings = new ArrayList<>();
        java.util.Set<String> guides = new java.util.HashSet<>();
        // an unreachable server's one finding is what failed: the summary says it, once
        for (Finding f : r.findings().stream().limit(r.reachable() ? MAX_FINDINGS : 0).toList()) {
            // Slack refuses a message with one action_id twice: one fix-guide button per article
            findings.add(finding(f, r, offers.getOrDefault(f.id(), Map.of()), guides.add(f.id())));
        }
        List<String> notes = new ArrayList<>();
        if (!status.isBlank()) {
            notes.add(SlackText.fit(status, 300));
        }
        r.alsoSeen().stream().limit(2).map(f -> SlackText.fit("Also seen: " + f.title() + " · " + Math.round(f.confidence() * 100) + "%"
            + f.evidence().stream().findFirst().map(l -> " — " + l).orElse(""), 300)).forEach(notes::add);
        r.notes().stream().filter(n -> !n.isBlank()).limit(5).map(n -> SlackText.fit(n, 300)).forEach(notes::add);
        if (r.findings().size() > MAX_FINDINGS) {
            notes.add((r.findings().size() - MAX_FINDINGS) + " more findings: see Raw output or the CLI");
        }
        List<Views.Button> actions = new ArrayList<>();
        actions.add(Views.Button.of("🔄 Re-check", ActionIds.RECHECK + r.server(), r.server()));
        if (r.reachable()) {
            actions.add(Views.Button.of("📄 Raw output", ActionIds.RAW + r.server(), r.server()));
        }
        String context = "Checked in " + String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0) + " over "
            + (r.login().equals("local") ? "local transport" : "SSH as " + r.login()) + " · " + TIME.format(r.checkedAt());
        return new Views.Report(header, summary(r), findings, notes, actions, context, userId);
    }

    /**
     * The line under the header: the front probe and the top cause's summary; for a server that could not be
     * checked, what failed and what to try. Never empty: Slack refuses a section without text.
     */
    private String summary(Report r) {
        if (!r.reachable()) {
            List<String> what = r.top().map(Finding::evidence).orElse(List.of()).stream().filter(l -> !l.isBlank()).limit(2)
                .map(l -> l.startsWith("try: ") ? "Try: " + l.substring(5) : l).toList();
            String failed = what.isEmpty() ? "Could not check " + r.server() + "." : "Could not check " + r.server() + ": " + String.join("\n", what);
            return SlackText.fit(failed, 2000);
        }
        StringBuilder s = new StringBuilder();
        r.evidence().flatMap(e -> e.front()).ifPresent(p -> s.append(p.describe()));
        r.top().flatMap(f -> kb.article(f.id())).ifPresent(a -> s.append(s.length() == 0 ? "" : "\n").append("Most likely: ").append(a.summary()));
        if (r.verdict() == Verdict.INCONCLUSIVE) {
            s.append(s.length() == 0 ? "" : "\n").append("Not enough evidence for a verdict: "
                + (r.notes().stream().anyMatch(n -> !n.isBlank()) ? "the notes below say what could not be checked." : "some checks did not complete."));
        } else if (r.findings().isEmpty() && r.verdict() == Verdict.HEALTHY) {
            s.append(s.length() == 0 ? "" : "\n").append("No known cause of 502s fired: services, upstreams, logs, memory and disk look fine.");
        } else if (s.length() == 0 && r.top().isPresent()) {
            s.append("Most likely: ").append(r.top().get().title());
        }
        return SlackText.fit(s.toString(), 2000);
    }

    private Views.Finding finding(Finding f, Report r, Map<String, String> offers, boolean firstOfItsArticle) {
        String meta = f.severity().id() + (f.confidence() > 0 ? " · " + Math.round(f.confidence() * 100) + "%" : "")
            + (f.fresh() ? "" : " · older than the recency window");
        String why = SlackText.fit(String.join("; ", f.reasons()), 400);
        List<String> because = f.explained().stream().limit(3)
            .map(c -> SlackText.fit("which is why: " + c.title() + " (" + Math.round(c.confidence() * 100) + "%)", 200)).toList();
        // its own proof first, then the first line of each cause it explains: the whole story in three lines
        List<String> lines = new ArrayList<>(f.evidence().stream().limit(f.explained().isEmpty() ? MAX_EVIDENCE : 2).toList());
        f.explained().stream().filter(c -> !c.evidence().isEmpty()).map(c -> c.evidence().get(0)).limit(MAX_EVIDENCE - lines.size()).forEach(lines::add);
        List<String> evidence = new ArrayList<>();
        for (String line : lines) {
            evidence.add(SlackText.fit(SlackText.code(line), EVIDENCE_CHARS));
        }
        List<Views.Button> buttons = new ArrayList<>();
        for (Finding.RestartOption o : f.restart()) {
            String id = offers.get(o.service());
            if (id != null && buttons.size() < 4) {
                buttons.add(new Views.Button(SlackText.fit("🔁 Restart " + o.service(), 75), ActionIds.RESTART + id, id, "danger",
                    new Views.Confirm(confirmTitle(o.service(), r.server()),
                        withCommand("Asks to run ", o.command(), " on " + r.server() + ". It runs once approved.", CONFIRM_TEXT),
                        "Request restart", "Cancel")));
            }
        }
        if (firstOfItsArticle && r.reachable() && kb.article(f.id()).isPresent()) {
            buttons.add(Views.Button.of("📘 Fix guide", ActionIds.GUIDE + f.id(), f.id()));
        }
        return new Views.Finding(SlackText.fit(f.title(), 150), meta, why, because, evidence, buttons);
    }

    /** The approval message: {@code text} is built here with escaping, so mentions we add stay mentions. */
    Views.Approval approval(dev.fiveohtwo.remediation.RestartRequest r, String headline, String approvers, boolean waiting) {
        String text = headline + "\n*Command* (runs as the inventory login on " + SlackText.escape(r.server()) + "):\n```"
            + SlackText.escape(SlackText.code(r.command())) + "```\n*Finding:* `" + SlackText.escape(r.finding()) + "` · *evidence* `"
            + r.evidenceHash().substring(0, 12) + "`" + (waiting ? "\n_Needs approval from " + approvers + "; expires at "
            + TIME.format(r.expiresAt()) + "_" : "");
        List<Views.Button> buttons = waiting ? List.of(
            new Views.Button("✅ Approve", ActionIds.APPROVE + r.id(), r.id(), "primary",
                new Views.Confirm(confirmTitle(r.service(), r.server()),
                    withCommand("Runs ", r.command(), " on " + r.server() + " now.", CONFIRM_TEXT), "Approve and run", "Cancel")),
            new Views.Button("🚫 Deny", ActionIds.DENY + r.id(), r.id(), "", null)) : List.of();
        return new Views.Approval(plain(text, 2900), buttons);
    }

    Views.Checking checking(String target, String userId, String progress) {
        return new Views.Checking(SlackText.fit(target, 100), userId, progress == null ? "" : SlackText.fit(progress, 1000));
    }

    /** A fix guide as messages of at most 10 sections each; the first carries the title. */
    List<Views.Guide> guide(Article a) {
        List<String> chunks = new ArrayList<>();
        chunks.add("_" + SlackText.escape(a.summary()) + "_");
        SlackMarkdown.toMrkdwn(a.body(), SECTION_CHARS).stream().filter(c -> !c.isBlank()).forEach(chunks::add);
        List<Views.Guide> messages = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i += 10) {
            messages.add(new Views.Guide(i == 0 ? plain("📘 " + a.title(), 150) : "", chunks.subList(i, Math.min(chunks.size(), i + 10))));
        }
        return messages;
    }

    Views.ListAnswer servers(Inventory inv, String group) {
        List<Server> servers = group.isBlank() ? List.copyOf(inv.servers().values()) : inv.group(group);
        List<String> lines = servers.stream().map(s -> "• *" + SlackText.escape(s.name()) + "* — " + SlackText.escape(s.login())
            + (s.groups().isEmpty() ? "" : " · " + SlackText.escape(String.join(", ", s.groups())))
            // the key's path stays on the bot's host: the channel learns which setting to fix, the operator where
            + s.unusable().map(u -> " · ⚠️ cannot be checked: its " + u.key() + " " + SlackText.escape(u.problem())).orElse("")).toList();
        String title = group.isBlank() ? "Servers (" + servers.size() + ")" : "Servers in " + group + " (" + servers.size() + ")";
        return new Views.ListAnswer(plain(title, 150), sections(lines.isEmpty() ? List.of("_none_") : lines), List.of());
    }

    Views.ListAnswer guides(String words) {
        List<String> terms = List.of(words.toLowerCase(Locale.ROOT).split("\\s+")).stream().filter(w -> !w.isBlank()).toList();
        List<Article> found = kb.articles().stream().filter(a -> terms.stream().allMatch(t ->
            (a.id() + " " + a.title() + " " + a.summary()).toLowerCase(Locale.ROOT).contains(t))).toList();
        List<String> lines = found.stream().map(a -> "• *" + SlackText.escape(a.title()) + "* `" + a.id() + "`\n    "
            + SlackText.escape(SlackText.fit(a.summary(), 300))).toList();
        List<List<Views.Button>> rows = new ArrayList<>();
        List<Views.Button> buttons = found.stream().limit(100).map(a -> Views.Button.of(a.title(), ActionIds.GUIDE + a.id(), a.id())).toList();
        for (int i = 0; i < buttons.size(); i += 25) {
            rows.add(buttons.subList(i, Math.min(buttons.size(), i + 25)));
        }
        String title = terms.isEmpty() ? "Fix guides (" + found.size() + ")" : "Fix guides matching “" + words + "” (" + found.size() + ")";
        return new Views.ListAnswer(plain(title, 150), sections(lines.isEmpty() ? List.of("_no guide matches; try `/502 guides`_") : lines), rows);
    }

    Views.Group group(String target, List<Report> reports, String userId) {
        GroupSummary summary = GroupSummary.of(reports);
        List<String> lines = summary.worstFirst().stream().map(r -> emoji(r.verdict()) + " *" + SlackText.escape(r.server()) + "* — " + r.verdict().id()
            + r.top().map(f -> ": " + SlackText.escape(f.title())).orElse("")).toList();
        String correlation = summary.shared()
            .map(c -> c.servers() + " of " + c.of() + " servers: " + kb.article(c.id()).map(Article::title).orElse(c.id())
                + " — a shared cause (traffic, a deploy, a dependency) is more likely than a fault of one host")
            .orElse("");
        return new Views.Group(plain("🔎 " + target + " — " + summary.needAttention() + " of " + reports.size() + " servers need attention", 150),
            sections(lines), SlackText.fit(correlation, 1000), "details of each server that needs attention are in the thread", userId);
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
