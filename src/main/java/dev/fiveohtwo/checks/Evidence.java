package dev.fiveohtwo.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the collector found on one server, typed, with the raw sections kept for people to read.
 *
 * @param logs by log name ({@code nginx-error}, {@code apache-error}, {@code haproxy}, ..., {@code php-fpm}, {@code app},
 *             {@code kernel}, {@code audit}); a log read from a backend's manager is {@code app@UNIT} or {@code php-fpm@UNIT}
 * @param oom  kernel lines about OOM kills
 * @param frontTargets backends of the other fronts (Apache, HAProxy, Caddy, Traefik, Envoy), as their configuration writes them
 * @param selinux whether SELinux enforces, and the web server's network boolean
 */
public record Evidence(
        HostInfo host,
        List<ServiceState> services,
        NginxSetup nginx,
        List<Probe> probes,
        Map<String, LogTail> logs,
        List<LogLine> oom,
        Resources resources,
        String listeners,
        List<FrontTarget> frontTargets,
        SeLinux selinux,
        Sections raw) {

    /** Parses the sections of one collector run, keeping at most 300 lines of each log. */
    public static Evidence from(Sections s) {
        return from(s, 300);
    }

    /** Parses the sections of one collector run, keeping at most {@code logLines} lines of each log. */
    public static Evidence from(Sections collected, int logLines) {
        HostInfo host = HostInfo.parse(collected.get("meta"));
        ManagedServices managed = ManagedServices.parse(collected, host.now());
        Sections s = collected.has("pm2")
                ? collected.with("pm2", ManagedServices.withoutEnvironment(collected.get("pm2")))
                : collected;
        return new Evidence(
                host,
                ServiceState.parse(s.get("services"), managed),
                NginxSetup.parse(
                        s.get("nginx-config"), s.get("nginx-upstreams"), s.get("nginx-user"), s.get("nginx-instance")),
                Probe.parse(s.get("probes")),
                logs(s, host, logLines),
                lines("kernel", LogText.newest(s.get("oom"), 20, false), host),
                Resources.parse(s, host.cores()),
                s.get("listeners"),
                FrontTarget.parse(s.get("front-upstreams")),
                SeLinux.parse(s.get("selinux")),
                s);
    }

    /** The front probe, when a front URL was configured. */
    public java.util.Optional<Probe> front() {
        return probes.stream().filter(Probe::front).findFirst();
    }

    private static Map<String, LogTail> logs(Sections s, HostInfo host, int logLines) {
        Map<String, LogTail> out = new LinkedHashMap<>();
        for (String line : s.get("log-files").split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length < 3) {
                continue;
            }
            String section = "log:" + f[0];
            // the collector sends the file's last bytes as they are: a file longer than that begins mid-line
            boolean cut = f.length > 3
                    && Numbers.longValue(f[3])
                            .map(size -> size > Collector.SECTION_CAP)
                            .orElse(false);
            out.put(
                    f[0],
                    new LogTail(
                            f[0],
                            f[1],
                            f[2],
                            lines(f[0], LogText.newest(s.get(section), logLines, cut), host),
                            cut || s.truncated().contains(section)));
        }
        return out;
    }

    private static List<LogLine> lines(String source, String text, HostInfo host) {
        List<LogLine> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(LogLine.of(source, line, host.localTime(), host.offset()));
            }
        }
        return List.copyOf(out);
    }
}
