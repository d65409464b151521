package dev.fiveohtwo.cli;

import dev.fiveohtwo.system.Contexts;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point of the jar. */
public final class Main {
    /** Commands that need the database, and for serve the server: they run in a full context (application-bot.yml). */
    private static final Set<String> BOT_COMMANDS = Set.of("serve", "audit");

    private Main() {}

    public static void main(String[] args) {
        if ("json".equalsIgnoreCase(System.getenv("FIVEOHTWO_LOG_FORMAT"))
                && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        if (args.length > 0 && args[0].equals("serve") && System.getenv("FIVEOHTWO_LOG_LEVEL") == null) {
            System.setProperty("FIVEOHTWO_LOG_LEVEL", "INFO"); // the bot logs its events; the CLI only its problems
        }
        System.exit(run(args));
    }

    static int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        // every command, picocli's own messages and the log lines on stderr go through the terminal filter
        System.setOut(TerminalText.stream(out));
        System.setErr(TerminalText.stream(err));
        try {
            return execute(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static int execute(String... args) {
        Optional<String> command;
        try (ApplicationContext cli = Contexts.cli()) {
            CommandLine line = commandLine(cli);
            command = botCommand(line, args);
            if (command.isEmpty()) {
                return line.execute(args);
            }
        }
        try (ApplicationContext bot = Contexts.bot()) {
            if (command.get().equals("audit")) {
                Optional<Path> missing = AuditCommand.missingDatabase(bot.getEnvironment());
                if (missing.isPresent()) {
                    System.err.println("fiveohtwo: no audit database at " + missing.get()
                            + " (serve writes it there; DATASOURCES_DEFAULT_URL reads another)");
                    return ExitCodes.USAGE;
                }
            }
            bot.start();
            return commandLine(bot).execute(args);
        }
    }

    static CommandLine commandLine(ApplicationContext context) {
        CommandLine line = new CommandLine(FiveohtwoCommand.class, new CommandFactory(context));
        // picocli's help colours would reach the terminal filter as escapes and show as such
        line.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return line;
    }

    /** {@code serve} or {@code audit} about to run: not asking for help, not misspelt (the short context says so). */
    private static Optional<String> botCommand(CommandLine line, String... args) {
        ParseResult parsed;
        try {
            parsed = line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return Optional.empty();
        }
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
                return Optional.empty();
            }
            if (level.subcommand() == null) {
                return Optional.of(level.commandSpec().name()).filter(BOT_COMMANDS::contains);
            }
        }
        return Optional.empty();
    }
}
