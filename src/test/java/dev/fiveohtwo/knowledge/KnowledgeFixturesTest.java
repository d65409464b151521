package dev.fiveohtwo.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for the knowledge itself: every cause article has a recorded fixture on which it is the top
 * finding; the healthy fixture produces nothing. Prints the confusion table (expected vs top finding).
 */
class KnowledgeFixturesTest {
    static KnowledgeBase kb;
    static EvidenceMatcher matcher;
    static final Map<String, String> TOP = new TreeMap<>();

    @BeforeAll
    static void load() {
        kb = KnowledgeLoader.load(List.of());
        matcher = new RuleMatcher(kb, Duration.ofMinutes(30));
    }

    static Stream<String> brokenFixtures() {
        return Fixtures.names().stream().filter(n -> !n.startsWith("healthy"));
    }

    @Test
    void everyCauseArticleShipsAFixture() {
        List<String> fixtures =
                Fixtures.names().stream().map(Fixtures::expected).toList();
        List<String> missing = kb.causes().stream()
                .map(Article::id)
                .filter(id -> !fixtures.contains(id))
                .toList();
        assertEquals(List.of(), missing, "cause articles without a fixture in " + Fixtures.DIR);
    }

    @Test
    void everyFixtureNamesAKnownArticle() {
        brokenFixtures()
                .map(Fixtures::expected)
                .forEach(id -> assertTrue(kb.article(id).isPresent(), "fixture for unknown article " + id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFixtures")
    void fixtureProducesItsArticleAsTopFinding(String fixture) {
        Diagnosis d = matcher.diagnose(Fixtures.server(), Fixtures.evidence(fixture));
        // a host condition is never a finding: its fixture proves it as the first thing "also seen"
        boolean condition = kb.article(Fixtures.expected(fixture)).orElseThrow().condition();
        List<Finding> ranked = condition ? d.alsoSeen() : d.findings();
        String top = ranked.isEmpty() ? "(none)" : ranked.get(0).id();
        TOP.put(fixture, top);
        assertEquals(
                Fixtures.expected(fixture),
                top,
                () -> "findings: "
                        + d.findings().stream()
                                .map(f -> f.id() + " " + f.confidence() + (f.fresh() ? "" : " stale"))
                                .collect(Collectors.joining(", "))
                        + "; also seen: "
                        + d.alsoSeen().stream().map(Finding::id).collect(Collectors.joining(", ")));
        if (!condition) {
            assertFalse(d.verdict() == Verdict.HEALTHY, "a broken fixture must not be healthy");
        }
    }

    @Test
    void healthyFixtureProducesNoFindingAndAHealthyVerdict() {
        for (String name :
                Fixtures.names().stream().filter(n -> n.startsWith("healthy")).toList()) {
            Diagnosis d = matcher.diagnose(Fixtures.server(), Fixtures.evidence(name));
            TOP.put(
                    name,
                    d.findings().isEmpty() ? "(none)" : d.findings().get(0).id());
            assertEquals(List.of(), d.findings().stream().map(Finding::id).toList(), name);
            assertEquals(Verdict.HEALTHY, d.verdict(), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "php-fpm-pool-exhausted--on-a-loaded-host",
                "upstream-timeout--on-a-loaded-host",
                "healthy--on-a-loaded-host"
            })
    void aLoadedHostIsAlsoSeenButNeverOutranksTheEvidence(String fixture) {
        Diagnosis d = matcher.diagnose(Fixtures.server(), Fixtures.evidence(fixture));
        assertEquals(
                List.of("server-overload"),
                d.alsoSeen().stream().map(Finding::id).toList(),
                fixture);
        assertTrue(
                d.findings().stream()
                        .noneMatch(f -> f.id().equals("server-overload")
                                || f.explained().stream().anyMatch(c -> c.id().equals("server-overload"))),
                fixture);
    }

    @Test
    void hostConditionsExplainNoCause() {
        kb.causes().stream()
                .filter(Article::condition)
                .forEach(a ->
                        assertEquals(List.of(), a.explains(), a.id() + " is a host condition: it can prove no cause"));
        assertTrue(kb.causes().stream().filter(Article::condition).count() >= 2, "load and memory are host conditions");
    }

    @AfterAll
    static void printConfusionTable() {
        StringBuilder t = new StringBuilder("\nConfusion table: fixture (expected) -> top finding\n");
        int ok = 0;
        for (Map.Entry<String, String> e : TOP.entrySet()) {
            String expected = e.getKey().startsWith("healthy") ? "(none)" : Fixtures.expected(e.getKey());
            boolean hit = expected.equals(e.getValue());
            ok += hit ? 1 : 0;
            t.append(String.format("  %-34s %-30s %s%n", e.getKey(), e.getValue(), hit ? "ok" : "MISMATCH"));
        }
        t.append(String.format("  %d/%d fixtures diagnosed as expected%n", ok, TOP.size()));
        System.out.print(t);
    }
}
