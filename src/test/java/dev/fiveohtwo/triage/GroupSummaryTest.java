package dev.fiveohtwo.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.knowledge.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupSummaryTest {
    private static Report report(String server, Verdict verdict, boolean reachable, String... causes) {
        List<Finding> findings = java.util.Arrays.stream(causes)
                .map(id -> new Finding(
                        id,
                        "title of " + id,
                        Severity.HIGH,
                        0.9,
                        List.of("why"),
                        List.of(),
                        false,
                        List.of(),
                        List.of()))
                .toList();
        return new Report(
                server,
                "u@" + server,
                reachable,
                verdict,
                10,
                Instant.EPOCH,
                findings,
                List.of(),
                Optional.empty(),
                List.of());
    }

    @Test
    void theCauseMostServersHaveOnTopIsShared() {
        GroupSummary g = GroupSummary.of(List.of(
                report("a", Verdict.BAD_GATEWAY, true, "upstream-timeout"),
                report("b", Verdict.BAD_GATEWAY, true, "php-fpm-down"),
                report("c", Verdict.BAD_GATEWAY, true, "upstream-timeout", "php-fpm-down"),
                report("d", Verdict.BAD_GATEWAY, true, "upstream-timeout"),
                report("e", Verdict.HEALTHY, true)));

        GroupSummary.SharedCause c = g.shared().orElseThrow();
        assertEquals("upstream-timeout", c.id());
        assertEquals("title of upstream-timeout", c.title());
        assertEquals(3, c.servers());
        assertEquals(5, c.of());
        assertEquals(4, g.needAttention());
    }

    @Test
    void noSharedCauseWhenEveryServerHasItsOwn() {
        GroupSummary g = GroupSummary.of(List.of(
                report("a", Verdict.BAD_GATEWAY, true, "upstream-timeout"),
                report("b", Verdict.BAD_GATEWAY, true, "php-fpm-down")));

        assertTrue(g.shared().isEmpty());
    }

    @Test
    void unreachableServersDoNotMakeACauseShared() {
        GroupSummary g = GroupSummary.of(List.of(
                report("a", Verdict.UNREACHABLE, false, "refused"),
                report("b", Verdict.UNREACHABLE, false, "refused"),
                report("c", Verdict.HEALTHY, true)));

        assertTrue(g.shared().isEmpty());
        assertEquals(2, g.needAttention());
    }

    @Test
    void serversComeWorstFirstThenByName() {
        GroupSummary g = GroupSummary.of(List.of(
                report("z-ok", Verdict.HEALTHY, true),
                report("b-slow", Verdict.DEGRADED, true, "slow"),
                report("y-502", Verdict.BAD_GATEWAY, true, "php-fpm-down"),
                report("a-gone", Verdict.UNREACHABLE, false, "refused"),
                report("a-502", Verdict.BAD_GATEWAY, true, "php-fpm-down")));

        assertEquals(
                List.of("a-502", "y-502", "a-gone", "b-slow", "z-ok"),
                g.worstFirst().stream().map(Report::server).toList());
    }

    @Test
    void poolIsSizedForHundredsOfHostsUnlessConfigured() {
        assertEquals(200, Triage.poolSize(0, 200, 20000));
        assertEquals(200, Triage.poolSize(0, 500, 20000));
        assertEquals(7, Triage.poolSize(0, 7, 20000));
        assertEquals(10, Triage.poolSize(10, 200, 20000));
        assertEquals(200, Triage.poolSize(300, 200, 20000));
    }

    @Test
    void poolNeverOutgrowsTheOpenFileLimit() {
        assertEquals(32, Triage.poolSize(0, 200, 160));
        assertEquals(1, Triage.poolSize(50, 200, 10));
    }
}
