package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.system.Contexts;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The command line itself: version, the help command, and a description for everything a user can type. */
class CommandLineTest {
    private record Run(int exit, String out, String err) {}

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void versionIsThePomVersion() {
        Run run = run("--version");
        assertEquals(0, run.exit());
        assertEquals(
                "fiveohtwo " + System.getProperty("fiveohtwo.expected.version"),
                run.out().strip());
    }

    @Test
    void helpCommandPrintsTheUsageOfTheTopAndOfOneCommand() {
        Run top = run("help");
        assertEquals(0, top.exit(), top.err());
        assertTrue(top.out().contains("Usage: fiveohtwo") && top.out().contains("check"), top.out());

        Run check = run("help", "check");
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.out().startsWith("Usage: fiveohtwo check"), check.out());
    }

    @Test
    void everyOptionAndParameterHasADescription() {
        List<String> bare = new ArrayList<>();
        try (ApplicationContext context = Contexts.cli()) {
            walk(Main.commandLine(context).getCommandSpec(), bare);
        }
        assertEquals(List.of(), bare);
    }

    private static void walk(CommandSpec spec, List<String> bare) {
        for (ArgSpec arg : spec.args()) {
            String text = String.join(" ", arg.description()).strip();
            if (text.isEmpty()) {
                bare.add(spec.qualifiedName() + " "
                        + (arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel()));
            }
        }
        for (CommandLine sub : spec.subcommands().values()) {
            walk(sub.getCommandSpec(), bare);
        }
    }
}
