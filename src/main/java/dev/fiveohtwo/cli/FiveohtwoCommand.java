package dev.fiveohtwo.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fiveohtwo}: the top command; prints help without a subcommand. */
@Command(
        name = "fiveohtwo",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description =
                "Diagnoses HTTP 502 Bad Gateway on servers behind nginx: one SSH connection, one read-only script.",
        subcommands = {
            CheckCommand.class,
            HistoryCommand.class,
            InventoryCommand.class,
            KbCommand.class,
            BenchCommand.class,
            ServeCommand.class,
            AuditCommand.class,
            HelpCommand.class
        })
public final class FiveohtwoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
