package dev.fiveohtwo.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.checks.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiteralHintTest {

    @Test
    void findsTheLongestRequiredLiteral() {
        assertEquals(
                List.of(" failed (2: No such file or directory) while connecting to upstream"),
                LiteralHint.of(
                                "connect\\(\\) to unix:\\S+ failed \\(2: No such file or directory\\) while connecting to upstream")
                        .orElseThrow()
                        .anyOf());
    }

    @Test
    void givesOneHintPerTopLevelAlternative() {
        LiteralHint h = LiteralHint.of("(?i)cannot allocate memory|\\[Errno 12\\]|\\bENOMEM\\b")
                .orElseThrow();
        assertEquals(List.of("cannot allocate memory", "[errno 12]", "enomem"), h.anyOf());
        assertTrue(h.ignoreCase());
    }

    @Test
    void givesNoHintWhenABranchHasNoLiteral() {
        assertEquals(Optional.empty(), LiteralHint.of("\\d+|upstream timed out"));
        assertEquals(Optional.empty(), LiteralHint.of("(?s)upstream"));
    }

    @Test
    void neverJoinsCharactersAcrossARepeat() {
        LiteralHint h = LiteralHint.of("abcx+yzw").orElseThrow();
        assertTrue(h.mayMatch("abcxxxyzw", "abcxxxyzw"));
        assertEquals(Optional.empty(), LiteralHint.of("ab?cd"));
    }

    /** Soundness over the real articles: no line that a pattern matches is ever ruled out by its hint. */
    @Test
    void neverRulesOutALineThatThePatternMatches() {
        KnowledgeBase kb = KnowledgeLoader.load(List.of());
        List<String> lines = new ArrayList<>();
        for (String fixture : Fixtures.names()) {
            var e = Fixtures.evidence(fixture);
            e.logs().values().forEach(t -> t.lines().stream().map(LogLine::text).forEach(lines::add));
            e.oom().stream().map(LogLine::text).forEach(lines::add);
        }
        int checked = 0;
        for (Article a : kb.causes()) {
            for (Rule r : a.rules()) {
                if (r instanceof Rule.LogRule log) {
                    Pattern p = log.pattern();
                    Optional<LiteralHint> hint = LiteralHint.of(p.pattern());
                    for (String line : lines) {
                        if (p.matcher(line).find()) {
                            checked++;
                            assertTrue(
                                    hint.map(h -> h.mayMatch(line, line.toLowerCase(Locale.ROOT)))
                                            .orElse(true),
                                    a.id() + ": hint " + hint + " rules out a matching line: " + line);
                        }
                    }
                }
            }
        }
        assertTrue(checked > 50, "too few matching lines to say anything: " + checked);
    }
}
