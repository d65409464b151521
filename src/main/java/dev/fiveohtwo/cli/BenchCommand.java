package dev.fiveohtwo.cli;

import dev.fiveohtwo.checks.Collector;
import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.Sections;
import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.InventoryException;
import dev.fiveohtwo.inventory.InventorySource;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Transport;
import dev.fiveohtwo.inventory.UnknownTargetException;
import dev.fiveohtwo.knowledge.EvidenceMatcher;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.ssh.Exec;
import dev.fiveohtwo.ssh.ShellQuote;
import dev.fiveohtwo.system.CheckSettings;
import dev.fiveohtwo.system.TriageAssembly;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.Triage;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fiveohtwo bench <server>}: checks one server many times in a warm JVM and reports the median, next to
 * plain OpenSSH running the same script, and times the matcher on 300 log lines per source.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Time checks of one server against plain ssh running the same script, and the matcher.")
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SERVER", description = "one server of the inventory (not a group)")
    String target;

    @Option(
            names = "--inventory",
            paramLabel = "FILE",
            description = "inventory file (default: $FIVEOHTWO_INVENTORY, ./inventory.yml, built-in localhost)")
    Path inventory;

    @Option(
            names = {"-n", "--runs"},
            defaultValue = "30",
            description = "measured runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Inject
    EvidenceMatcher matcher;

    @Inject
    KnowledgeBase kb;

    @Inject
    CheckSettings settings;

    @Inject
    InventorySource inventories;

    @Inject
    TriageAssembly assembly;

    @Override
    public Integer call() throws Exception {
        Inventory inv;
        Server server;
        try {
            inv = inventories.load(Optional.ofNullable(inventory));
            List<Server> found = inv.resolve(target);
            if (found.size() != 1) {
                System.err.println("fiveohtwo: bench takes one server");
                return ExitCodes.USAGE;
            }
            server = found.get(0);
        } catch (InventoryException | UnknownTargetException e) {
            System.err.println("fiveohtwo: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Triage triage = assembly.triage(inv, 1);
        Report last = null;
        for (int i = 0; i < 3; i++) {
            last = triage.check(server);
        }
        if (!last.reachable()) {
            System.err.println("fiveohtwo: " + server.name() + " is unreachable: "
                    + last.top().map(f -> f.evidence().get(0)).orElse(""));
            return ExitCodes.UNREACHABLE;
        }
        long[] check = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            triage.check(server);
            check[i] = System.nanoTime() - t;
        }
        System.out.printf(
                Locale.ROOT,
                "fiveohtwo check %-12s n=%d  median %6.1f ms  p90 %6.1f ms%n",
                server.name(),
                runs,
                ms(check, 50),
                ms(check, 90));
        if (server.transport() == Transport.SSH && server.jump().isEmpty()) {
            long[] ssh = plainSsh(server);
            if (ssh.length > 0) {
                System.out.printf(
                        Locale.ROOT,
                        "plain ssh, same script   n=%d  median %6.1f ms  p90 %6.1f ms%n",
                        runs,
                        ms(ssh, 50),
                        ms(ssh, 90));
                System.out.printf(Locale.ROOT, "ratio fiveohtwo / ssh: %.2f%n", ms(check, 50) / ms(ssh, 50));
            }
        }
        matcherBench(server, last.evidence().orElseThrow());
        return ExitCodes.OK;
    }

    /** OpenSSH's client running exactly what the collector runs, with the same key and known_hosts. */
    private long[] plainSsh(Server s) throws IOException, InterruptedException {
        Exec exec = new Collector(null, settings.logLines()).exec(s, "bench");
        List<String> cmd = new ArrayList<>(List.of(
                "ssh",
                "-T",
                "-p",
                String.valueOf(s.port()),
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "UserKnownHostsFile=" + s.knownHosts(),
                "-o",
                "ControlMaster=no"));
        s.identity().ifPresent(id -> cmd.addAll(List.of("-i", id.toString(), "-o", "IdentitiesOnly=yes")));
        cmd.add(s.user() + "@" + s.host());
        cmd.add(exec.commandLine());
        long[] times = new long[runs];
        for (int i = -3; i < runs; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(exec.stdin());
            }
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (p.waitFor() != 0) {
                System.out.println("plain ssh failed (exit " + p.exitValue() + "): "
                        + String.join(
                                " ",
                                cmd.subList(0, cmd.size() - 1).stream()
                                        .map(ShellQuote::quote)
                                        .toList()));
                return new long[0];
            }
            if (i >= 0) {
                times[i] = System.nanoTime() - t;
            }
        }
        return times;
    }

    /** The matcher on the live evidence with every log padded to 300 lines, the worst case the collector sends. */
    private void matcherBench(Server server, Evidence live) {
        Sections raw = live.raw();
        String line =
                "2026/11/21 10:42:07 [error] 812#812: *31 upstream timed out (110: Connection timed out) while reading "
                        + "response header from upstream, client: 10.1.2.3, server: shop.example, request: \"GET /api/orders?page=2 HTTP/1.1\", "
                        + "upstream: \"http://127.0.0.1:8000/api/orders?page=2\", host: \"shop.example\"";
        StringBuilder text = new StringBuilder();
        StringBuilder logFiles = new StringBuilder();
        for (String log : List.of("nginx-error", "php-fpm", "app", "kernel")) {
            logFiles.append(log).append("|/var/log/").append(log).append(".log|ok|1|1\n");
        }
        raw.text().forEach((name, body) -> {
            if (!name.startsWith("log:") && !name.equals("log-files")) {
                text.append("\n### b ").append(name).append('\n').append(body).append('\n');
            }
        });
        text.append("\n### b log-files\n").append(logFiles);
        for (String log : List.of("nginx-error", "php-fpm", "app", "kernel")) {
            text.append("\n### b log:").append(log).append('\n').append((line + "\n").repeat(300));
        }
        Evidence padded = Evidence.from(Sections.parse(text.toString(), Optional.of("b"), Collector.SECTION_CAP * 4));
        int n = 2000;
        long[] t = new long[n];
        for (int i = -500; i < n; i++) {
            long start = System.nanoTime();
            matcher.diagnose(server, padded);
            if (i >= 0) {
                t[i] = System.nanoTime() - start;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "matcher: %d lines x 4 logs, %d causes  n=%d  median %5.2f ms  p90 %5.2f ms%n",
                300,
                kb.causes().size(),
                n,
                ms(t, 50),
                ms(t, 90));
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
