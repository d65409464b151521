package dev.fiveohtwo.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every article pattern against real-format log lines, one failure path per row of
 * {@code src/test/resources/nginx-502-lines.tsv} and, for Apache, HAProxy, Caddy, Traefik and Envoy,
 * {@code front-502-lines.tsv} ({@code expected-article<TAB>log<TAB>line}): the line alone
 * must point at its article more strongly than at any other, through the same literal pre-filter the
 * matcher uses. Rows whose article is {@code (none)} are lines that look alarming but fail no request;
 * no article may fire on them.
 */
class KnowledgeLogLinesTest {
    static final Path TABLE = Path.of("src/test/resources/nginx-502-lines.tsv");
    static final Path FRONTS_TABLE = Path.of("src/test/resources/front-502-lines.tsv");
    /** The logs a row may name: nginx's, the other fronts', the backends' and the kernel's. */
    static final Set<String> LOGS =
            Set.of("nginx-error", "apache-error", "haproxy", "caddy", "traefik", "envoy", "php-fpm", "app", "kernel");

    static KnowledgeBase kb;

    record Row(String article, String log, String line) {
        @Override
        public String toString() {
            return article + " <- " + (line.length() > 110 ? line.substring(0, 110) + "…" : line);
        }
    }

    @BeforeAll
    static void load() {
        kb = KnowledgeLoader.load(List.of());
    }

    static Stream<Row> rows() {
        return Stream.concat(rows(TABLE), rows(FRONTS_TABLE));
    }

    static Stream<Row> rows(Path table) {
        return Fixtures.read(table)
                .lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> {
                    String[] f = l.split("\t", 3);
                    if (f.length != 3) {
                        throw new IllegalArgumentException("not article<TAB>log<TAB>line: " + l);
                    }
                    return new Row(f[0], f[1], f[2]);
                });
    }

    /**
     * How strongly one line alone makes {@code a} fire: the largest weight among its decisive log rules for
     * that log that match, or 0 when none does or a required rule does not match the line.
     */
    static double strength(Article a, Row row) {
        double best = 0;
        for (Rule rule : a.rules()) {
            boolean hit = rule instanceof Rule.LogRule log && readsFrom(log, row.log()) && matches(log, row.line());
            if (rule.required() && !hit) {
                return 0;
            }
            if (hit && rule.decisive()) {
                best = Math.max(best, rule.weight());
            }
        }
        return best;
    }

    private static boolean readsFrom(Rule.LogRule rule, String log) {
        return rule.source().equals(log) || rule.source().equals("any");
    }

    private static boolean matches(Rule.LogRule rule, String line) {
        boolean hinted = LiteralHint.of(rule.pattern().pattern())
                .map(h -> h.mayMatch(line, line.toLowerCase(Locale.ROOT)))
                .orElse(true);
        return hinted && rule.pattern().matcher(line).find();
    }

    static final String NONE = "(none)";

    static Stream<Row> failures() {
        return rows().filter(r -> !r.article().equals(NONE));
    }

    static Stream<Row> harmless() {
        return rows().filter(r -> r.article().equals(NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("harmless")
    void linesThatFailNoRequestMakeNoArticleFire(Row row) {
        List<String> fired = kb.causes().stream()
                .filter(a -> strength(a, row) > 0)
                .map(Article::id)
                .toList();
        assertEquals(List.of(), fired, row.line());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void eachLinePointsAtItsArticleAboveEveryOther(Row row) {
        assertTrue(kb.article(row.article()).filter(a -> !a.guide()).isPresent(), "no cause article " + row.article());
        Map<String, Double> scores = kb.causes().stream()
                .filter(a -> strength(a, row) > 0)
                .collect(Collectors.toMap(Article::id, a -> strength(a, row)));
        String ranking = scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        double own = scores.getOrDefault(row.article(), 0.0);
        assertTrue(own > 0, () -> row.article() + " has no rule matching the line; matched: " + ranking);
        scores.forEach((id, s) -> assertTrue(
                id.equals(row.article()) || s < own,
                () -> id + " matches the line as strongly as " + row.article() + ": " + ranking));
    }

    /**
     * Causes whose strongest evidence is an nginx error line must prove it here; causes that rest on a
     * signal first (a container that exited, a refusal while the service runs) use log lines only to
     * corroborate and are proven by their fixtures.
     */
    @Test
    void everyCauseLedByAnNginxErrorLineHasALineInTheTable() {
        Set<String> inTable = failures().map(Row::article).collect(Collectors.toSet());
        List<String> missing = kb.causes().stream()
                .filter(a -> a.rules().stream()
                        .filter(Rule::decisive)
                        .max(Comparator.comparingDouble(Rule::weight))
                        .filter(r -> r instanceof Rule.LogRule l && l.source().equals("nginx-error"))
                        .isPresent())
                .map(Article::id)
                .filter(id -> !inTable.contains(id))
                .sorted()
                .toList();
        assertEquals(List.of(), missing, "articles with nginx-error rules but no line in " + TABLE);
    }

    @Test
    void tableRowsUseTheLogsArticlesRead() {
        List<Row> bad = rows().filter(r -> !LOGS.contains(r.log())).toList();
        assertEquals(List.of(), bad);
        assertFalse(rows(TABLE).findAny().isEmpty(), TABLE + " is empty");
        assertFalse(rows(FRONTS_TABLE).findAny().isEmpty(), FRONTS_TABLE + " is empty");
    }

    /** Each other front has its refused connection, its timeout and its broken response in the table. */
    @Test
    void everyOtherFrontHasLinesForItsMainFailures() {
        for (String log : List.of("apache-error", "haproxy", "caddy", "traefik", "envoy")) {
            Set<String> articles = failures()
                    .filter(r -> r.log().equals(log))
                    .map(Row::article)
                    .collect(Collectors.toSet());
            assertTrue(
                    articles.containsAll(Set.of("upstream-down", "upstream-timeout", "upstream-crashed-mid-response")),
                    () -> log + " covers only " + new TreeMap<>(Map.of(log, articles)));
        }
    }

    /** The per-article line counts, printed so a review sees the coverage at a glance. */
    @Test
    void printsLinesPerArticle() {
        Map<String, Long> perArticle =
                new TreeMap<>(failures().collect(Collectors.groupingBy(Row::article, Collectors.counting())));
        StringBuilder out = new StringBuilder("\nLog lines per article (" + TABLE + ", " + FRONTS_TABLE + ")\n");
        perArticle.entrySet().stream()
                .sorted(Comparator.comparing(Map.Entry::getKey))
                .forEach(e -> out.append(String.format("  %-32s %d%n", e.getKey(), e.getValue())));
        out.append(String.format(
                "  %d lines, %d articles%n",
                perArticle.values().stream().mapToLong(Long::longValue).sum(), perArticle.size()));
        System.out.print(out);
        assertFalse(perArticle.isEmpty());
    }
}
