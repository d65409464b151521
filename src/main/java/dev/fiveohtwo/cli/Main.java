package dev.fiveohtwo.cli;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.Set;
import picocli.CommandLine;

/** Entry point of the jar. */
public final class Main {
    /** Commands that need the database: they run in the {@code bot} environment (application-bot.yml). */
    private static final Set<String> BOT_COMMANDS = Set.of("serve", "audit");

    private Main() {
    }

    public static void main(String[] args) {
        if ("json".equalsIgnoreCase(System.getenv("FIVEOHTWO_LOG_FORMAT")) && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
        if (args.length > 0 && args[0].equals("serve") && System.getenv("FIVEOHTWO_LOG_LEVEL") == null) {
            System.setProperty("FIVEOHTWO_LOG_LEVEL", "INFO");  // the bot logs its events; the CLI only its problems
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
        boolean bot = args.length > 0 && BOT_COMMANDS.contains(args[0]);
        String[] environments = bot ? new String[] {"cli", "bot"} : new String[] {"cli"};
        try (ApplicationContext context = ApplicationContext.builder(FiveohtwoCommand.class, environments).start()) {
            CommandLine cli = new CommandLine(FiveohtwoCommand.class, new MicronautFactory(context));
            // picocli's help colours would reach the filter as escapes and show as such
            cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            return cli.execute(args);
        }
    }
}
