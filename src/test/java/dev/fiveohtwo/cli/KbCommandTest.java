package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fiveohtwo kb validate DIR}: a folder of extra articles is checked as the bot loads it, with the built-in ones. */
class KbCommandTest {
    private static final String BODY =
            "## What it means\n\nx\n\n## How to confirm\n\nx\n\n## How to fix\n\nx\n\n## How to prevent\n\nx\n";

    @TempDir
    Path dir;

    private Path article(String id, String extra) throws Exception {
        Path articles = Files.createDirectories(dir.resolve("articles"));
        Files.writeString(
                articles.resolve(id + ".md"),
                "---\nid: " + id + "\ntitle: Our " + id + "\nseverity: high\n"
                        + "summary: One line.\n" + extra
                        + "match:\n  - log: nginx-error\n    pattern: 'connect\\(\\) failed'\n"
                        + "    weight: 0.5\n    says: nginx could not connect\n---\n" + BODY);
        return articles;
    }

    @Test
    void anExtraArticleMayReferToABuiltInOne() throws Exception {
        Path articles = article("our-upstream-down", "related: [upstream-down]\n");

        JavaProcess.Run run = JavaProcess.main(dir, Map.of(), "kb", "validate", articles.toString());

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("knowledge base is valid (built-in + [" + articles + "])"), run.toString());
    }

    @Test
    void anExtraArticleMayNotReuseABuiltInId() throws Exception {
        Path articles = article("upstream-down", "");

        JavaProcess.Run run = JavaProcess.main(dir, Map.of(), "kb", "validate", articles.toString());

        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().contains("id 'upstream-down' is already used by another article"), run.toString());
    }

    @Test
    void theFoldersFiveohtwoKnowledgeNamesAddTheirArticles() throws Exception {
        Path first = article("our-first-cause", "");
        Path second = Files.createDirectories(dir.resolve("more"));
        Files.writeString(
                second.resolve("our-second-cause.md"),
                Files.readString(first.resolve("our-first-cause.md")).replace("our-first-cause", "our-second-cause"));

        JavaProcess.Run run = JavaProcess.main(dir, Map.of("FIVEOHTWO_KNOWLEDGE", first + ":" + second), "kb", "list");

        assertEquals(0, run.exit(), run.toString());
        assertTrue(
                run.out().contains("Our our-first-cause") && run.out().contains("Our our-second-cause"),
                run.toString());
        assertTrue(run.out().contains("upstream-down"), "the built-in articles stay: " + run);
    }
}
