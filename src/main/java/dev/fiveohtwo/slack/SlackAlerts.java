package dev.fiveohtwo.slack;

import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.triage.Report;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The messages of alert-started checks: the usual findings report (or group summary) with the alert above it,
 * posted once and then updated in place. The alert's own words (name, summary) come from the monitor and are
 * escaped and cut here like any other outside text; a link is shown only when it is a plain http(s) URL.
 */
@Singleton
public final class SlackAlerts {
    private static final DateTimeFormatter HM =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>|\"`]{1,2000}");
    private final SlackPoster poster;
    private final SlackRenderer renderer;
    private final SlackViews views;
    private final RestartOffers restarts;
    private final KeptChecks kept;

    /** Where an alert stands, for the line under its name. */
    public enum State {
        CHECKING,
        FIRING,
        STILL_FIRING,
        RESOLVED
    }

    /**
     * The alert above the findings.
     *
     * @param link        the monitor's page of the alert (Alertmanager's generatorURL), or null
     * @param lastChecked when the findings shown were gathered, or null
     * @param resolvedAt  when the monitor said the alert resolved, or null
     */
    public record Heading(
            String alert,
            String summary,
            Instant startsAt,
            String link,
            State state,
            Instant lastChecked,
            Instant resolvedAt) {
        public Heading with(State s, Instant checked, Instant resolved) {
            return new Heading(alert, summary, startsAt, link, s, checked, resolved);
        }
    }

    /** A posted message, to update later. */
    public record Message(String channelId, String ts) {}

    /** The alert lines the template shows: {@code title} and {@code context} are raw text. */
    record AlertView(String title, String summary, String link, String context) {}

    /** An alert no server matched. */
    record UnmatchedView(String title, List<String> labels, String hint) {}

    SlackAlerts(SlackPoster poster, SlackRenderer renderer, SlackViews views, RestartOffers restarts, KeptChecks kept) {
        this.poster = poster;
        this.renderer = renderer;
        this.views = views;
        this.restarts = restarts;
        this.kept = kept;
    }

    /** Posts "checking…" under the alert; empty when Slack refused it (logged and counted by the poster). */
    public Optional<Message> checking(String channel, Heading h, String target) {
        String blocks = join(alert(h), renderer.render("checking", views.checking(target, null, "")));
        return poster.post(
                        new Conversation(channel, null, null, null),
                        fallback(h, "checking " + target),
                        blocks,
                        "the alert " + h.alert())
                .filter(SlackPoster.Posted::updatable)
                .map(p -> new Message(p.channelId(), p.ts()));
    }

    /**
     * Shows the findings in {@code m}: one server's report with its buttons, or a group summary with the
     * cross-host line, each server that needs attention then in the thread when {@code thread} is true.
     */
    public void findings(Message m, Heading h, String target, List<Report> reports, boolean thread) {
        SlackPoster.Posted posted = new SlackPoster.Posted(m.channelId(), m.ts(), null);
        String asked = "alert:" + h.alert();
        List<Optional<StoredReport>> keptAs =
                reports.stream().map(r -> kept.keep(r, asked)).toList();
        if (reports.size() == 1) {
            Report r = reports.get(0);
            String blocks = join(
                    alert(h),
                    renderer.render(
                            "report",
                            views.report(
                                    r,
                                    keptAs.get(0).map(StoredReport::id).orElse(null),
                                    null,
                                    restarts.of(r, m.channelId(), m.ts()),
                                    "",
                                    kept.changes(r, keptAs.get(0)))));
            poster.update(
                    posted,
                    fallback(
                            h,
                            r.server() + ": " + r.verdict().id()
                                    + r.top().map(f -> " — " + f.title()).orElse("")),
                    blocks,
                    "the findings for " + r.server());
            return;
        }
        String blocks = join(alert(h), renderer.render("group", views.group(target, reports, null)));
        poster.update(
                posted,
                fallback(h, target + ": " + reports.size() + " servers checked"),
                blocks,
                "the summary of " + target);
        if (thread) {
            Conversation in = new Conversation(m.channelId(), m.ts(), null, null);
            for (int i = 0; i < reports.size(); i++) {
                Report r = reports.get(i);
                if (r.verdict() != Verdict.HEALTHY) {
                    poster.post(
                            in,
                            SlackViews.reportFallback(r),
                            renderer.render(
                                    "report",
                                    views.report(
                                            r,
                                            keptAs.get(i).map(StoredReport::id).orElse(null),
                                            null,
                                            restarts.of(r, m.channelId(), m.ts()),
                                            "",
                                            kept.changes(r, keptAs.get(i)))),
                            SlackViews.findingsSubject(r.server()));
                }
            }
        }
    }

    /** Says once that an alert matched no server: the labels it carried and how to map them. */
    public Optional<Message> unmatched(String channel, String alert, Map<String, String> labels) {
        List<String> shown = labels.entrySet().stream()
                .limit(20)
                .map(e ->
                        SlackText.fit(label(e.getKey()), 100) + "=\"" + SlackText.fit(label(e.getValue()), 200) + "\"")
                .toList();
        UnmatchedView v = new UnmatchedView(
                SlackViews.plain("❔ Alert " + alert + " names no server in the inventory", 150),
                shown,
                "Add a label fiveohtwo_server or fiveohtwo_group to the alert rule, make instance a server's name, host, host:port or "
                        + "front-url, or give the server alert-labels: in the inventory. Other alerts like this are not announced for a while.");
        return poster.post(
                        new Conversation(channel, null, null, null),
                        "alert " + alert + " matched no server",
                        renderer.render("alert-unmatched", v),
                        "the unmatched alert " + alert)
                .filter(SlackPoster.Posted::updatable)
                .map(p -> new Message(p.channelId(), p.ts()));
    }

    /** A label as it can sit in a code span: hidden characters shown, no backtick to close the span. */
    private static String label(String s) {
        return SlackText.code(s).replace('`', '\'');
    }

    private AlertView alert(Heading h) {
        // the siren while it fires; once resolved the line below says so
        String title = (h.state() == State.RESOLVED ? "" : "🚨 ") + h.alert();
        String state = switch (h.state()) {
            case CHECKING -> "checking now";
            case FIRING -> "firing" + checked(h);
            case STILL_FIRING -> "still firing" + checked(h);
            case RESOLVED ->
                "✅ resolved " + HM.format(h.resolvedAt()) + ", after " + minutes(h.startsAt(), h.resolvedAt())
                        + checked(h);
        };
        String since = h.startsAt() == null ? "" : "since " + HM.format(h.startsAt()) + " · ";
        String link = h.link() != null && LINK.matcher(h.link()).matches() ? h.link() : "";
        return new AlertView(
                SlackText.fit(title, 200),
                SlackText.fit(h.summary() == null ? "" : h.summary(), 1000),
                link,
                SlackText.fit(since + state, 300));
    }

    private static String checked(Heading h) {
        return h.lastChecked() == null ? "" : " · last checked " + HM.format(h.lastChecked());
    }

    private static String minutes(Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) {
            return "?";
        }
        long m = Duration.between(from, to).toMinutes();
        return m < 1 ? "under a minute" : m + " min";
    }

    private static String fallback(Heading h, String what) {
        return SlackText.fit("🚨 " + h.alert() + ": " + what, 300);
    }

    /** Two rendered block arrays as one. */
    private String join(AlertView a, String rest) {
        String head = renderer.render("alert", a).strip();
        String tail = rest.strip();
        return head.substring(0, head.length() - 1) + "," + tail.substring(1);
    }
}
