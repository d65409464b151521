package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.KnowledgeBase;
import dev.fiveohtwo.knowledge.KnowledgeLoader;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.triage.Report;
import io.micronaut.json.tree.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The renderer and views: Slack's limits hold and server text stays literal, whatever the servers print. */
class SlackViewsTest {
    static KnowledgeBase kb;
    static SlackViews views;
    static final SlackRenderer RENDERER = new SlackRenderer();

    @BeforeAll
    static void load() {
        kb = KnowledgeLoader.load(List.of());
        views = new SlackViews(kb);
    }

    private static Report report(List<Finding> findings, List<String> notes) {
        return new Report("web-01", "fiveohtwo@10.0.0.11", true, Verdict.BAD_GATEWAY, 412, Instant.parse("2026-11-21T10:42:09Z"),
            findings, notes, Optional.empty());
    }

    private static Finding finding(String id, List<String> evidence, List<Finding> explained) {
        return new Finding(id, kb.article(id).map(a -> a.title()).orElse(id), Severity.CRITICAL, 0.92,
            List.of("nginx could not find the unix socket it connects to (4 lines, recent)"), evidence, true, List.of(), explained);
    }

    @Test
    void rendersTheGoldenFindingsMessage() throws Exception {
        Finding socket = finding("socket-missing", List.of(
            "2026/11/21 10:42:07 [crit] 812#812: *31 connect() to unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory) while connecting to upstream, client: 10.1.2.3, server: shop.example, request: \"GET /?token=[REDACTED] HTTP/1.1\"",
            "fastcgi_pass unix:/run/php/php8.2-fpm.sock → missing (no such file)"), List.of());
        Finding down = new Finding("upstream-down", "The upstream service is down", Severity.CRITICAL, 0.95,
            List.of("a backend service (php-fpm or the application) is not running"), List.of("php8.2-fpm: failed (exit-code), 3 restarts"),
            true, List.of(), List.of(socket));
        String blocks = RENDERER.render("report", views.report(report(List.of(down), List.of("log kernel /var/log/kern.log is unreadable")), "UALICE"));
        BlockKitLimits.check(blocks);
        String actual = BlockKitLimits.text(BlockKitLimits.parse(blocks));
        // a changed message is reviewed by eye: the actual JSON is written beside the build output
        Files.createDirectories(Path.of("target/golden"));
        Files.writeString(Path.of("target/golden/report-upstream-down.json"), actual, StandardCharsets.UTF_8);
        String golden = Files.readString(Path.of("src/test/resources/golden/report-upstream-down.json"), StandardCharsets.UTF_8);
        assertEquals(BlockKitLimits.text(BlockKitLimits.parse(golden)), actual);
    }

    @Test
    void hugeAndHostileEvidenceKeepsEveryLimitAndStaysLiteral() {
        Random random = new Random(502);
        String hostile = "<!channel> <@U123> <https://evil.example|click> *bold* _it_ ~s~ ``` \" \\ \n\t\u0000 &amp; 🔥";
        for (int round = 0; round < 8; round++) {
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < 5 + random.nextInt(20); i++) {
                List<String> evidence = new ArrayList<>();
                for (int j = 0; j < 1 + random.nextInt(10); j++) {
                    evidence.add((hostile + "x".repeat(random.nextInt(3))).repeat(1 + random.nextInt(1500)));
                }
                findings.add(new Finding("upstream-down", hostile.repeat(50), Severity.HIGH, random.nextDouble(),
                    List.of(hostile.repeat(100)), evidence, random.nextBoolean(), List.of(), List.of()));
            }
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < random.nextInt(30); i++) {
                notes.add(hostile.repeat(random.nextInt(200)) + "n");
            }
            String blocks = RENDERER.render("report", views.report(report(findings, notes), "UALICE"));
            JsonNode parsed = BlockKitLimits.check(blocks);
            String all = parsed.toString();
            assertFalse(all.contains("<!channel>"), "a server line became a mention");
            assertFalse(all.contains("<https://evil"), "a server line became a link");
        }
    }

    @Test
    void everyFixGuideFitsSlackMessages() {
        kb.articles().forEach(a -> views.guide(a).forEach(g -> {
            String blocks = RENDERER.render("guide", g);
            JsonNode parsed = BlockKitLimits.check(blocks);
            assertTrue(parsed.size() <= 11, a.id());
        }));
    }

    @Test
    void groupSummaryPutsTheWorstFirstAndNamesASharedCause() {
        Finding pool = finding("php-fpm-pool-exhausted", List.of("x"), List.of());
        List<Report> reports = new ArrayList<>();
        for (String name : List.of("web-01", "web-02", "web-03")) {
            reports.add(new Report(name, "l", true, Verdict.BAD_GATEWAY, 1, Instant.EPOCH, List.of(pool), List.of(), Optional.empty()));
        }
        reports.add(0, new Report("web-00", "l", true, Verdict.HEALTHY, 1, Instant.EPOCH, List.of(), List.of(), Optional.empty()));
        String blocks = RENDERER.render("group", views.group("web", reports, "UALICE"));
        BlockKitLimits.check(blocks);
        assertTrue(blocks.indexOf("web-01") < blocks.indexOf("web-00"), blocks);
        assertTrue(blocks.contains("3 of 4 servers"), blocks);
    }
}
