package dev.fiveohtwo.cli;

import dev.fiveohtwo.knowledge.Article;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.KnowledgeLoader;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fiveohtwo kb}: validate, list and read the knowledge base. */
@Command(
        name = "kb",
        mixinStandardHelpOptions = true,
        description = "Validate, list and read knowledge articles.",
        subcommands = {KbCommand.Validate.class, KbCommand.ListArticles.class, KbCommand.Show.class})
final class KbCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out, picocli.CommandLine.Help.Ansi.OFF);
    }

    /** {@code kb validate [DIR...]}: every problem of the built-in articles, or of the given folders. */
    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Check articles: schema, unique ids, regexes, related/explains, required sections. "
                    + "Extra folders are checked together with the built-in articles, as the bot loads them.")
    static final class Validate implements Callable<Integer> {
        @Parameters(
                paramLabel = "DIR",
                arity = "0..*",
                description = "extra folders of articles (default: only the built-in ones)")
        List<Path> dirs = List.of();

        @Override
        public Integer call() {
            List<String> problems = KnowledgeLoader.validate(dirs);
            problems.forEach(p -> System.out.println("✗ " + p));
            if (problems.isEmpty()) {
                System.out.println(
                        "knowledge base is valid (" + (dirs.isEmpty() ? "built-in" : "built-in + " + dirs) + ")");
                return ExitCodes.OK;
            }
            System.out.println(problems.size() + " problem(s)");
            return 1;
        }
    }

    /** {@code kb list}: one line per article. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List articles: id, severity, title.")
    static final class ListArticles implements Runnable {
        @Inject
        Provider<KnowledgeBase> kb;

        @Override
        public void run() {
            for (Article a : kb.get().articles()) {
                System.out.printf(
                        "%-32s %-9s %s%n",
                        a.id(), a.guide() ? "guide" : a.severity().orElseThrow().id(), a.title());
            }
        }
    }

    /** {@code kb show ID}: the article as Markdown. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print an article.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "an article id, as 'kb list' shows")
        String id;

        @Inject
        Provider<KnowledgeBase> kb;

        @Override
        public Integer call() {
            Optional<Article> a = kb.get().article(id);
            if (a.isEmpty()) {
                System.err.println("fiveohtwo: no article '" + dev.fiveohtwo.system.Printable.of(id)
                        + "'; see 'fiveohtwo kb list'");
                return ExitCodes.USAGE;
            }
            System.out.println("# " + a.get().title() + "\n\n" + a.get().summary() + "\n"
                    + a.get().body());
            return ExitCodes.OK;
        }
    }
}
