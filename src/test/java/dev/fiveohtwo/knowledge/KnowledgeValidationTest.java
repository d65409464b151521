package dev.fiveohtwo.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code kb validate}: the built-in articles are clean, and each kind of broken article is named with its fault. */
class KnowledgeValidationTest {
    private static final String BODY =
            "## What it means\n\nx\n\n## How to confirm\n\nx\n\n## How to fix\n\nx\n\n## How to prevent\n\nx\n";
    private static final String RULE = "  - log: nginx-error\n"
            + "    pattern: 'connect\\(\\) failed'\n"
            + "    weight: 0.5\n"
            + "    says: nginx could not connect\n";

    @TempDir
    Path dir;

    /** A valid cause article's front matter lines, between the {@code ---} lines. */
    private static String front(String id) {
        return "id: " + id + "\n"
                + "title: Test " + id + "\n"
                + "severity: high\n"
                + "summary: One line.\n"
                + "match:\n"
                + RULE;
    }

    private static String article(String frontMatter, String body) {
        return "---\n" + frontMatter + "---\n" + body;
    }

    private static Path write(Path dir, String fileName, String text) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private List<String> validateOne(String fileName, String text) throws IOException {
        write(dir, fileName, text);
        return KnowledgeLoader.validate(List.of(dir));
    }

    private static void assertProblem(List<String> problems, String file, String... fragments) {
        assertFalse(problems.isEmpty(), "expected a problem in " + file);
        boolean found = problems.stream()
                .anyMatch(p -> p.contains(file) && List.of(fragments).stream().allMatch(p::contains));
        assertTrue(found, "no problem naming " + file + " with " + List.of(fragments) + " in " + problems);
    }

    // --- the built-in knowledge ------------------------------------------------------------------

    @Test
    void builtInArticlesHaveNoProblems() {
        assertEquals(List.of(), KnowledgeLoader.validate(List.of()));
    }

    @Test
    void aValidTempArticleHasNoProblems() throws IOException {
        assertEquals(List.of(), validateOne("fine-article.md", article(front("fine-article"), BODY)));
    }

    // --- one fault per article -------------------------------------------------------------------

    @Test
    void idDifferentFromFileNameIsNamed() throws IOException {
        List<String> problems = validateOne("file-name.md", article(front("other-name"), BODY));

        assertProblem(problems, "file-name.md", "other-name", "must equal the file name");
    }

    @Test
    void nonKebabIdIsNamed() throws IOException {
        List<String> problems = validateOne("Not_Kebab.md", article(front("Not_Kebab"), BODY));

        assertProblem(problems, "Not_Kebab.md", "Not_Kebab", "kebab-case");
    }

    @Test
    void unknownFrontMatterKeyIsNamed() throws IOException {
        List<String> problems = validateOne("extra-key.md", article(front("extra-key") + "colour: blue\n", BODY));

        assertProblem(problems, "extra-key.md", "unknown key 'colour'");
    }

    @Test
    void missingHowToFixSectionIsNamed() throws IOException {
        List<String> problems = validateOne(
                "no-fix.md", article(front("no-fix"), BODY.replace("## How to fix\n", "## How we fixed it\n")));

        assertProblem(problems, "no-fix.md", "## How to fix");
        assertEquals(1, problems.size(), problems.toString());
    }

    @Test
    void regexThatDoesNotCompileIsNamed() throws IOException {
        String fm = front("bad-regex").replace("pattern: 'connect\\(\\) failed'", "pattern: 'connect\\(( failed'");
        List<String> problems = validateOne("bad-regex.md", article(fm, BODY));

        assertProblem(problems, "bad-regex.md", "match[0]", "does not compile");
    }

    @Test
    void unknownSignalIsNamed() throws IOException {
        String fm = front("bad-signal") + "  - signal: moon-phase\n    weight: 0.3\n    says: the moon is full\n";
        List<String> problems = validateOne("bad-signal.md", article(fm, BODY));

        assertProblem(problems, "bad-signal.md", "match[1]", "unknown signal 'moon-phase'");
    }

    @Test
    void unknownSignalParameterIsNamed() throws IOException {
        String fm = front("bad-param")
                + "  - signal: memory-low\n    with: { below-gb: 1 }\n    weight: 0.3\n    says: low memory\n";
        List<String> problems = validateOne("bad-param.md", article(fm, BODY));

        assertProblem(problems, "bad-param.md", "match[1]", "memory-low", "'below-gb'");
    }

    @ParameterizedTest(name = "weight {0}")
    @ValueSource(strings = {"0", "1.5", "-0.2", "high"})
    void weightOutsideZeroToOneIsNamed(String weight) throws IOException {
        String fm = front("bad-weight").replace("weight: 0.5", "weight: " + weight);
        List<String> problems = validateOne("bad-weight.md", article(fm, BODY));

        assertProblem(problems, "bad-weight.md", "match[0]", "weight must be a number in (0, 1]");
    }

    @Test
    void weightOfExactlyOneIsAccepted() throws IOException {
        String fm = front("full-weight").replace("weight: 0.5", "weight: 1");
        assertEquals(List.of(), validateOne("full-weight.md", article(fm, BODY)));
    }

    @Test
    void relatedToAnUnknownIdIsNamed() throws IOException {
        List<String> problems =
                validateOne("lonely.md", article(front("lonely") + "related: [no-such-article]\n", BODY));

        assertProblem(problems, "lonely.md", "unknown article 'no-such-article'");
    }

    @Test
    void relatedToABuiltInIdIsAcceptedWhenLoadedWithTheBuiltIns() throws IOException {
        write(dir, "friendly.md", article(front("friendly") + "related: [upstream-down]\n", BODY));

        KnowledgeBase kb = KnowledgeLoader.load(List.of(dir));

        assertEquals(
                List.of("upstream-down"), kb.article("friendly").orElseThrow().related());
    }

    @Test
    void duplicateIdAcrossTwoFoldersIsNamed(@TempDir Path other) throws IOException {
        write(dir, "twin.md", article(front("twin"), BODY));
        write(other, "twin.md", article(front("twin"), BODY));

        List<String> problems = KnowledgeLoader.validate(List.of(dir, other));

        assertEquals(1, problems.size(), problems.toString());
        assertProblem(problems, other.resolve("twin.md").toString(), "'twin'", "already used");
    }

    @Test
    void duplicateOfABuiltInIdIsRejectedByLoad() throws IOException {
        write(dir, "upstream-down.md", article(front("upstream-down"), BODY));

        KnowledgeException e = assertThrows(KnowledgeException.class, () -> KnowledgeLoader.load(List.of(dir)));

        assertProblem(e.problems(), "upstream-down.md", "already used");
    }

    @Test
    void explainsCycleIsNamed() throws IOException {
        write(dir, "cause-a.md", article(front("cause-a") + "explains: [cause-b]\n", BODY));
        write(dir, "cause-b.md", article(front("cause-b") + "explains: [cause-a]\n", BODY));

        List<String> problems = KnowledgeLoader.validate(List.of(dir));

        assertProblem(problems, "cause-a.md", "cycle");
        assertProblem(problems, "cause-b.md", "cycle");
    }

    @Test
    void selfExplainingCauseIsACycle() throws IOException {
        List<String> problems =
                validateOne("narcissus.md", article(front("narcissus") + "explains: [narcissus]\n", BODY));

        assertProblem(problems, "narcissus.md", "cycle");
    }

    @Test
    void causeWhoseOnlyRuleIsFrontStatusIsNamed() throws IOException {
        String fm = front("symptom-only")
                .replace(
                        RULE,
                        "  - signal: front-status\n    with: { codes: [502] }\n    weight: 0.9\n    says: the front answers 502\n");
        List<String> problems = validateOne("symptom-only.md", article(fm, BODY));

        assertProblem(problems, "symptom-only.md", "supporting or a symptom");
    }

    @Test
    void causeWhoseOnlyRuleIsSupportingIsNamed() throws IOException {
        String fm = front("support-only").replace(RULE, RULE + "    supporting: true\n");
        List<String> problems = validateOne("support-only.md", article(fm, BODY));

        assertProblem(problems, "support-only.md", "supporting or a symptom");
    }

    @Test
    void guideWithMatchRulesIsNamed() throws IOException {
        String fm = "id: a-guide\nkind: guide\ntitle: A guide\nsummary: One line.\nmatch:\n" + RULE;
        List<String> problems = validateOne("a-guide.md", article(fm, "## Read this\n\ntext\n"));

        assertProblem(problems, "a-guide.md", "'match'", "guide");
    }

    @Test
    void guideWithoutMatchRulesIsAccepted() throws IOException {
        String fm = "id: a-guide\nkind: guide\ntitle: A guide\nsummary: One line.\n";
        assertEquals(List.of(), validateOne("a-guide.md", article(fm, "## Read this\n\ntext\n")));
    }

    @Test
    void missingFrontMatterIsNamed() throws IOException {
        List<String> problems = validateOne("no-front.md", "# Just markdown\n\n" + BODY);

        assertProblem(problems, "no-front.md", "front matter");
    }

    @Test
    void unclosedFrontMatterIsNamed() throws IOException {
        List<String> problems = validateOne("unclosed.md", "---\n" + front("unclosed") + BODY);

        assertProblem(problems, "unclosed.md", "not closed");
    }

    @Test
    void invalidYamlIsNamed() throws IOException {
        List<String> problems =
                validateOne("bad-yaml.md", article("id: bad-yaml\ntitle: [unclosed\nsummary: x\n", BODY));

        assertProblem(problems, "bad-yaml.md", "not valid YAML");
    }

    @Test
    void duplicateYamlKeyIsInvalidYaml() throws IOException {
        List<String> problems = validateOne("dup-key.md", article(front("dup-key") + "title: Again\n", BODY));

        assertProblem(problems, "dup-key.md", "not valid YAML");
    }

    @Test
    void readmeInTheFolderIsIgnored() throws IOException {
        write(dir, "README.md", "# How to write articles\n\nNo front matter here.\n");
        write(dir, "fine-article.md", article(front("fine-article"), BODY));

        assertEquals(List.of(), KnowledgeLoader.validate(List.of(dir)));
        assertTrue(KnowledgeLoader.load(List.of(dir)).article("fine-article").isPresent());
    }

    @Test
    void folderThatDoesNotExistIsNamed() {
        Path missing = dir.resolve("nope");

        List<String> problems = KnowledgeLoader.validate(List.of(missing));

        assertProblem(problems, missing.toString(), "not a folder");
    }

    // --- load ------------------------------------------------------------------------------------

    @Test
    void loadThrowsKnowledgeExceptionListingEveryProblem() throws IOException {
        write(dir, "file-name.md", article(front("other-name"), BODY));
        write(
                dir,
                "bad-signal.md",
                article(front("bad-signal") + "  - signal: moon-phase\n    weight: 0.3\n    says: x\n", BODY));
        write(dir, "no-front.md", "no front matter\n");
        List<String> expected = KnowledgeLoader.validate(List.of(dir));
        assertEquals(3, expected.size(), expected.toString());

        KnowledgeException e = assertThrows(KnowledgeException.class, () -> KnowledgeLoader.load(List.of(dir)));

        assertEquals(expected, e.problems());
        for (String p : expected) {
            assertTrue(e.getMessage().contains(p), "message lacks: " + p);
        }
        assertTrue(e.getMessage().contains("3 problem(s)"), e.getMessage());
    }

    @Test
    void loadOfValidExtraFolderAddsItsArticlesToTheBuiltIns() throws IOException {
        write(dir, "fine-article.md", article(front("fine-article"), BODY));

        KnowledgeBase kb = KnowledgeLoader.load(List.of(dir));

        assertTrue(kb.article("fine-article").isPresent());
        assertTrue(kb.article("upstream-down").isPresent());
        assertEquals(
                kb.articles().size(), KnowledgeLoader.load(List.of()).articles().size() + 1);
    }
}
