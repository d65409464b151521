package dev.fiveohtwo.knowledge;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.LogLine;
import dev.fiveohtwo.checks.LogTail;
import dev.fiveohtwo.inventory.Server;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Evaluates every cause article against the evidence. Confidence is {@code 1 - Π(1 - weight)} over the rules
 * that fired; log lines older than the recency window count a quarter. Causes another fired cause explains
 * are grouped under it, and the verdict follows from the front probe and fresh upstream errors.
 */
public final class RuleMatcher implements EvidenceMatcher {
    static final double STALE_FACTOR = 0.25;
    private static final int MAX_EVIDENCE = 5;
    private static final java.util.Set<String> BACKENDS = java.util.Set.of("php-fpm", "app", "container");
    private static final int MAX_LINE = 400;
    /** Per front's log, the lines that mean a visitor got a 502 (or a 503, 504) because of an upstream. */
    private static final Map<String, Pattern> UPSTREAM_ERRORS = new java.util.LinkedHashMap<>(Map.of(
            "nginx-error", Pattern.compile("\\[(error|crit|alert|emerg)\\].*(upstream|no live upstreams)"),
            "apache-error", Pattern.compile("\\[proxy[_a-z0-9]*:(error|crit|alert|emerg)\\]"),
            "haproxy", Pattern.compile(" 50[234] \\+?\\d+ \\S+ \\S+ [A-Za-z-]{4} "),
            "caddy", Pattern.compile("\"status\":50[234]\\b"),
            "traefik", Pattern.compile("50[234] (Bad Gateway|Service Unavailable|Gateway Timeout)"),
            "envoy", Pattern.compile("\" 50[234] [A-Z]{2}")));

    /** The protocol of the upstream a front's error line names: nginx {@code upstream: "fastcgi://..."}, Apache {@code [proxy_fcgi:error]}. */
    private static final Pattern UPSTREAM_PROTOCOL = Pattern.compile(
            ", upstream: \"(fastcgi|http|https|uwsgi|scgi|grpc)://|\\[proxy_(fcgi|http|http2|uwsgi|ajp):[a-z]+\\]");

    private final KnowledgeBase kb;
    private final Duration window;
    private final Map<Rule.LogRule, LiteralHint> hints = new java.util.IdentityHashMap<>();

    public RuleMatcher(KnowledgeBase kb, Duration window) {
        this.kb = kb;
        this.window = window;
        for (Article a : kb.causes()) {
            for (Rule r : a.rules()) {
                if (r instanceof Rule.LogRule log) {
                    LiteralHint.of(log.pattern().pattern()).ifPresent(h -> hints.put(log, h));
                }
            }
        }
    }

    @Override
    public Diagnosis diagnose(Server server, Evidence e) {
        LocalDateTime freshFrom = freshFrom(e);
        Map<String, Finding> fired = new HashMap<>();
        Map<String, Finding> conditions = new HashMap<>();
        Map<String, Double> score = new HashMap<>();
        Map<LogLine, String> lower = new java.util.IdentityHashMap<>();
        logLines("any", e).forEach(l -> lower.put(l, l.text().toLowerCase(java.util.Locale.ROOT)));
        for (Article a : kb.causes()) {
            evaluate(a, server, e, lower, freshFrom).ifPresent(f -> {
                // host conditions are circumstance: they stand beside the causes, never above or over them
                (a.condition() ? conditions : fired).put(a.id(), f);
                score.put(
                        a.id(),
                        f.confidence() * (f.fresh() ? 1 : STALE_FACTOR) * 0.9
                                + f.severity().rank() * 0.1);
            });
        }
        List<Finding> alsoSeen = conditions.values().stream()
                .sorted(Comparator.comparingDouble((Finding f) -> score.get(f.id()))
                        .reversed()
                        .thenComparing(Finding::id))
                .toList();
        List<Finding> roots = group(fired, score);
        boolean front502 = e.front().flatMap(p -> p.status()).map(c -> c == 502).orElse(false);
        boolean frontOk = e.front().flatMap(p -> p.status()).map(c -> c < 500).orElse(false);
        boolean freshErrors = freshUpstreamErrors(e, freshFrom);
        Verdict verdict;
        if (front502 || (e.front().isEmpty() && freshErrors) || (e.front().isPresent() && !frontOk && freshErrors)) {
            verdict = Verdict.BAD_GATEWAY;
        } else if (roots.isEmpty() && (frontOk || e.front().isEmpty())) {
            verdict = Verdict.HEALTHY;
        } else if (frontOk && roots.stream().noneMatch(Finding::fresh)) {
            // the front answers and all that fired is older than the window (or than the backend's restart): history
            verdict = Verdict.HEALTHY;
        } else {
            verdict = Verdict.DEGRADED;
        }
        if (front502 && roots.stream().noneMatch(Finding::fresh)) {
            List<Finding> withUnexplained = new ArrayList<>();
            withUnexplained.add(unexplained(e));
            withUnexplained.addAll(roots);
            roots = withUnexplained;
        }
        return new Diagnosis(verdict, List.copyOf(roots), alsoSeen);
    }

    private java.util.Optional<Finding> evaluate(
            Article a, Server server, Evidence e, Map<LogLine, String> lower, LocalDateTime freshFrom) {
        double miss = 1.0;
        boolean cause = false;
        boolean fresh = false;
        List<String> reasons = new ArrayList<>();
        Set<String> evidence = new LinkedHashSet<>();
        // a computed fact (a service's state, a probe, SELinux's mode) is one short line, log lines are many: the
        // freshest log lines come first, but never so many that the cap hides every fact
        Set<String> facts = new LinkedHashSet<>();
        for (Rule rule : a.rules()) {
            List<String> lines;
            double weight = rule.weight();
            if (rule instanceof Rule.LogRule log) {
                LiteralHint hint = hints.get(log);
                List<LogLine> hits = logLines(log.source(), e)
                        .filter(l -> hint == null || hint.mayMatch(l.text(), lower.get(l)))
                        .filter(l -> log.pattern().matcher(l.text()).find())
                        .toList();
                List<LogLine> freshHits =
                        hits.stream().filter(l -> isFresh(l, freshFrom)).toList();
                if (!hits.isEmpty() && freshHits.isEmpty()) {
                    weight *= STALE_FACTOR;
                } else if (!hits.isEmpty()) {
                    fresh = true;
                }
                List<LogLine> shown = freshHits.isEmpty() ? hits : freshHits;
                lines = new ArrayList<>();
                for (int i = shown.size() - 1; i >= 0 && lines.size() < MAX_EVIDENCE; i--) {
                    lines.add(trim(shown.get(i).text()));
                }
                if (!hits.isEmpty()) {
                    reasons.add(log.says() + " (" + count(hits.size(), freshHits.size()) + ")");
                }
                cause |= !hits.isEmpty() && rule.decisive();
            } else {
                Rule.SignalRule s = (Rule.SignalRule) rule;
                lines = Signals.evaluate(s.signal(), s.with(), e).stream()
                        .map(RuleMatcher::trim)
                        .toList();
                if (!lines.isEmpty()) {
                    reasons.add(s.says());
                    cause |= rule.decisive();
                    fresh |= rule.decisive();
                }
            }
            if (lines.isEmpty() && rule.required()) {
                return java.util.Optional.empty();
            }
            if (!lines.isEmpty()) {
                miss *= 1 - weight;
                (rule instanceof Rule.SignalRule ? facts : evidence).addAll(lines);
            }
        }
        if (!cause) {
            return java.util.Optional.empty();
        }
        double confidence = Math.round((1 - miss) * 100) / 100.0;
        List<dev.fiveohtwo.inventory.Service> candidates = server.services().values().stream()
                .filter(s -> a.restart().contains(s.kind()))
                .toList();
        // when the evidence (a log line or a computed fact) names the service that is down ("app: inactive"), only that
        // one is offered: restarting a php-fpm that runs fine does not bring back a stopped app
        List<dev.fiveohtwo.inventory.Service> named = candidates.stream()
                .filter(s -> java.util.stream.Stream.concat(evidence.stream(), facts.stream())
                        .anyMatch(l -> l.startsWith(s.unit() + ": ")))
                .toList();
        if (named.isEmpty()) {
            // else nginx's lines say which protocol failed: a FastCGI upstream is php-fpm, an HTTP or uwsgi one is not
            Set<String> kinds = new java.util.HashSet<>();
            evidence.forEach(l -> {
                java.util.regex.Matcher m = UPSTREAM_PROTOCOL.matcher(l);
                if (m.find()) {
                    String protocol = m.group(1) != null ? m.group(1) : m.group(2);
                    kinds.addAll(
                            protocol.equals("fastcgi") || protocol.equals("fcgi")
                                    ? List.of("php-fpm")
                                    : List.of("app", "container"));
                }
            });
            if (kinds.isEmpty()) {
                kinds.addAll(backendKinds(e.frontTargets(), evidence));
            }
            named = kinds.isEmpty()
                    ? candidates
                    : candidates.stream().filter(s -> kinds.contains(s.kind())).toList();
        }
        List<Finding.RestartOption> restart = named.stream()
                .filter(s -> s.restart().isPresent())
                .map(s -> new Finding.RestartOption(
                        s.name(), s.kind(), s.unit(), s.restart().get()))
                .toList();
        return java.util.Optional.of(new Finding(
                a.id(),
                a.title(),
                a.severity().orElseThrow(),
                confidence,
                List.copyOf(reasons),
                shown(evidence, facts),
                fresh,
                restart,
                List.of()));
    }

    /** The log lines, then the facts: at most {@value #MAX_EVIDENCE}, of which up to two are kept for facts. */
    private static List<String> shown(Set<String> logLines, Set<String> facts) {
        List<String> f = facts.stream()
                .filter(l -> !logLines.contains(l))
                .limit(MAX_EVIDENCE)
                .toList();
        int room = MAX_EVIDENCE - Math.min(f.size(), 2);
        List<String> out = new ArrayList<>(logLines.stream().limit(room).toList());
        f.stream().limit(MAX_EVIDENCE - out.size()).forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * Nests each finding under a fired finding that explains it; the result is sorted by score. A root offers only
     * the restarts its own article names: the symptoms it explains point at a service that is not at fault (a socket
     * "missing" because nginx names the wrong path is not cured by restarting php-fpm).
     */
    private List<Finding> group(Map<String, Finding> fired, Map<String, Double> score) {
        Map<String, List<Finding>> children = new HashMap<>();
        Set<String> nested = new LinkedHashSet<>();
        for (Finding f : fired.values()) {
            Article a = kb.article(f.id()).orElseThrow();
            for (String child : a.explains()) {
                if (fired.containsKey(child) && !child.equals(f.id()) && f.fresh()) {
                    children.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(fired.get(child));
                    nested.add(child);
                }
            }
        }
        Comparator<Finding> byScore = Comparator.comparingDouble((Finding f) -> score.get(f.id()))
                .reversed()
                .thenComparing(Finding::id);
        List<Finding> roots = new ArrayList<>();
        for (Finding f : fired.values()) {
            if (nested.contains(f.id())) {
                continue;
            }
            List<Finding> kids = children.getOrDefault(f.id(), List.of()).stream()
                    .sorted(byScore)
                    .toList();
            double best = Stream.concat(Stream.of(f), kids.stream())
                    .mapToDouble(k -> score.get(k.id()))
                    .max()
                    .orElse(0);
            score.put(f.id(), best);
            roots.add(new Finding(
                    f.id(),
                    f.title(),
                    f.severity(),
                    Math.max(
                            f.confidence(),
                            kids.stream().mapToDouble(Finding::confidence).max().orElse(0)),
                    f.reasons(),
                    f.evidence(),
                    f.fresh(),
                    f.restart(),
                    kids));
        }
        roots.sort(byScore);
        return roots;
    }

    /**
     * What stands behind the other fronts (HAProxy, Caddy, Traefik, Envoy, whose lines do not name a protocol), from
     * their configured backends: the ones a line names (by address, or HAProxy's {@code backend/server}), else all of
     * them. A FastCGI backend is php-fpm, any other one an app or a container; empty when there are none.
     */
    static Set<String> backendKinds(
            List<dev.fiveohtwo.checks.FrontTarget> targets, java.util.Collection<String> lines) {
        List<dev.fiveohtwo.checks.FrontTarget> named = targets.stream()
                .filter(t -> lines.stream().anyMatch(l -> names(l, t)))
                .toList();
        Set<String> kinds = new java.util.HashSet<>();
        for (dev.fiveohtwo.checks.FrontTarget t : named.isEmpty() ? targets : named) {
            boolean fastcgi = t.directive().equals("php_fastcgi")
                    || t.target().startsWith("fcgi://")
                    || t.directive().equals("SetHandler") && t.target().contains("fcgi://")
                    || t.directive().equals("ProxyPassMatch") && t.target().contains("fcgi");
            kinds.addAll(fastcgi ? List.of("php-fpm") : List.of("app", "container"));
        }
        return kinds;
    }

    /** Whether {@code line} names backend {@code t}: its host:port or socket, or HAProxy's {@code backend/}. */
    private static boolean names(String line, dev.fiveohtwo.checks.FrontTarget t) {
        if (t.directive().startsWith("haproxy:")
                && line.contains(" " + t.directive().substring("haproxy:".length()) + "/")) {
            return true;
        }
        String address = t.target().replaceFirst("^[a-z0-9+]+://", "").replaceFirst("^unix[/:]", "");
        int slash = address.indexOf('/', 1);
        if (!address.startsWith("/") && slash > 0) {
            address = address.substring(0, slash); // host:port, without the path
        }
        return address.length() > 3 && line.contains(address);
    }

    private Finding unexplained(Evidence e) {
        List<String> lines = new ArrayList<>();
        e.front().ifPresent(p -> lines.add(p.describe()));
        List<LogTail> fronts = e.logs().values().stream()
                .filter(t -> UPSTREAM_ERRORS.containsKey(t.name()))
                .toList();
        fronts.forEach(t -> t.lines().stream()
                .filter(l -> UPSTREAM_ERRORS.get(t.name()).matcher(l.text()).find())
                .reduce((x, y) -> y)
                .ifPresent(l -> lines.add(trim(l.text()))));
        if (fronts.isEmpty()) {
            lines.add(
                    "no front's log was read: set logs.nginx-error (or apache-error, haproxy, caddy, traefik, envoy) in the inventory");
        }
        String read = fronts.isEmpty()
                ? "log:nginx-error"
                : fronts.stream().map(t -> "log:" + t.name()).collect(java.util.stream.Collectors.joining(", "));
        return new Finding(
                Finding.UNEXPLAINED,
                "502 with no known cause",
                Severity.HIGH,
                0,
                List.of(
                        "the front answers 502 but no article matched; read the raw sections: nginx-config, front-upstreams, probes, "
                                + read),
                lines,
                true,
                List.of(),
                List.of());
    }

    private static boolean freshUpstreamErrors(Evidence e, LocalDateTime freshFrom) {
        return e.logs().values().stream()
                .filter(t -> UPSTREAM_ERRORS.containsKey(t.name()))
                .anyMatch(t -> t.lines().stream()
                        .anyMatch(l ->
                                UPSTREAM_ERRORS.get(t.name()).matcher(l.text()).find()
                                        && l.time().isPresent()
                                        && isFresh(l, freshFrom)));
    }

    /** A line is fresh from {@code freshFrom} on; a line with no time of its own cannot be shown old, so it counts. */
    private static boolean isFresh(LogLine l, LocalDateTime freshFrom) {
        return l.time().map(t -> !t.isBefore(freshFrom)).orElse(true);
    }

    /**
     * Where the recency window starts in the host's local time: the window before the host's clock, or just after
     * the last start of a running backend (php-fpm, app, container) when that is later: errors from before it came
     * back are history, not a live outage. The lines keep their own times; only this cutoff moves.
     */
    private LocalDateTime freshFrom(Evidence e) {
        LocalDateTime windowStart = e.host().localTime().minus(window);
        long now = e.host().now();
        // the script reads the clock for 'now' before it reads the services: a start a few seconds "after now"
        // is one that happened while the script ran
        long lastStart = e.services().stream()
                .filter(s -> s.active() && BACKENDS.contains(s.kind()))
                .mapToLong(s -> s.sinceEpoch().orElse(0L))
                .filter(t -> t > 0 && t <= now + 30)
                .max()
                .orElse(0L);
        if (lastStart == 0) {
            return windowStart;
        }
        LocalDateTime start = e.host().localTime().minusSeconds(now - Math.min(lastStart, now));
        // a line stamped at the very second of the start was written before the backend served again
        return start.isAfter(windowStart) ? start.plusNanos(1) : windowStart;
    }

    private static Stream<LogLine> logLines(String source, Evidence e) {
        Stream<LogLine> logs = e.logs().values().stream()
                .filter(t -> source.equals("any")
                        || t.name().equals(source)
                        || t.name().startsWith(source + "@"))
                .flatMap(t -> t.lines().stream());
        return source.equals("kernel") || source.equals("any") ? Stream.concat(logs, e.oom().stream()) : logs;
    }

    private static String count(int all, int fresh) {
        if (all == fresh) {
            return all + (all == 1 ? " line" : " lines") + ", recent";
        }
        return all + (all == 1 ? " line" : " lines") + ", " + fresh + " recent";
    }

    private static String trim(String line) {
        String s = line.strip();
        return s.length() > MAX_LINE ? s.substring(0, MAX_LINE) + "…" : s;
    }
}
