package dev.fiveohtwo.cli;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.audit.AuditEntry;
import dev.fiveohtwo.system.JsonText;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fiveohtwo audit}: the audit trail, newest first. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Show the audit trail: commands, checks, requests, approvals, restarts.")
final class AuditCommand implements Callable<Integer> {
    private static final Pattern SINCE = Pattern.compile("(\\d{1,5})([mhd])");

    @Option(names = "--server", paramLabel = "S", description = "only this server")
    String server;

    @Option(
            names = "--since",
            defaultValue = "24h",
            description = "how far back: 30m, 24h, 7d (default: ${DEFAULT-VALUE})")
    String since;

    @Option(names = "--format", defaultValue = "text", description = "text or jsonl (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
            names = "--limit",
            defaultValue = "200",
            description = "at most this many entries (default: ${DEFAULT-VALUE})")
    int limit;

    /** The database is looked up only when the command runs: help and the other commands never open it. */
    @Inject
    ApplicationContext context;

    @Override
    public Integer call() throws IOException {
        Matcher m = SINCE.matcher(since);
        if (!m.matches() || !(format.equals("text") || format.equals("jsonl"))) {
            System.err.println("fiveohtwo: --since takes 30m, 24h or 7d; --format text or jsonl");
            return ExitCodes.USAGE;
        }
        long n = Long.parseLong(m.group(1));
        Duration back = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        String url = url(context);
        Optional<Path> file = h2File(url);
        JsonMapper json = context.getBean(JsonMapper.class);
        List<AuditEntry> entries = context.getBean(Audit.class)
                .list(Optional.ofNullable(server), Instant.now().minus(back), limit);
        System.err.println(
                "fiveohtwo: audit trail from " + file.map(Path::toString).orElse(withoutParameters(url)));
        if (entries.isEmpty()) {
            System.err.println(
                    "fiveohtwo: no events" + (server == null ? "" : " for " + dev.fiveohtwo.system.Printable.of(server))
                            + " in the last " + since);
        }
        for (AuditEntry e : entries) {
            if (format.equals("jsonl")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("at", e.at().toString());
                row.put("actor", e.actor());
                row.put("channel", e.channel());
                row.put("action", e.action());
                row.put("server", e.server());
                row.put("detail", e.detail());
                row.put("outcome", e.outcome());
                System.out.println(JsonText.of(json, row));
            } else {
                System.out.printf(
                        "%s  %-10s %-16s %-10s %s → %s%n",
                        e.at(), e.actor(), e.action(), e.server() == null ? "-" : e.server(), e.detail(), e.outcome());
            }
        }
        return ExitCodes.OK;
    }

    /** The H2 file the audit would read when it does not exist: opening it would create an empty database. */
    static Optional<Path> missingDatabase(PropertyResolver config) {
        return h2File(url(config)).filter(f -> !Files.exists(f));
    }

    private static String url(PropertyResolver config) {
        return config.getProperty("datasources.default.url", String.class).orElse("");
    }

    /** The file an H2 file URL opens ({@code jdbc:h2:file:./data/fiveohtwo;MODE=...} → {@code ./data/fiveohtwo.mv.db}), absolute. */
    static Optional<Path> h2File(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return Optional.empty();
        }
        String name = withoutParameters(url).substring("jdbc:h2:file:".length());
        if (name.startsWith("~/")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name + ".mv.db").toAbsolutePath().normalize());
    }

    /** The URL without its parameters, which may hold a password. */
    private static String withoutParameters(String url) {
        int cut = url.length();
        for (char c : new char[] {';', '?'}) {
            int i = url.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return url.substring(0, cut);
    }
}
