package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.reports.Retention;
import dev.fiveohtwo.triage.Report;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fiveohtwo history <server>}: the kept checks, newest first, as text or JSON, from the database serve uses. */
class HistoryCommandTest {
    @TempDir
    Path dir;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String url;

    @BeforeEach
    void database() {
        url = CliRun.url(dir.resolve("history"));
        System.setProperty(CliRun.DATABASE, url);
    }

    @AfterEach
    void forget() {
        System.clearProperty(CliRun.DATABASE);
    }

    private void kept(String server, Verdict verdict, Instant at, String who) {
        List<Finding> findings = verdict == Verdict.HEALTHY
                ? List.of()
                : List.of(new Finding(
                        "upstream-down",
                        "The upstream service is down",
                        Severity.HIGH,
                        0.9,
                        List.of(),
                        List.of(),
                        true,
                        List.of(),
                        List.of()));
        Report r = new Report(
                server,
                "fiveohtwo@127.0.0.1",
                true,
                verdict,
                100,
                at,
                findings,
                List.of(),
                Optional.empty(),
                List.of());
        try (KeptReports k = KeptReports.open(new KeptReports.Database(url, "sa", ""), Retention.DEFAULT, true)
                .orElseThrow()) {
            k.store().save(r, who);
        }
    }

    @Test
    void printsTimeVerdictTopCauseAndWhoAskedNewestFirst() {
        kept("web-01", Verdict.HEALTHY, now.minusSeconds(600), "cli:alice");
        kept("web-01", Verdict.BAD_GATEWAY, now.minusSeconds(60), "U012BOB");
        kept("web-02", Verdict.DEGRADED, now, "cli:alice");

        CliRun r = CliRun.of("history", "web-01");

        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.toString());
        assertTrue(lines.get(0).startsWith(History.time(now.minusSeconds(60)) + "  bad-gateway"), r.toString());
        assertTrue(lines.get(0).contains(" upstream-down ") && lines.get(0).endsWith(" U012BOB"), r.toString());
        assertTrue(lines.get(1).startsWith(History.time(now.minusSeconds(600)) + "  healthy"), r.toString());
        assertTrue(lines.get(1).contains(" - ") && lines.get(1).endsWith(" cli:alice"), r.toString());
    }

    @Test
    void limitShowsOnlyTheNewest() {
        kept("web-01", Verdict.HEALTHY, now.minusSeconds(600), "cli:alice");
        kept("web-01", Verdict.BAD_GATEWAY, now.minusSeconds(60), "U012BOB");

        CliRun r = CliRun.of("history", "web-01", "--limit", "1");

        assertEquals(1, r.out().lines().count(), r.toString());
        assertTrue(r.out().contains("bad-gateway"), r.toString());
    }

    @Test
    void jsonIsAnArrayOfChecksNewestFirst() throws IOException {
        kept("web-01", Verdict.HEALTHY, now.minusSeconds(600), "cli:alice");
        kept("web-01", Verdict.BAD_GATEWAY, now.minusSeconds(60), "U012BOB");

        CliRun r = CliRun.of("history", "web-01", "--format", "json");

        JsonNode rows = JsonMapper.createDefault().readValue(r.out().strip(), JsonNode.class);
        assertEquals(2, rows.size(), r.toString());
        JsonNode newest = rows.get(0);
        assertEquals("web-01", newest.get("server").getStringValue());
        assertEquals(now.minusSeconds(60).toString(), newest.get("checkedAt").getStringValue());
        assertEquals("bad-gateway", newest.get("verdict").getStringValue());
        assertEquals("upstream-down", newest.get("topCause").getStringValue());
        assertEquals(
                "502 Bad Gateway: The upstream service is down",
                newest.get("headline").getStringValue());
        assertEquals("U012BOB", newest.get("requestedBy").getStringValue());
        assertTrue(rows.get(1).get("topCause").isNull(), r.toString());
    }

    @Test
    void withoutADatabaseItSaysSoAndCreatesNone() throws IOException {
        Path file = dir.resolve("never");
        System.setProperty(CliRun.DATABASE, CliRun.url(file));

        CliRun text = CliRun.of("history", "web-01");
        CliRun json = CliRun.of("history", "web-01", "--format", "json");

        assertEquals(0, text.exit(), text.toString());
        assertEquals("", text.out());
        assertTrue(text.err().contains("no checks of web-01 kept in " + dir.resolve("never.mv.db")), text.toString());
        assertEquals("[]", json.out().strip());
        assertFalse(Files.exists(dir.resolve("never.mv.db")), "history only reads");
    }

    @Test
    void aLimitBelowOneIsAUsageError() {
        CliRun r = CliRun.of("history", "web-01", "--limit", "0");

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--limit"), r.toString());
    }
}
