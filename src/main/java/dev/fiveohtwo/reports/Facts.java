package dev.fiveohtwo.reports;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.FrontTarget;
import dev.fiveohtwo.checks.LogLine;
import dev.fiveohtwo.checks.LogTail;
import dev.fiveohtwo.checks.NginxSetup;
import dev.fiveohtwo.checks.Probe;
import dev.fiveohtwo.checks.Resources;
import dev.fiveohtwo.checks.ServiceState;
import dev.fiveohtwo.triage.Report;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The facts of a host that one check can be compared on with another: a flat map of names to values, so that it
 * can be kept as it is and compared key by key ({@link Changes}). No log line is kept as it is: a line counts by
 * its error class, the message with its time, process ids, counters and request details taken out.
 *
 * <table>
 *   <caption>the keys</caption>
 *   <tr><td>{@code front}</td><td>the front probe: {@code HTTP 502}, {@code refused}, {@code timeout}</td></tr>
 *   <tr><td>{@code state:<unit>}</td><td>systemd's ActiveState, with the Result when it failed</td></tr>
 *   <tr><td>{@code restarts:<unit>}</td><td>systemd's NRestarts, when the collector read it</td></tr>
 *   <tr><td>{@code memory:available}, {@code memory:total}</td><td>MemAvailable and MemTotal, in kB</td></tr>
 *   <tr><td>{@code disk:<mount>}, {@code inodes:<mount>}</td><td>percent used</td></tr>
 *   <tr><td>{@code container:<name>}</td><td>{@code up} or {@code down}</td></tr>
 *   <tr><td>{@code upstream:<where>}</td><td>a configured target: nginx's {@code fastcgi_pass 127.0.0.1:9000},
 *       {@code upstream app 10.0.0.5:8000}, another front's {@code haproxy haproxy:be 127.0.0.1:8080}; the value
 *       names the front</td></tr>
 *   <tr><td>{@code log:<log>: <class>}</td><td>recent lines of that error class, counted</td></tr>
 * </table>
 *
 * <p>The collector reports no identity (hash, mtime) of configuration files, so there is no fact for them.
 */
public final class Facts {
    /** Log lines older than this before the host's own clock are history, not part of its state. */
    static final Duration RECENT = Duration.ofMinutes(30);
    /** Error classes kept per check: a flood of different messages says no more than its first few. */
    static final int MAX_LOG_CLASSES = 40;

    private static final int MAX_CLASS = 120;

    private static final Pattern NGINX = Pattern.compile(
            "^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} \\[(error|crit|alert|emerg)\\] \\d+#\\d+: (?:\\*\\d+ )?(.*)$");
    private static final Pattern PHP_FPM = Pattern.compile("^\\[[^\\]]+\\] (WARNING|ERROR|ALERT|EMERGENCY): (.*)$");
    private static final Pattern APACHE = Pattern.compile(
            "^\\[[^\\]]+\\] \\[([a-z_]+:(?:error|crit|alert|emerg))\\] (?:\\[pid [^\\]]*\\] )?(?:\\[client [^\\]]*\\] )?(.*)$");
    /** Any other log: its leading time and bracketed fields go, and the line must say something went wrong. */
    private static final Pattern LEADING = Pattern.compile(
            "^(?:\\[[^\\]]{0,60}\\]\\s*|\\d{4}-\\d{2}-\\d{2}[T ][\\d:.,]+(?:Z|[+-]\\d{2}:?\\d{2})?\\s*|[A-Z][a-z]{2} [ \\d]\\d [\\d:]{8}\\s+\\S+\\s+|\\S+\\[\\d+\\]:\\s*)+");

    private static final Pattern TROUBLE = Pattern.compile(
            "(?i)\\b(error|critical|fatal|exception|traceback|timeout|timed out|killed|refused|segfault|panic)\\b");
    private static final Pattern OOM = Pattern.compile("(?i)(out of memory|oom-kill|killed process)");
    /** Where nginx's message ends and the request it was about begins. */
    private static final Pattern NGINX_TAIL =
            Pattern.compile(", (?:client|server|request|upstream|host|referrer): .*$");

    private static final Pattern ADDRESS = Pattern.compile(
            "\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b|\\[[0-9a-fA-F:]*:[0-9a-fA-F:]*\\](?::\\d+)?|\\b0x[0-9a-fA-F]+\\b");
    /** A number that is not an errno ({@code (111: Connection refused)} keeps its 111). */
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_.\\d-])\\d+(?:\\.\\d+)?(?!\\d*: )");

    private Facts() {}

    /** The facts of a report; none for a server that was not reached. */
    public static SortedMap<String, String> of(Report report) {
        SortedMap<String, String> facts = new TreeMap<>();
        report.evidence().ifPresent(e -> collect(e, facts));
        return facts;
    }

    private static void collect(Evidence e, Map<String, String> facts) {
        e.front().ifPresent(p -> facts.put("front", front(p)));
        for (ServiceState s : e.services()) {
            facts.put("state:" + s.unit(), state(s));
            s.restarts().ifPresent(n -> facts.put("restarts:" + s.unit(), String.valueOf(n)));
        }
        e.resources().memory().ifPresent(m -> {
            facts.put("memory:available", String.valueOf(m.availableKb()));
            facts.put("memory:total", String.valueOf(m.totalKb()));
        });
        for (Resources.Disk d : e.resources().disks()) {
            facts.put(
                    (d.measure().equals("inodes") ? "inodes:" : "disk:") + d.mount(), String.valueOf(d.usedPercent()));
        }
        for (Resources.Container c : e.resources().containers()) {
            facts.put("container:" + c.name(), c.down() ? "down" : "up");
        }
        for (NginxSetup.Pass p : e.nginx().passes()) {
            facts.put("upstream:" + p.directive() + " " + p.target(), "nginx");
        }
        for (NginxSetup.UpstreamServer u : e.nginx().upstreams()) {
            facts.put("upstream:upstream " + u.upstream() + " " + u.address(), "nginx");
        }
        for (FrontTarget t : e.frontTargets()) {
            facts.put("upstream:" + t.front() + " " + t.directive() + " " + t.target(), t.front());
        }
        logClasses(e, facts);
    }

    private static String front(Probe p) {
        return p.status()
                .map(s -> "HTTP " + s)
                .orElse(p.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static String state(ServiceState s) {
        boolean failed = "failed".equals(s.activeState()) && !s.result().isEmpty() && !"success".equals(s.result());
        return failed ? s.activeState() + " (" + s.result() + ")" : s.activeState();
    }

    private static void logClasses(Evidence e, Map<String, String> facts) {
        LocalDateTime since = e.host().localTime().minus(RECENT);
        Stream<LogLine> lines = Stream.concat(
                e.logs().values().stream().map(LogTail::lines).flatMap(java.util.List::stream), e.oom().stream());
        Map<String, Integer> counts = new TreeMap<>();
        lines.filter(l -> recent(l, since))
                .forEach(l -> errorClass(l).ifPresent(c -> counts.merge(l.source() + ": " + c, 1, Integer::sum)));
        counts.entrySet().stream()
                .limit(MAX_LOG_CLASSES)
                .forEach(c -> facts.put("log:" + c.getKey(), String.valueOf(c.getValue())));
    }

    /** Dated lines count when recent; undated ones only from the kernel, whose OOM lines often carry no date. */
    private static boolean recent(LogLine l, LocalDateTime since) {
        return l.time().map(t -> !t.isBefore(since)).orElse(l.source().equals("kernel"));
    }

    /** The error class of a line: its message without what differs from one occurrence to the next. */
    static Optional<String> errorClass(LogLine line) {
        String text = line.text().strip();
        if (OOM.matcher(text).find()) {
            return Optional.of("out of memory: a process was killed");
        }
        Matcher m = NGINX.matcher(text);
        if (m.matches()) {
            return Optional.of(normalise(
                    "[" + m.group(1) + "] " + NGINX_TAIL.matcher(m.group(2)).replaceFirst("")));
        }
        m = PHP_FPM.matcher(text);
        if (m.matches()) {
            return Optional.of(normalise(m.group(1) + ": " + m.group(2)));
        }
        m = APACHE.matcher(text);
        if (m.matches()) {
            return Optional.of(normalise("[" + m.group(1) + "] " + m.group(2)));
        }
        if (line.source().equals("nginx-error") || !TROUBLE.matcher(text).find()) {
            return Optional.empty(); // nginx's notices and warnings, and lines that report no trouble
        }
        return Optional.of(normalise(LEADING.matcher(text).replaceFirst("")));
    }

    private static String normalise(String message) {
        String s = ADDRESS.matcher(message).replaceAll("ADDR");
        s = NUMBER.matcher(s).replaceAll("N").replaceAll("\\s+", " ").strip();
        return s.length() > MAX_CLASS ? s.substring(0, MAX_CLASS) + "…" : s;
    }
}
