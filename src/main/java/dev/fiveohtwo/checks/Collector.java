package dev.fiveohtwo.checks;

import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Service;
import dev.fiveohtwo.ssh.Exec;
import dev.fiveohtwo.ssh.ExecOutcome;
import dev.fiveohtwo.ssh.Executor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Gathers evidence on one server: ships the collector script (a resource of this jar, never built from
 * input) to {@code sh -s} in one exec, passes inventory values as separate arguments, and parses the output.
 */
public final class Collector {
    /** Bytes kept per section by the script. */
    public static final int SECTION_CAP = 64 * 1024;
    /** Bytes kept of the whole output, whatever the server sends. */
    public static final int OUTPUT_CAP = 4 * 1024 * 1024;

    private static final byte[] SCRIPT = load();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The fronts whose configuration the collector reads for backends, from {@code services.<name>.config} when set. */
    private static final java.util.Set<String> CONFIGURED_FRONTS =
            java.util.Set.of("nginx", "apache", "haproxy", "caddy", "traefik", "envoy");

    private final Executor executor;
    private final int logLines;

    public Collector(Executor executor, int logLines) {
        this.executor = executor;
        this.logLines = logLines;
    }

    /** Runs the collector on {@code server}. Never throws for a server's failure. */
    public CollectorOutcome collect(Server server) {
        return collect(server, section -> {});
    }

    /** As {@link #collect(Server)}, naming each section as the server starts printing it. */
    public CollectorOutcome collect(Server server, java.util.function.Consumer<String> onSection) {
        String nonce = HexFormat.of().formatHex(nonceBytes());
        ExecOutcome outcome = executor.run(server, exec(server, nonce), new SectionWatcher(nonce, onSection));
        if (outcome instanceof ExecOutcome.Completed c) {
            return new CollectorOutcome.Collected(
                    evidence(c.stdout(), nonce), c.exitStatus(), false, Redactor.redact(c.stderr()), c.took());
        }
        if (outcome instanceof ExecOutcome.TimedOut t) {
            return new CollectorOutcome.Collected(evidence(t.stdout(), nonce), -1, true, "", t.took());
        }
        return new CollectorOutcome.NotReached((ExecOutcome.Unreachable) outcome);
    }

    /** The exec that collects on {@code server}: {@code sh -s -- key=value...} with the script on standard input. */
    public Exec exec(Server server, String nonce) {
        return new Exec(arguments(server, nonce), SCRIPT, OUTPUT_CAP, server.commandTimeout());
    }

    private static byte[] nonceBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    private Evidence evidence(byte[] stdout, String nonce) {
        return Evidence.from(Sections.parse(Sections.decode(stdout), Optional.of(nonce), SECTION_CAP), logLines);
    }

    /**
     * {@code sh -s -- key=value...}: every inventory value is one argument, quoted by the executor. Lines are counted
     * and cut at home ({@link LogText}), so the script needs only the byte cap.
     */
    static List<String> arguments(Server server, String nonce) {
        List<String> argv = new ArrayList<>(List.of(
                "sh", "-s", "--", "nonce=" + nonce, "cap=" + SECTION_CAP, "probe-timeout=" + probeTimeout(server)));
        server.frontUrl().ifPresent(url -> argv.add("front=" + url));
        server.logs().forEach((name, path) -> argv.add("log=" + name + "|" + path));
        for (Service s : server.services().values()) {
            argv.add("service=" + s.name() + "|" + s.kind() + "|" + s.unit() + "|"
                    + s.process().orElse("") + "|"
                    + (s.manager() == dev.fiveohtwo.inventory.Manager.SYSTEMD
                            ? ""
                            : s.manager().id()));
            if (CONFIGURED_FRONTS.contains(s.kind())) {
                s.config().ifPresent(c -> argv.add(s.kind() + "-conf=" + c));
            }
        }
        server.dependsOn().forEach(d -> argv.add("depends=" + d));
        return argv;
    }

    /** Probes get a third of the command deadline, 1 to 8 seconds, so a slow upstream still leaves room for the rest. */
    private static long probeTimeout(Server server) {
        return Math.max(1, Math.min(8, server.commandTimeout().toSeconds() / 3));
    }

    private static byte[] load() {
        try (InputStream in = Collector.class.getResourceAsStream("collect.sh")) {
            if (in == null) {
                throw new IllegalStateException("collect.sh is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
