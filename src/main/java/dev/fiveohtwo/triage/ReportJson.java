package dev.fiveohtwo.triage;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.Probe;
import dev.fiveohtwo.knowledge.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a report (documented in the README): plain maps and lists, in a stable key order, for
 * {@link dev.fiveohtwo.system.JsonText} to write.
 */
public final class ReportJson {
    private ReportJson() {}

    public static Map<String, Object> of(Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", r.server());
        m.put("login", r.login());
        m.put("reachable", r.reachable());
        m.put("verdict", r.verdict().id());
        m.put("durationMs", r.durationMs());
        m.put("checkedAt", r.checkedAt().toString());
        m.put("findings", r.findings().stream().map(ReportJson::finding).toList());
        m.put("alsoSeen", r.alsoSeen().stream().map(ReportJson::finding).toList());
        m.put("notes", r.notes());
        m.put("checks", r.evidence().map(ReportJson::checks).orElse(Map.of()));
        return m;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("title", f.title());
        m.put("severity", f.severity().id());
        m.put("confidence", f.confidence());
        m.put("fresh", f.fresh());
        m.put("reasons", f.reasons());
        m.put("evidence", f.evidence());
        m.put(
                "restart",
                f.restart().stream()
                        .map(o -> ordered(
                                "service", o.service(), "kind", o.kind(), "unit", o.unit(), "command", o.command()))
                        .toList());
        m.put("explained", f.explained().stream().map(ReportJson::finding).toList());
        return m;
    }

    private static Map<String, Object> checks(Evidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        e.front().ifPresent(p -> m.put("front", probe(p)));
        m.put(
                "services",
                e.services().stream()
                        .map(s -> {
                            Map<String, Object> x = new LinkedHashMap<>();
                            x.put("name", s.name());
                            x.put("kind", s.kind());
                            x.put("unit", s.unit());
                            x.put("state", s.activeState());
                            if (!s.subState().isEmpty()) {
                                x.put("subState", s.subState());
                            }
                            if (!s.result().isEmpty()) {
                                x.put("result", s.result());
                            }
                            s.restarts().ifPresent(n -> x.put("restarts", n));
                            s.sinceEpoch().ifPresent(t -> x.put("sinceEpoch", t));
                            x.put("source", s.source());
                            return x;
                        })
                        .toList());
        m.put(
                "upstreams",
                e.probes().stream()
                        .filter(p -> !p.front() && !p.dependency())
                        .map(ReportJson::probe)
                        .toList());
        m.put(
                "dependencies",
                e.probes().stream()
                        .filter(Probe::dependency)
                        .map(ReportJson::probe)
                        .toList());
        if (!e.selinux().mode().isEmpty()) {
            Map<String, Object> selinux = new LinkedHashMap<>();
            selinux.put("mode", e.selinux().mode());
            e.selinux().httpdCanNetworkConnect().ifPresent(on -> selinux.put("httpdCanNetworkConnect", on));
            m.put("selinux", selinux);
        }
        Map<String, Object> nginx = new LinkedHashMap<>();
        nginx.put("installed", e.nginx().installed());
        nginx.put("configTestPassed", e.nginx().testPassed());
        nginx.put("configErrors", e.nginx().testErrors());
        nginx.put(
                "passes",
                e.nginx().passes().stream()
                        .map(p -> p.directive() + " " + p.target())
                        .toList());
        nginx.put(
                "upstreamServers",
                e.nginx().upstreams().stream()
                        .map(u -> u.upstream() + " " + u.address() + (u.params().isEmpty() ? "" : " " + u.params()))
                        .toList());
        nginx.put("workerUser", e.nginx().workerUser());
        m.put("nginx", nginx);
        m.put(
                "logs",
                e.logs().values().stream()
                        .map(t -> ordered(
                                "name",
                                t.name(),
                                "path",
                                t.path(),
                                "status",
                                t.status(),
                                "lines",
                                t.lines().size(),
                                "truncated",
                                t.truncated()))
                        .toList());
        m.put("oomLines", e.oom().size());
        e.resources()
                .memory()
                .ifPresent(mem -> m.put(
                        "memory",
                        ordered(
                                "totalMb",
                                mem.totalKb() / 1024,
                                "availableMb",
                                mem.availableKb() / 1024,
                                "swapTotalMb",
                                mem.swapTotalKb() / 1024,
                                "swapUsedPercent",
                                mem.swapUsedPercent())));
        e.resources().load1().ifPresent(l -> m.put("load1", l));
        m.put("cores", e.resources().cores());
        m.put(
                "disks",
                e.resources().disks().stream()
                        .map(d -> ordered("mount", d.mount(), "measure", d.measure(), "usedPercent", d.usedPercent()))
                        .toList());
        e.resources().established().ifPresent(n -> m.put("establishedTcp", n));
        m.put(
                "openFiles",
                e.resources().openFiles().stream()
                        .map(f -> ordered(
                                "process",
                                f.process(),
                                "pid",
                                f.pid(),
                                "soft",
                                f.soft().map(String::valueOf).orElse("?")))
                        .toList());
        m.put("zombies", e.resources().zombies());
        m.put(
                "containers",
                e.resources().containers().stream()
                        .map(c -> ordered("name", c.name(), "status", c.status(), "image", c.image()))
                        .toList());
        m.put("sections", List.copyOf(e.raw().text().keySet()));
        return m;
    }

    /** A map of {@code key, value, key, value...} in that order: {@code Map.of} would shuffle the README's order. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> probe(Probe p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", p.address());
        m.put("directive", p.directive());
        m.put("outcome", p.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        p.status().ifPresent(s -> m.put("status", s));
        m.put("detail", p.detail());
        p.millis().ifPresent(ms -> m.put("ms", ms));
        return m;
    }
}
