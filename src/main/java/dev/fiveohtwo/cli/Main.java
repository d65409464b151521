package dev.fiveohtwo.cli;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import java.util.Set;
import picocli.CommandLine;

/** Entry point of the jar. */
public final class Main {
    /** Commands that need the database: they run in the {@code bot} environment (application-bot.yml). */
    private static final Set<String> BOT_COMMANDS = Set.of("serve", "audit");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        boolean bot = args.length > 0 && BOT_COMMANDS.contains(args[0]);
        String[] environments = bot ? new String[] {"cli", "bot"} : new String[] {"cli"};
        try (ApplicationContext context = ApplicationContext.builder(FiveohtwoCommand.class, environments).start()) {
            return new CommandLine(FiveohtwoCommand.class, new MicronautFactory(context)).execute(args);
        }
    }
}
