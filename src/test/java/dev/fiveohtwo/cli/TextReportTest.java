package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.triage.Report;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The terminal report says a finding is history from the finding's flag, leaving its evidence lines as the log has them. */
class TextReportTest {
    static final String LINE =
            "2026/11/21 12:01:02 [error] 812#812: *1 upstream prematurely closed connection while reading response header";

    static Report with(boolean fresh) {
        Finding f = new Finding(
                "upstream-crashed-mid-response",
                "The upstream crashed mid-response",
                Severity.HIGH,
                0.6,
                List.of("upstream closed early (1 line, 0 recent)"),
                List.of(LINE),
                fresh,
                List.of(),
                List.of());
        return new Report(
                "web-01",
                "fiveohtwo@10.0.0.11",
                true,
                Verdict.HEALTHY,
                1200,
                Instant.parse("2026-11-21T12:40:00Z"),
                List.of(f),
                List.of(),
                Optional.empty(),
                List.of());
    }

    @Test
    void marksAFindingOlderThanTheRecencyWindowAndKeepsItsLineAsLogged() {
        String text = new TextReport(false).render(with(false));

        assertTrue(
                text.contains("The upstream crashed mid-response · high · 60% · older than the recency window"), text);
        assertTrue(text.contains("│ " + LINE + "\n"), text);
    }

    @Test
    void aFreshFindingCarriesNoSuchMark() {
        String text = new TextReport(false).render(with(true));

        assertFalse(text.contains("older than the recency window"), text);
    }
}
