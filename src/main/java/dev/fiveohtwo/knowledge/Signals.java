package dev.fiveohtwo.knowledge;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.Probe;
import dev.fiveohtwo.checks.Probe.Outcome;
import dev.fiveohtwo.checks.Resources;
import dev.fiveohtwo.checks.ServiceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Computes a {@link Signal} from evidence: the lines that show it, empty when it does not hold. */
final class Signals {
    private Signals() {}

    private static final java.util.regex.Pattern CLOSED_ON_REUSE = java.util.regex.Pattern.compile(
            "(?:upstream prematurely closed connection|\\((?:32: Broken pipe|104: Connection reset by peer)\\)) while"
                    + " (?:reading response header from|sending request to) upstream.*request: \"(POST|PUT|PATCH|DELETE|LOCK) "
                    + "([^ \"]{1,200})[^\"]*\".*upstream: \"[a-z]+://([^/\"]{1,200})");

    /**
     * Requests nginx does not retry on a new connection that met a closed one, to a server of an upstream group with
     * {@code keepalive}: one line per group and method, from the last half hour of the host's clock.
     */
    private static List<String> keepaliveClosed(Evidence e) {
        Map<String, Integer> keepalive = e.nginx().keepalive();
        if (keepalive.isEmpty()) {
            return List.of();
        }
        java.time.LocalDateTime since = e.host().localTime().minusMinutes(30);
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        e.logs().values().stream()
                .filter(t -> t.name().equals("nginx-error"))
                .flatMap(t -> t.lines().stream())
                .filter(l -> l.time().map(t -> !t.isBefore(since)).orElse(true))
                .forEach(l -> {
                    java.util.regex.Matcher m = CLOSED_ON_REUSE.matcher(l.text());
                    if (!m.find()) {
                        return;
                    }
                    e.nginx().upstreams().stream()
                            .filter(u -> keepalive.containsKey(u.upstream())
                                    && u.address().equals(m.group(3)))
                            .findFirst()
                            .ifPresent(u -> out.add("upstream " + u.upstream() + " keeps " + keepalive.get(u.upstream())
                                    + " idle connections to " + u.address() + "; a " + m.group(1)
                                    + " met one the backend had closed (nginx does not retry a " + m.group(1) + ")"));
                });
        return List.copyOf(out);
    }

    static List<String> evaluate(Signal signal, Map<String, Object> with, Evidence e) {
        return switch (signal) {
            case FRONT_STATUS ->
                e.front()
                        .filter(p -> p.status()
                                .map(c -> numbers(with, "codes", List.of(502)).contains(c))
                                .orElse(false))
                        .map(p -> List.of(p.describe()))
                        .orElse(List.of());
            case FRONT_SLOW ->
                e.front()
                        .filter(p -> slow(p, number(with, "over-ms", 5000)))
                        .map(p -> List.of(p.describe()))
                        .orElse(List.of());
            // 'unknown': nothing could say (a manager that did not answer), which is no proof of a stop
            case SERVICE_DOWN ->
                services(e, with)
                        .filter(s -> !s.active() && !"unknown".equals(s.activeState()))
                        .map(ServiceState::describe)
                        .toList();
            case SERVICE_OOM_KILLED ->
                services(e, with)
                        .filter(s -> "oom-kill".equals(s.result()))
                        .map(s -> s.describe() + ": killed for memory")
                        .toList();
            case DEPENDENCY_UNREACHABLE ->
                e.probes().stream()
                        .filter(Probe::dependency)
                        .filter(p -> p.outcome() != Outcome.OPEN && p.outcome() != Outcome.UNTESTED)
                        .map(Probe::describe)
                        .toList();
            case SELINUX_ENFORCING ->
                e.selinux().enforcing()
                        ? List.of("SELinux is " + e.selinux().mode()
                                + e.selinux()
                                        .httpdCanNetworkConnect()
                                        .map(on -> ", httpd_can_network_connect is " + (on ? "on" : "off"))
                                        .orElse(""))
                        : List.of();
            case SERVICE_RECENTLY_STARTED ->
                services(e, with)
                        .filter(s -> s.active()
                                && s.sinceEpoch()
                                        .map(t -> e.host().now() - t < number(with, "within-minutes", 10) * 60)
                                        .orElse(false))
                        .map(s -> s.unit() + ": started "
                                + (e.host().now() - s.sinceEpoch().orElseThrow()) + " s ago")
                        .toList();
            case SERVICE_RESTART_LOOP ->
                services(e, with)
                        .filter(s -> s.restarts().orElse(0) >= number(with, "min-restarts", 3))
                        .map(ServiceState::describe)
                        .toList();
            case UPSTREAM_REFUSED ->
                upstreams(e)
                        .filter(p -> p.outcome() == Outcome.REFUSED)
                        .filter(p -> strings(with, "directives")
                                .map(d -> d.contains(p.directive()))
                                .orElse(true))
                        .map(Probe::describe)
                        .toList();
            case UPSTREAM_SLOW ->
                upstreams(e)
                        .filter(p -> slow(p, number(with, "over-ms", 3000)))
                        .map(Probe::describe)
                        .toList();
            case UPSTREAM_RESET ->
                upstreams(e)
                        .filter(p -> p.outcome() == Outcome.RESET || p.outcome() == Outcome.EMPTY_REPLY)
                        .map(Probe::describe)
                        .toList();
            case UPSTREAM_KEEPALIVE_CLOSED -> keepaliveClosed(e);
            case UPSTREAM_UNRESOLVABLE ->
                upstreams(e)
                        .filter(p -> p.outcome() == Outcome.UNRESOLVABLE)
                        .map(Probe::describe)
                        .toList();
            case UPSTREAM_NO_ROUTE ->
                upstreams(e)
                        .filter(p -> p.outcome() == Outcome.NO_ROUTE
                                || (p.outcome() == Outcome.TIMEOUT
                                        && !p.address().startsWith("http")))
                        .map(Probe::describe)
                        .toList();
            case SOCKET_MISSING ->
                upstreams(e)
                        .filter(p -> p.unixSocket() && p.outcome() == Outcome.MISSING)
                        .map(p -> p.describe() + " (no such file)")
                        .toList();
            case SOCKET_PERMISSION ->
                upstreams(e)
                        .filter(p -> p.unixSocket() && deniedTo(p, e))
                        .map(p -> p.describe() + "; nginx runs as " + e.nginx().workerUser() + " (groups "
                                + String.join(",", e.nginx().workerGroups()) + ")")
                        .toList();
            case UPSTREAM_MISDIRECTED -> misdirected(e);
            case MEMORY_LOW ->
                e.resources()
                        .memory()
                        .filter(m -> m.availableKb() / 1024 < number(with, "below-mb", 200)
                                || m.availablePercent() < number(with, "below-percent", 5))
                        .map(m -> List.of("MemAvailable " + m.availableKb() / 1024 + " MB of " + m.totalKb() / 1024
                                + " MB (" + m.availablePercent() + "%)"))
                        .orElse(List.of());
            case SWAP_FULL ->
                e.resources()
                        .memory()
                        .filter(m -> m.swapTotalKb() > 0 && m.swapUsedPercent() >= number(with, "above-percent", 90))
                        .map(m ->
                                List.of("swap " + m.swapUsedPercent() + "% used of " + m.swapTotalKb() / 1024 + " MB"))
                        .orElse(List.of());
            case DISK_FULL ->
                e.resources().disks().stream()
                        .filter(d -> d.usedPercent() >= number(with, "above-percent", 95))
                        .map(d -> d.mount() + ": " + d.usedPercent() + "% of " + d.measure() + " used")
                        .toList();
            case LOAD_HIGH ->
                e.resources()
                        .load1()
                        .filter(l -> l / e.resources().cores() >= decimal(with, "per-core", 2.0))
                        .map(l -> List.of(
                                "load average " + l + " on " + e.resources().cores() + " cores"))
                        .orElse(List.of());
            case CONNECTIONS_HIGH ->
                e.resources()
                        .established()
                        .filter(n -> n > number(with, "above", 2000))
                        .map(n -> List.of(n + " established TCP connections"))
                        .orElse(List.of());
            case NOFILE_LOW ->
                e.resources().openFiles().stream()
                        .filter(f -> f.soft().orElse(Long.MAX_VALUE) < number(with, "below", 4096))
                        .map(f -> f.process() + " (pid " + f.pid() + "): open files limit "
                                + f.soft().orElseThrow())
                        .toList();
            case CONTAINER_DOWN ->
                e.resources().containers().stream()
                        .filter(Resources.Container::down)
                        .map(c -> "container " + c.name() + " (" + c.image() + "): " + c.status())
                        .toList();
            case NGINX_CONFIG_INVALID ->
                e.nginx().installed() && !e.nginx().testErrors().isEmpty()
                        ? e.nginx().testErrors().stream().limit(5).toList()
                        : List.of();
            case OOM_KILL ->
                e.oom().stream()
                        .filter(l -> l.text().matches("(?i).*(out of memory|oom-kill|killed process).*"))
                        .map(l -> l.text())
                        .toList();
        };
    }

    private static boolean slow(Probe p, long overMs) {
        return p.outcome() == Outcome.TIMEOUT
                || (p.outcome() == Outcome.HTTP && p.millis().orElse(0L) > overMs);
    }

    private static Stream<Probe> upstreams(Evidence e) {
        return e.probes().stream().filter(p -> !p.front() && !p.dependency());
    }

    private static Stream<ServiceState> services(Evidence e, Map<String, Object> with) {
        Optional<List<String>> kinds = strings(with, "kinds");
        return e.services().stream()
                .filter(s -> kinds.map(k -> k.contains(s.kind())).orElse(true));
    }

    /** Whether the nginx worker user lacks write permission on the socket (owner, group, other bits). */
    private static boolean deniedTo(Probe p, Evidence e) {
        if (p.outcome() == Outcome.DIR_UNREADABLE) {
            return true;
        }
        if (p.outcome() != Outcome.SOCKET) {
            return false;
        }
        String[] f = p.detail().split("\\|");
        if (f.length < 3) {
            return false;
        }
        int mode;
        try {
            mode = Integer.parseInt(f[2].strip(), 8);
        } catch (NumberFormatException ex) {
            return false;
        }
        String user = e.nginx().workerUser();
        if (user.equals("root")) {
            return false;
        }
        if (f[0].equals(user)) {
            return (mode & 0200) == 0;
        }
        if (e.nginx().workerGroups().contains(f[1])) {
            return (mode & 0020) == 0;
        }
        return (mode & 0002) == 0;
    }

    /**
     * An upstream that refuses while a service of the kind that should answer there is up. A missing unix socket
     * counts only when the service listens on another socket: a socket deleted under a running php-fpm is still
     * listed by ss under its old path, and is {@code socket-missing}, not a wrong address.
     */
    private static List<String> misdirected(Evidence e) {
        List<String> out = new ArrayList<>();
        for (Probe p : upstreams(e)
                .filter(p -> p.outcome() == Outcome.REFUSED || (p.unixSocket() && p.outcome() == Outcome.MISSING))
                .toList()) {
            e.services().stream()
                    .filter(s -> s.kind().equals(p.expectedKind()) && s.active())
                    .findFirst()
                    .ifPresent(s -> {
                        if (!p.unixSocket()) {
                            out.add(p.describe() + ", yet " + s.unit() + " is " + s.activeState());
                            listening(e, s).ifPresent(out::add);
                            return;
                        }
                        String path = p.address().substring("unix:".length());
                        // a socket beside the missing one first: on a host with several pools it is the likely intended
                        // one
                        String dir = path.substring(0, path.lastIndexOf('/') + 1);
                        List<String> others = unixListeners(e).stream()
                                .filter(l -> !l.path().equals(path) && ownedBy(l, s))
                                .map(UnixListener::path)
                                .sorted(java.util.Comparator.comparing((String o) -> !o.startsWith(dir)))
                                .toList();
                        if (!others.isEmpty()) {
                            out.add(p.describe() + ", yet " + s.unit() + " is " + s.activeState());
                            out.add(s.unit() + " listens on unix:" + String.join(", unix:", others) + ", not on unix:"
                                    + path);
                        }
                    });
        }
        return out;
    }

    /** A listening unix socket from the {@code listeners} section ({@code ss -lx}), and the processes ss could name. */
    private record UnixListener(String path, String users) {}

    private static List<UnixListener> unixListeners(Evidence e) {
        return e.listeners()
                .lines()
                .map(String::strip)
                .map(l -> l.split("\\s+", 6))
                .filter(f -> f.length >= 5 && f[0].equals("u_str") && f[1].equals("LISTEN") && f[4].startsWith("/"))
                .map(f -> new UnixListener(f[4], f.length > 5 ? f[5] : ""))
                .toList();
    }

    /**
     * Whether a listener is the service's: by its pid when ss could show processes (it shows only the login's own
     * to a user who is not root), else, for php-fpm, by the name php-fpm gives its sockets.
     */
    private static boolean ownedBy(UnixListener l, ServiceState s) {
        if (l.users().contains("pid=")) {
            return s.mainPid()
                            .map(pid -> l.users().contains("pid=" + pid + ","))
                            .orElse(false)
                    || (s.kind().equals("php-fpm") && l.users().contains("\"php-fpm"));
        }
        String name = l.path().substring(l.path().lastIndexOf('/') + 1);
        return s.kind().equals("php-fpm") && (name.contains("php") || name.contains("fpm"));
    }

    /** The listener lines of a service's process, when ss could show process names. */
    private static Optional<String> listening(Evidence e, ServiceState s) {
        String name = s.kind().equals("php-fpm") ? "php-fpm" : s.unit();
        return e.listeners()
                .lines()
                .filter(l -> l.contains("\"" + name)
                        || s.mainPid()
                                .map(pid -> l.contains("pid=" + pid + ","))
                                .orElse(false))
                .findFirst()
                .map(l -> s.unit() + " listens on " + l.strip().replaceAll("\\s+", " "));
    }

    static long number(Map<String, Object> with, String key, long fallback) {
        Object v = with.get(key);
        return v instanceof Number n ? n.longValue() : fallback;
    }

    static double decimal(Map<String, Object> with, String key, double fallback) {
        Object v = with.get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    static List<Integer> numbers(Map<String, Object> with, String key, List<Integer> fallback) {
        Object v = with.get(key);
        return v instanceof Collection<?> c
                ? c.stream()
                        .filter(Number.class::isInstance)
                        .map(n -> ((Number) n).intValue())
                        .toList()
                : fallback;
    }

    static Optional<List<String>> strings(Map<String, Object> with, String key) {
        Object v = with.get(key);
        return v instanceof Collection<?> c
                ? Optional.of(c.stream().map(String::valueOf).toList())
                : Optional.empty();
    }
}
