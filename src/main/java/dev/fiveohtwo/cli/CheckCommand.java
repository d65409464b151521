package dev.fiveohtwo.cli;

import dev.fiveohtwo.inventory.Inventory;
import dev.fiveohtwo.inventory.InventoryException;
import dev.fiveohtwo.inventory.InventorySource;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.UnknownTargetException;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.system.CheckSettings;
import dev.fiveohtwo.system.JsonText;
import dev.fiveohtwo.system.ReportSettings;
import dev.fiveohtwo.system.TriageAssembly;
import dev.fiveohtwo.triage.GroupSummary;
import dev.fiveohtwo.triage.Report;
import dev.fiveohtwo.triage.Triage;
import dev.fiveohtwo.triage.TriageListener;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fiveohtwo check <server|group|all>}: checks and prints a report. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Check a server, a group or all: services, sockets, nginx upstreams, logs, memory, disk.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:checked (whatever was found)",
            "2:usage or inventory error",
            "3:a server was unreachable or its check inconclusive"
        })
final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TARGET", description = "a server, a group, or 'all'")
    String target;

    @Option(
            names = "--inventory",
            paramLabel = "FILE",
            description = "inventory file (default: $FIVEOHTWO_INVENTORY, ./inventory.yml, built-in localhost)")
    Path inventory;

    @Option(
            names = "--format",
            defaultValue = "text",
            description =
                    "text, json, or jsonl (one report per line as each server finishes) (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(
            names = "--save",
            paramLabel = "FILE",
            description = "also write the raw collector output (a group: FILE.<server>)")
    Path save;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description =
                    "servers checked at once (default: fiveohtwo.checks.parallelism; 0 sizes it to the group, up to 200 and the open-file limit)")
    Integer parallel;

    @Option(names = "--no-color", description = "never colour the text output")
    boolean noColor;

    @Inject
    CheckSettings settings;

    @Inject
    InventorySource inventories;

    @Inject
    TriageAssembly assembly;

    @Inject
    JsonMapper json;

    @Inject
    ReportSettings reportSettings;
    /** For the database's settings: serve's (application-bot.yml), or DATASOURCES_DEFAULT_* from the environment. */
    @Inject
    ApplicationContext context;

    enum Format {
        text,
        json,
        jsonl
    }

    @Override
    public Integer call() throws IOException {
        List<Server> servers;
        Inventory inv;
        try {
            inv = inventories.load(Optional.ofNullable(inventory));
            servers = inv.resolve(target);
        } catch (InventoryException | UnknownTargetException e) {
            System.err.println("fiveohtwo: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int parallelism = parallel != null ? parallel : settings.parallelism();
        if (parallelism < 0) {
            System.err.println("fiveohtwo: --parallel must be 0 (sized to the group) or more");
            return ExitCodes.USAGE;
        }
        Triage triage = assembly.triage(inv, parallelism);
        boolean tty = System.console() != null;
        TriageListener progress =
                tty ? new Progress(TerminalText.styled(System.err), servers.size()) : TriageListener.NONE;
        KeptReports.Database db = KeptReports.Database.of(context.getEnvironment());
        try (History history = new History(
                () -> KeptReports.open(db, reportSettings.retention(), true),
                "cli:" + System.getProperty("user.name"),
                db.where(),
                System.err)) {
            history.open();
            List<Report> reports = triage.checkAll(
                    servers, format == Format.jsonl ? new JsonLines(progress, System.out, json, history) : progress);
            if (save != null) {
                RawOutput.save(save, reports);
            }
            print(reports, servers.size() == 1 && inv.servers().containsKey(target), tty, history);
            // kept after the report is out: the database's cost is not between the user and the answer
            history.keep(reports);
            return reports.stream().anyMatch(r -> !r.reachable() || r.verdict() == Verdict.INCONCLUSIVE)
                    ? ExitCodes.UNREACHABLE
                    : ExitCodes.OK;
        }
    }

    private void print(List<Report> reports, boolean oneServer, boolean tty, History history) throws IOException {
        if (format == Format.json) {
            Object body = oneServer
                    ? History.json(reports.get(0), history.comparison(reports.get(0)))
                    : reports.stream()
                            .map(r -> History.json(r, history.comparison(r)))
                            .toList();
            System.out.println(JsonText.of(json, body));
        } else if (format == Format.text) {
            boolean color = tty && !noColor && System.getenv("NO_COLOR") == null;
            TextReport text = new TextReport(color);
            // a coloured report carries our own escapes: it cleans its text itself and is written as it is
            PrintStream out = color ? TerminalText.styled(System.out) : System.out;
            reports.forEach(r -> out.print(text.render(r, history.comparison(r))));
            if (reports.size() > 1) {
                out.print(text.summary(target, GroupSummary.of(reports)));
            }
            out.flush();
        }
    }
}
