package dev.fiveohtwo.cli;

import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.reports.Change;
import dev.fiveohtwo.triage.GroupSummary;
import dev.fiveohtwo.triage.Report;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A report as a person reads it in a terminal: verdict first, then the causes with their proof. Every piece of
 * report text is cleaned ({@link TerminalText#clean}) before it is coloured, so the result may be written to
 * the terminal as it is.
 */
final class TextReport {
    private final boolean color;

    TextReport(boolean color) {
        this.color = color;
    }

    /**
     * The end of a group's output: one line per server, worst first, with its verdict and top cause, then the
     * cause most servers share, so the last screen of a long run says what matters.
     */
    String summary(String target, GroupSummary g) {
        StringBuilder out = new StringBuilder();
        out.append(bold(TerminalText.clean(target) + ": " + g.needAttention() + " of "
                        + g.worstFirst().size() + " servers need attention"))
                .append('\n');
        int width =
                g.worstFirst().stream().mapToInt(r -> r.server().length()).max().orElse(0);
        for (Report r : g.worstFirst()) {
            String line = symbol(r.verdict()) + " " + pad(TerminalText.clean(r.server()), width) + "  "
                    + r.verdict().id()
                    + r.top().map(f -> ": " + TerminalText.clean(f.title())).orElse("");
            out.append(paint(verdictColor(r.verdict()), line)).append('\n');
        }
        g.shared()
                .ifPresent(c -> out.append('\n')
                        .append(bold(c.servers() + " of " + c.of() + " servers: " + TerminalText.clean(c.title())
                                + " [" + TerminalText.clean(c.id())
                                + "] — look past the single host: a shared cause (traffic, a deploy, a dependency)"
                                + " is more likely"))
                        .append('\n'));
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    String render(Report r) {
        return render(r, Optional.empty());
    }

    /** The report, with what changed since the server's last healthy check when there is one to compare with. */
    String render(Report r, Optional<History.Comparison> since) {
        StringBuilder out = new StringBuilder();
        out.append(paint(
                        verdictColor(r.verdict()) + ";1",
                        symbol(r.verdict()) + " " + r.server() + " — " + r.headline()))
                .append('\n');
        StringBuilder context = new StringBuilder("   checked ")
                .append(r.login())
                .append(" in ")
                .append(String.format(Locale.ROOT, "%.2f s", r.durationMs() / 1000.0));
        r.evidence()
                .flatMap(e -> e.front())
                .ifPresent(p -> context.append(" · ").append(p.describe()));
        out.append(dim(context.toString())).append("\n");
        int n = 1;
        for (Finding f : r.findings()) {
            out.append('\n');
            finding(out, n++ + ". ", f, "   ", r.reachable());
        }
        if (!r.alsoSeen().isEmpty()) {
            out.append('\n').append("   also seen (host conditions, not the cause by themselves):\n");
            for (Finding f : r.alsoSeen()) {
                finding(out, "· ", f, "      ", false);
            }
        }
        if (!r.notes().isEmpty()) {
            out.append('\n');
            r.notes().forEach(note -> out.append(dim("   note: " + note)).append('\n'));
        }
        since.ifPresent(c -> changes(out, c));
        return out.append('\n').toString();
    }

    private void changes(StringBuilder out, History.Comparison c) {
        out.append('\n')
                .append(bold("   Changed since the last healthy check ("
                        + History.time(c.healthy().checkedAt()) + ")"
                        + (c.changes().isEmpty() ? ": nothing that the checks compare" : ":")))
                .append('\n');
        if (c.changes().isEmpty()) {
            out.append(
                            dim(
                                    "   (front, service states and restarts, memory, disks, containers, upstreams, log error classes)"))
                    .append('\n');
        }
        for (Change change : c.changes()) {
            out.append("   · ").append(TerminalText.clean(change.describe())).append('\n');
        }
    }

    private void finding(StringBuilder out, String number, Finding f, String indent, boolean article) {
        out.append(indent.substring(3))
                .append(number)
                .append(bold(f.title()))
                .append(dim(" · " + f.severity().id()
                        + (f.confidence() > 0 ? " · " + Math.round(f.confidence() * 100) + "%" : "")
                        + (f.fresh() ? "" : " · older than the recency window")))
                .append(dim("  [" + f.id() + "]"))
                .append('\n');
        if (!f.reasons().isEmpty()) {
            out.append(indent)
                    .append("why: ")
                    .append(TerminalText.clean(String.join("; ", f.reasons())))
                    .append('\n');
        }
        for (String line : f.evidence()) {
            out.append(indent)
                    .append(dim("│ "))
                    .append(TerminalText.clean(line))
                    .append('\n');
        }
        for (Finding child : f.explained()) {
            out.append(indent).append("which explains:\n");
            finding(
                    out,
                    "↳ ",
                    new Finding(
                            child.id(),
                            child.title(),
                            child.severity(),
                            child.confidence(),
                            child.reasons(),
                            child.evidence(),
                            child.fresh(),
                            List.of(),
                            child.explained()),
                    indent + "   ",
                    article);
        }
        for (Finding.RestartOption o : f.restart()) {
            out.append(indent)
                    .append("restart ")
                    .append(TerminalText.clean(o.service()))
                    .append(": ")
                    .append(paint("33", o.command()))
                    .append('\n');
        }
        if (article && !f.id().equals(Finding.UNEXPLAINED)) {
            out.append(indent).append(dim("guide: fiveohtwo kb show " + f.id())).append('\n');
        }
    }

    private static String symbol(Verdict v) {
        return switch (v) {
            case HEALTHY -> "✔";
            case BAD_GATEWAY -> "✖";
            case DEGRADED -> "▲";
            case UNREACHABLE, INCONCLUSIVE -> "?";
        };
    }

    private static String verdictColor(Verdict v) {
        return switch (v) {
            case HEALTHY -> "32";
            case BAD_GATEWAY -> "31";
            case DEGRADED -> "33";
            case UNREACHABLE, INCONCLUSIVE -> "37";
        };
    }

    private String bold(String s) {
        return paint("1", s);
    }

    private String dim(String s) {
        return paint("2", s);
    }

    /** {@code s} cleaned, then coloured: cleaning after would escape the colour too. */
    private String paint(String code, String s) {
        String clean = TerminalText.clean(s);
        return color ? "\033[" + code + "m" + clean + "\033[0m" : clean;
    }
}
