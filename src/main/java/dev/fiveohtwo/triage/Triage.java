package dev.fiveohtwo.triage;

import dev.fiveohtwo.checks.Collector;
import dev.fiveohtwo.checks.CollectorOutcome;
import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.knowledge.Diagnosis;
import dev.fiveohtwo.knowledge.EvidenceMatcher;
import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.ssh.ExecOutcome;
import dev.fiveohtwo.ssh.Executor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks servers of one inventory: collects evidence over one connection per server and diagnoses it.
 * A group runs in parallel on a bounded pool; each server has its own deadline, so a dead one never holds
 * the others up.
 */
public final class Triage {
    private final java.util.function.Function<String, Server> servers;
    private final Collector collector;
    private final EvidenceMatcher matcher;
    private final int parallelism;

    Triage(
            java.util.function.Function<String, Server> servers,
            Executor executor,
            int logLines,
            EvidenceMatcher matcher,
            int parallelism) {
        this.servers = servers;
        this.collector = new Collector(executor, logLines);
        this.matcher = matcher;
        this.parallelism = parallelism;
    }

    /** Triage for {@code inventory}, running its commands with {@code executor}. */
    public static Triage of(
            Inventory inventory, Executor executor, EvidenceMatcher matcher, int logLines, int parallelism) {
        return new Triage(name -> inventory.servers().get(name), executor, logLines, matcher, parallelism);
    }

    /** A server of this triage's inventory by name. */
    public Optional<Server> server(String name) {
        return Optional.ofNullable(servers.apply(name));
    }

    /** Checks one server. Never throws for the server's sake: an unreachable server is a report too. */
    public Report check(Server server) {
        return check(server, TriageListener.NONE);
    }

    /** As {@link #check(Server)}, telling {@code listener} which section the collector is at. */
    public Report check(Server server, TriageListener listener) {
        Instant at = Instant.now();
        CollectorOutcome c = collector.collect(server, name -> listener.section(server.name(), name));
        if (c instanceof CollectorOutcome.NotReached n) {
            return unreachable(server, n.why(), at, c.took());
        }
        CollectorOutcome.Collected got = (CollectorOutcome.Collected) c;
        Evidence e = got.evidence();
        Diagnosis d = matcher.diagnose(server, e);
        Verdict verdict = d.verdict();
        List<String> notes = new ArrayList<>();
        List<String> unproven = unproven(server, got);
        if (verdict == Verdict.HEALTHY && !unproven.isEmpty()) {
            verdict = Verdict.INCONCLUSIVE;
            notes.add("not proven healthy: " + String.join("; ", unproven));
        } else if (got.timedOut()) {
            notes.add("the collector was cut off after "
                    + server.commandTimeout().toSeconds() + " s: the evidence is partial");
        } else if (!e.raw().complete()) {
            notes.add("the collector ended early (exit " + got.exitStatus() + ")"
                    + (got.stderr().isBlank() ? "" : ": " + firstLine(got.stderr())));
        }
        if (server.frontUrl().isEmpty()) {
            notes.add("no front-url in the inventory: the front was not probed");
        }
        instanceNote(e.nginx().instance()).ifPresent(notes::add);
        e.logs().values().stream()
                .filter(t -> !t.status().equals("ok"))
                .forEach(t -> notes.add("log " + t.name() + " " + t.path() + " is " + t.status()));
        e.raw()
                .truncated()
                .forEach(s -> notes.add("section " + s + " was cut at " + Collector.SECTION_CAP / 1024 + " KiB"));
        return new Report(
                server.name(),
                server.login(),
                true,
                verdict,
                c.took().toMillis(),
                at,
                d.findings(),
                List.copyOf(notes),
                Optional.of(e),
                d.alsoSeen());
    }

    /** Sections a complete run prints, in order, with the words a person uses for them. */
    private static final List<Map.Entry<String, String>> EXPECTED = List.of(
            Map.entry("services", "services"),
            Map.entry("nginx-config", "nginx config"),
            Map.entry("probes", "probes"),
            Map.entry("log-files", "logs"),
            Map.entry("memory", "memory"),
            Map.entry("disk", "disk"),
            Map.entry("listeners", "sockets"));

    /**
     * What keeps this run from proving the server healthy: a collector that did not run to its end, and, where
     * the inventory names a front, a front that was not probed or did not answer 2xx/3xx. Empty: healthy is proven.
     */
    private static List<String> unproven(Server server, CollectorOutcome.Collected got) {
        Evidence e = got.evidence();
        List<String> missing = new ArrayList<>();
        if (!e.raw().complete()) {
            List<String> read = EXPECTED.stream()
                    .filter(x -> e.raw().has(x.getKey()))
                    .map(Map.Entry::getValue)
                    .toList();
            List<String> lost = EXPECTED.stream()
                    .filter(x -> !e.raw().has(x.getKey()))
                    .map(Map.Entry::getValue)
                    .toList();
            String how = got.timedOut()
                    ? "the collector was stopped after "
                            + server.commandTimeout().toSeconds() + " s"
                    : e.raw().text().isEmpty()
                            ? "the collector's output had none of its sections (garbage or nothing)"
                            : "the collector ended before its last section";
            missing.add(how
                    + (read.isEmpty() ? "" : " (read: " + String.join(", ", read) + ")")
                    + (lost.isEmpty() ? "" : " (missing: " + String.join(", ", lost) + ")"));
        }
        if (server.frontUrl().isPresent()) {
            Optional<Integer> status = e.front().flatMap(p -> p.status());
            if (e.front().isEmpty()) {
                missing.add("the front was not probed");
            } else if (status.isEmpty()) {
                missing.add("the front did not answer (" + e.front().get().describe() + ")");
            } else if (status.get() < 200 || status.get() >= 400) {
                missing.add("the front answered " + status.get() + ", not 2xx/3xx");
            }
        }
        return missing;
    }

    /** Says which configuration was read when several nginx masters run, and how sure that choice is. */
    private static Optional<String> instanceNote(dev.fiveohtwo.checks.NginxSetup.Instance i) {
        if (i.masters() < 2) {
            return Optional.empty();
        }
        String read =
                i.masters() + " nginx masters run here (" + String.join(", ", i.others()) + "); read " + i.config();
        if (i.chosenBy().startsWith("front-port")) {
            return Optional.of(read + ", the one listening on the front's port "
                    + i.chosenBy().substring("front-port ".length()));
        }
        if (i.chosenBy().equals("inventory")) {
            return Optional.of(read + ", as the inventory says (services.nginx.config)");
        }
        return Optional.of(
                read + " as a guess: none listens on the front's port; set services.nginx.config in the inventory");
    }

    /** Checks servers in parallel; reports come back in the order of {@code servers}. */
    public List<Report> checkAll(List<Server> servers, TriageListener listener) {
        if (servers.size() == 1) {
            listener.started(servers.get(0).name());
            Report r = check(servers.get(0), listener);
            listener.finished(r);
            return List.of(r);
        }
        ExecutorService pool =
                Executors.newFixedThreadPool(poolSize(parallelism, servers.size(), OPEN_FILES.getAsLong()), r -> {
                    // most of a check is waiting on the network; a small stack keeps a hundred of these cheap
                    Thread t = new Thread(null, r, "fiveohtwo-check", 256 * 1024);
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Report>> futures = new ArrayList<>();
            for (Server s : servers) {
                futures.add(pool.submit(() -> {
                    listener.started(s.name());
                    Report r = check(s, listener);
                    listener.finished(r);
                    return r;
                }));
            }
            List<Report> reports = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                reports.add(await(futures.get(i), servers.get(i), listener));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Servers checked at once when the setting says 0: a whole group of hundreds of hosts. A check mostly waits
     * on its server, so a smaller pool leaves hosts idle in the queue while the network is quiet.
     */
    static final int AUTO_PARALLELISM = 200;

    /**
     * How many servers to check at once: {@code configured} when it is positive, else {@link #AUTO_PARALLELISM};
     * never more than the servers, and never more than the open-file limit allows (each check holds a socket,
     * a jump host two, and the JVM needs some of its own).
     */
    static int poolSize(int configured, int servers, long openFiles) {
        int wanted = configured > 0 ? configured : AUTO_PARALLELISM;
        long byFiles = Math.max(1, (openFiles - 64) / 3);
        return (int) Math.max(1, Math.min(Math.min(wanted, servers), byFiles));
    }

    /** This process's limit of open files (Linux: /proc/self/limits), 1024 where it cannot be read. */
    private static final java.util.function.LongSupplier OPEN_FILES = () -> {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft =
                            line.substring("Max open files".length()).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or no /proc: assume the common default
        }
        return 1024;
    };

    private Report await(Future<Report> f, Server s, TriageListener listener) {
        Instant at = Instant.now();
        // the executor enforces each server's deadline; this is the backstop should it fail to
        Duration limit =
                s.connectTimeout().multipliedBy(4).plus(s.commandTimeout()).plusSeconds(5);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            Report r = unreachable(
                    s,
                    new ExecOutcome.Unreachable(
                            ExecOutcome.Reason.TIMEOUT,
                            "no result within " + limit.toSeconds() + " s",
                            "the host or the network is very slow",
                            limit),
                    at,
                    limit);
            listener.finished(r);
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + s.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("checking " + s.name() + " failed", e.getCause());
        }
    }

    private static Report unreachable(Server s, ExecOutcome.Unreachable why, Instant at, Duration took) {
        Finding f = new Finding(
                why.reason().id(),
                why.reason().label(),
                Severity.HIGH,
                1.0,
                List.of("the server could not be checked"),
                List.of(why.detail(), "try: " + why.hint()),
                true,
                List.of(),
                List.of());
        return new Report(
                s.name(),
                s.login(),
                false,
                Verdict.UNREACHABLE,
                took.toMillis(),
                at,
                List.of(f),
                List.of(),
                Optional.empty(),
                List.of());
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl));
    }
}
