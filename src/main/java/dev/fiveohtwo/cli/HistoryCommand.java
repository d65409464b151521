package dev.fiveohtwo.cli;

import dev.fiveohtwo.reports.ReportStoreException;
import dev.fiveohtwo.reports.StoredReport;
import dev.fiveohtwo.system.JsonText;
import dev.fiveohtwo.system.Printable;
import dev.fiveohtwo.system.ReportSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fiveohtwo history <server>}: the kept checks of a server, newest first, from the database serve uses. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Show the kept checks of a server, newest first: time, verdict, top cause, who asked.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown (also when none is kept)", "2:usage error", "3:the history could not be read"})
final class HistoryCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SERVER", description = "the server's name in the inventory")
    String server;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "at most this many checks (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Inject
    ReportSettings settings;

    @Inject
    JsonMapper json;

    @Inject
    ApplicationContext context;

    enum Format {
        text,
        json
    }

    @Override
    public Integer call() throws IOException {
        if (limit < 1) {
            System.err.println("fiveohtwo: --limit must be 1 or more");
            return ExitCodes.USAGE;
        }
        KeptReports.Database db = KeptReports.Database.of(context.getEnvironment());
        List<StoredReport> checks;
        try {
            Optional<KeptReports> kept = KeptReports.open(db, settings.retention(), false);
            try {
                checks = kept.map(k -> k.store().history(server, limit)).orElse(List.of());
            } finally {
                kept.ifPresent(KeptReports::close);
            }
        } catch (ReportStoreException e) {
            System.err.println("fiveohtwo: cannot read the history (" + db.where() + "): " + KeptReports.reason(e));
            return ExitCodes.UNREACHABLE;
        }
        if (checks.isEmpty()) {
            System.err.println("fiveohtwo: no checks of " + Printable.of(server) + " kept in " + db.where());
        }
        if (format == Format.json) {
            System.out.println(
                    JsonText.of(json, checks.stream().map(HistoryCommand::row).toList()));
            return ExitCodes.OK;
        }
        for (StoredReport r : checks) {
            System.out.printf(
                    "%s  %-12s %-28s %s%n",
                    History.time(r.checkedAt()), r.verdict().id(), r.topCause().orElse("-"), r.requestedBy());
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> row(StoredReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", r.server());
        m.put("checkedAt", r.checkedAt().toString());
        m.put("verdict", r.verdict().id());
        m.put("topCause", r.topCause().orElse(null));
        m.put("headline", r.headline());
        m.put("requestedBy", r.requestedBy());
        return m;
    }
}
