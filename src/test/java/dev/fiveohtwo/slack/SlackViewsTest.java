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
import java.io.IOException;
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
    /** The id a kept report would have: what its Re-check and Raw output buttons carry. */
    static final String ID = "3f9a1c0e5b7d4a21";

    @BeforeAll
    static void load() {
        kb = KnowledgeLoader.load(List.of());
        views = new SlackViews(kb);
    }

    private static Report report(List<Finding> findings, List<String> notes) {
        return new Report(
                "web-01",
                "fiveohtwo@10.0.0.11",
                true,
                Verdict.BAD_GATEWAY,
                412,
                Instant.parse("2026-11-21T10:42:09Z"),
                findings,
                notes,
                Optional.empty(),
                List.of());
    }

    private static Finding finding(String id, List<String> evidence, List<Finding> explained) {
        return new Finding(
                id,
                kb.article(id).map(a -> a.title()).orElse(id),
                Severity.CRITICAL,
                0.92,
                List.of("nginx could not find the unix socket it connects to (4 lines, recent)"),
                evidence,
                true,
                List.of(),
                explained);
    }

    @Test
    void rendersTheGoldenFindingsMessage() throws Exception {
        Finding socket = finding(
                "socket-missing",
                List.of(
                        "2026/11/21 10:42:07 [crit] 812#812: *31 connect() to unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory) while connecting to upstream, client: 10.1.2.3, server: shop.example, request: \"GET /?token=[REDACTED] HTTP/1.1\"",
                        "fastcgi_pass unix:/run/php/php8.2-fpm.sock → missing (no such file)"),
                List.of());
        Finding down = new Finding(
                "upstream-down",
                "The upstream service is down",
                Severity.CRITICAL,
                0.95,
                List.of("a backend service (php-fpm or the application) is not running"),
                List.of("php8.2-fpm: failed (exit-code), 3 restarts"),
                true,
                List.of(),
                List.of(socket));
        String blocks = RENDERER.render(
                "report",
                views.report(
                        report(List.of(down), List.of("log kernel /var/log/kern.log is unreadable")), ID, "UALICE"));
        assertGolden("report-upstream-down.json", blocks);
    }

    @Test
    void aBadGatewayShowsWhatChangedSinceTheLastHealthyCheck() throws Exception {
        Finding down = new Finding(
                "upstream-down",
                "The upstream service is down",
                Severity.CRITICAL,
                0.95,
                List.of("a backend service (php-fpm or the application) is not running"),
                List.of("php8.2-fpm: failed (exit-code), 3 restarts"),
                true,
                List.of(),
                List.of());
        List<dev.fiveohtwo.reports.Change> changes = List.of(
                new dev.fiveohtwo.reports.Change("php8.2-fpm restarts", "0", "3"),
                new dev.fiveohtwo.reports.Change("php8.2-fpm", "active", "failed <exit-code>"));
        Views.Report view =
                views.report(report(List.of(down), List.of()), ID, "UALICE", java.util.Map.of(), "", changes);
        assertGolden("report-changes.json", RENDERER.render("report", view));
    }

    @Test
    void aHealthyServerShowsNoChangesEvenWhenSomeAreGiven() {
        Report healthy = new Report(
                "web-01",
                "local",
                true,
                Verdict.HEALTHY,
                1,
                Instant.EPOCH,
                List.of(),
                List.of(),
                Optional.empty(),
                List.of());
        Views.Report view = views.report(
                healthy, ID, null, java.util.Map.of(), "", List.of(new dev.fiveohtwo.reports.Change("x", "1", "2")));
        assertEquals(List.of(), view.changes());
        assertFalse(RENDERER.render("report", view).contains("Changed since"));
    }

    static dev.fiveohtwo.reports.StoredReport stored(String id, String at, Verdict verdict, String cause, String by) {
        return new dev.fiveohtwo.reports.StoredReport(
                id,
                "web-01",
                Instant.parse(at),
                verdict,
                Optional.ofNullable(cause),
                verdict.id(),
                by,
                "",
                java.util.Map.of());
    }

    @Test
    void theHistoryOfAServerIsTheReviewedMessage() throws Exception {
        List<dev.fiveohtwo.reports.StoredReport> kept = List.of(
                stored("c3", "2026-11-21T10:47:12Z", Verdict.HEALTHY, null, "UBOB"),
                stored("c2", "2026-11-21T10:42:09Z", Verdict.BAD_GATEWAY, "socket-missing", "UALICE"),
                stored(
                        "c1",
                        "2026-11-21T09:15:00Z",
                        Verdict.DEGRADED,
                        "php-fpm-pool-exhausted",
                        "alert:FrontDown <!channel>"));
        assertGolden("history.json", RENDERER.render("list", views.history("web-01", kept)));
        BlockKitLimits.check(RENDERER.render("list", views.history("web-01", List.of())));
    }

    @Test
    void aHealthyRecheckReadsAsARecovery() throws Exception {
        Report now = new Report(
                "web-01",
                "fiveohtwo@10.0.0.11",
                true,
                Verdict.HEALTHY,
                380,
                Instant.parse("2026-11-21T10:47:30Z"),
                List.of(),
                List.of(),
                Optional.empty(),
                List.of());
        Views.Recovery view = views.recovery(
                now, ID, stored("c2", "2026-11-21T10:42:09Z", Verdict.BAD_GATEWAY, "socket-missing", "UALICE"), "UBOB");
        assertTrue(
                view.header()
                        .contains("healthy · earlier: "
                                + kb.article("socket-missing").get().title() + ", resolved at 10:47"),
                view.header());
        assertGolden("recovery.json", RENDERER.render("recovery", view));
    }

    /**
     * Slack would accept {@code blocks}, and they are the reviewed message {@code name} under
     * src/test/resources/golden/. A changed message is reviewed by eye: the actual JSON is written to target/golden/.
     */
    static void assertGolden(String name, String blocks) throws IOException {
        BlockKitLimits.check(blocks);
        String actual = BlockKitLimits.text(BlockKitLimits.parse(blocks));
        Files.createDirectories(Path.of("target/golden"));
        Files.writeString(Path.of("target/golden/" + name), actual, StandardCharsets.UTF_8);
        Path golden = Path.of("src/test/resources/golden/" + name);
        assertTrue(
                Files.exists(golden), "no golden " + golden + ": review target/golden/" + name + " and copy it there");
        assertEquals(
                BlockKitLimits.text(BlockKitLimits.parse(Files.readString(golden, StandardCharsets.UTF_8))), actual);
    }

    /** An unreachable server's report as Triage builds it: the reason as the finding, detail and hint as evidence. */
    private static Report unreachable(String server, String reason, String label, String detail, String hint) {
        Finding f = new Finding(
                reason,
                label,
                Severity.HIGH,
                1.0,
                List.of("the server could not be checked"),
                List.of(detail, "try: " + hint),
                true,
                List.of(),
                List.of());
        return new Report(
                server,
                "fiveohtwo@10.0.0.11",
                false,
                Verdict.UNREACHABLE,
                2004,
                Instant.parse("2026-11-21T10:42:09Z"),
                List.of(f),
                List.of(),
                Optional.empty(),
                List.of());
    }

    @Test
    void anUnreachableServerSaysWhatFailedAndWhatToTry() throws Exception {
        Report r = unreachable(
                "web-01",
                "refused",
                "connection refused",
                "SSH to 10.0.0.11:22 refused",
                "is sshd running and listening on port 22?");
        String blocks = RENDERER.render("report", views.report(r, ID, "UALICE"));
        assertGolden("report-unreachable.json", blocks);
        String summary =
                BlockKitLimits.parse(blocks).get(1).get("text").get("text").getStringValue();
        assertTrue(
                summary.contains("SSH to 10.0.0.11:22 refused") && summary.contains("Try: is sshd running"), summary);
    }

    @Test
    void aChangedHostKeyIsReportedAsSuch() throws Exception {
        Report r = unreachable(
                "web-01",
                "host-key-changed",
                "host key changed",
                "the host key of 10.0.0.11:22 is not the one in ~/.ssh/known_hosts",
                "if web-01 was rebuilt, run ssh-keygen -R 10.0.0.11 and re-scan; otherwise stop and investigate");
        assertGolden("report-host-key-changed.json", RENDERER.render("report", views.report(r, ID, "UALICE")));
    }

    @Test
    void anInconclusiveCheckSaysItHasNoVerdictAndWhy() throws Exception {
        Report r = new Report(
                "web-01",
                "fiveohtwo@10.0.0.11",
                true,
                Verdict.INCONCLUSIVE,
                20_300,
                Instant.parse("2026-11-21T10:42:09Z"),
                List.of(),
                List.of("the collector was cut off after 20 s: probes did not finish"),
                Optional.empty(),
                List.of());
        String blocks = RENDERER.render("report", views.report(r, ID, "UALICE"));
        assertGolden("report-inconclusive.json", blocks);
        assertTrue(blocks.contains("⚪") && blocks.contains("Not enough evidence"), blocks);
    }

    @Test
    void theGroupSummaryIsTheReviewedMessage() throws Exception {
        Finding pool = finding("php-fpm-pool-exhausted", List.of("x"), List.of());
        List<Report> reports = new ArrayList<>();
        reports.add(new Report(
                "web-00",
                "l",
                true,
                Verdict.HEALTHY,
                1,
                Instant.EPOCH,
                List.of(),
                List.of(),
                Optional.empty(),
                List.of()));
        reports.add(new Report(
                "web-01",
                "l",
                true,
                Verdict.BAD_GATEWAY,
                1,
                Instant.EPOCH,
                List.of(pool),
                List.of(),
                Optional.empty(),
                List.of()));
        reports.add(new Report(
                "web-02",
                "l",
                true,
                Verdict.BAD_GATEWAY,
                1,
                Instant.EPOCH,
                List.of(pool),
                List.of(),
                Optional.empty(),
                List.of()));
        reports.add(unreachable(
                "web-03", "refused", "connection refused", "SSH to 10.0.0.13:22 refused", "is sshd running?"));
        reports.add(new Report(
                "web-04",
                "l",
                true,
                Verdict.INCONCLUSIVE,
                1,
                Instant.EPOCH,
                List.of(),
                List.of(),
                Optional.empty(),
                List.of()));
        assertGolden("group-web.json", RENDERER.render("group", views.group("web", reports, "UALICE")));
    }

    @Test
    void theApprovalMessageIsTheReviewedMessage() throws Exception {
        dev.fiveohtwo.remediation.RestartRequest r = new dev.fiveohtwo.remediation.RestartRequest(
                "r-0123456789abcdef",
                "web-01",
                "php8.2-fpm",
                "upstream-down",
                "sudo -n systemctl restart php8.2-fpm",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "CINCIDENT",
                "1795265000.000100",
                null,
                "UALICE",
                null,
                "requested",
                Instant.parse("2026-11-21T10:42:09Z"),
                Instant.parse("2026-11-21T10:42:09Z"),
                Instant.parse("2026-11-21T10:57:09Z"),
                null,
                null,
                null);
        String waiting = RENDERER.render(
                "approval",
                views.approval(r, "⏳ Restart *php8.2-fpm* on *web-01* requested by <@UALICE>", "<@UBOB>", true));
        assertGolden("approval-waiting.json", waiting);
        assertGolden(
                "approval-closed.json",
                RENDERER.render(
                        "approval",
                        views.approval(r, "🚫 Restart of *php8.2-fpm* on *web-01* denied by <@UBOB>", "", false)));
    }

    @Test
    void aLongRestartCommandLosesItsMiddleKeepingTheHostTheServiceAndBothEnds() throws Exception {
        String command = "sudo -n /usr/local/sbin/drain-and-restart --begin "
                + "--step=wait-for-connections-to-drain ".repeat(16) + "--unit php8.2-fpm.service --end";
        assertTrue(command.length() >= 600, () -> "only " + command.length());
        dev.fiveohtwo.remediation.RestartRequest r = new dev.fiveohtwo.remediation.RestartRequest(
                "r-0123456789abcdef",
                "web-01.shop-eu",
                "php8.2-fpm",
                "upstream-down",
                command,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "CINCIDENT",
                "1795265000.000100",
                null,
                "UALICE",
                null,
                "requested",
                Instant.parse("2026-11-21T10:42:09Z"),
                Instant.parse("2026-11-21T10:42:09Z"),
                Instant.parse("2026-11-21T10:57:09Z"),
                null,
                null,
                null);

        Views.Approval approval = views.approval(r, "⏳ Restart requested", "<@UBOB>", true);
        BlockKitLimits.check(RENDERER.render("approval", approval));
        Views.Confirm confirm = approval.buttons().get(0).confirm();

        assertTrue(
                confirm.title().contains("php8.2-fpm") && confirm.title().contains("web-01.shop-eu"), confirm.title());
        String text = confirm.text();
        assertTrue(text.length() <= 300, () -> text.length() + ": " + text);
        assertTrue(text.contains("`sudo -n /usr/local/sbin/drain-and-restart --begin "), text);
        assertTrue(text.contains("--unit php8.2-fpm.service --end`"), text);
        assertTrue(text.endsWith(" on web-01.shop-eu now."), text);
        assertTrue(text.contains("…"), text);
        assertEquals(2, text.chars().filter(c -> c == '`').count(), text);
    }

    @Test
    void aConfirmTitleKeepsTheHostAndBothEndsOfALongServiceName() {
        String service = "php8.2-fpm-" + "x".repeat(40) + "-pool-checkout";
        String host = "web-" + "9".repeat(55) + ".eu";

        String title = SlackViews.confirmTitle(service, host);

        assertTrue(title.length() <= 100, () -> title.length() + ": " + title);
        assertTrue(
                title.startsWith("Restart php8.2-fpm-")
                        && title.contains("…")
                        && title.endsWith("checkout on " + host + "?"),
                title);
        assertEquals("Restart nginx on web-01?", SlackViews.confirmTitle("nginx", "web-01"));
    }

    @Test
    void theServerListMarksAServerThatCannotBeCheckedWithoutShowingTheKeyPath() {
        dev.fiveohtwo.inventory.Inventory inv = new dev.fiveohtwo.inventory.InventoryLoader()
                .parse(
                        "inv.yml",
                        "servers:\n  web-01: { transport: local }\n  web-02: { host: 127.0.0.1, identity: /nonexistent/id_web02 }\n");

        String blocks = RENDERER.render("list", views.servers(inv, ""));

        BlockKitLimits.check(blocks);
        assertTrue(
                blocks.contains("*web-02* — ")
                        && blocks.contains(" · ⚠️ cannot be checked: its identity does not exist"),
                blocks);
        assertFalse(blocks.contains("id_web02"), blocks);
        assertFalse(blocks.contains("*web-01* — local · ⚠️"), blocks);
    }

    @Test
    void aCommandThatFitsIsShownWhole() {
        assertEquals(
                "Runs `sudo systemctl restart nginx` on web-01 now.",
                SlackViews.withCommand("Runs ", "sudo systemctl restart nginx", " on web-01 now.", 300));
    }

    @Test
    void aCommandIsCutByItsEscapedLength() {
        String text = SlackViews.withCommand("Runs ", "a&b ".repeat(200) + "x<y", " on web-01 now.", 300);

        assertTrue(SlackText.escapedLength(text) <= 300, () -> SlackText.escapedLength(text) + ": " + text);
        assertTrue(text.startsWith("Runs `a&b a&b") && text.endsWith("x<y` on web-01 now."), text);
    }

    @Test
    void theCheckingMessageIsTheReviewedMessage() throws Exception {
        assertGolden("checking.json", RENDERER.render("checking", views.checking("web-01", "UALICE", "")));
        assertGolden(
                "checking-progress.json",
                RENDERER.render(
                        "checking",
                        views.checking("web-01", "UALICE", "_14 s: services ✓ nginx config ✓ upstream probes…_")));
    }

    @Test
    void aFixGuideIsTheReviewedMessage() throws Exception {
        dev.fiveohtwo.knowledge.Article a = new dev.fiveohtwo.knowledge.Article(
                "demo-cause",
                true,
                "A demo cause",
                Optional.empty(),
                "nginx answers 502 because <the demo> says so",
                List.of(),
                List.of(),
                List.of(),
                false,
                List.of(),
                "## How to fix\n\n1. Run `systemctl status demo`.\n2. Read the *log*:\n\n```\njournalctl -u demo\n```\n",
                "test");
        List<Views.Guide> messages = views.guide(a);
        assertEquals(1, messages.size());
        assertGolden("guide-demo.json", RENDERER.render("guide", messages.get(0)));
    }

    @Test
    void noMessageEverHasAnEmptyTextWhateverTheReportHolds() {
        for (Verdict v : Verdict.values()) {
            for (boolean reachable : new boolean[] {true, false}) {
                for (List<Finding> findings : List.of(
                        List.<Finding>of(),
                        List.of(new Finding(
                                "x", "", Severity.LOW, 0, List.of(), List.of("", " "), true, List.of(), List.of())))) {
                    Report r = new Report(
                            "web-01",
                            "l",
                            reachable,
                            v,
                            0,
                            Instant.EPOCH,
                            findings,
                            List.of("", " "),
                            Optional.empty(),
                            List.of());
                    BlockKitLimits.check(RENDERER.render("report", views.report(r, ID, null)));
                    BlockKitLimits.check(RENDERER.render(
                            "report", views.report(r, ID, "UALICE", java.util.Map.of(), " ", List.of())));
                    BlockKitLimits.check(RENDERER.render("group", views.group("web", List.of(r, r), null)));
                }
            }
        }
        BlockKitLimits.check(RENDERER.render("group", views.group("web", List.of(), null)));
        BlockKitLimits.check(RENDERER.render("checking", views.checking("", null, null)));
        dev.fiveohtwo.knowledge.Article empty = new dev.fiveohtwo.knowledge.Article(
                "e", true, "E", Optional.empty(), "s", List.of(), List.of(), List.of(), false, List.of(), "", "test");
        views.guide(empty).forEach(g -> BlockKitLimits.check(RENDERER.render("guide", g)));
        BlockKitLimits.check(RENDERER.render("guide", new Views.Guide("📄 Raw output of web-01", List.of())));
    }

    @Test
    void hugeAndHostileEvidenceKeepsEveryLimitAndStaysLiteral() {
        Random random = new Random(502);
        String hostile =
                "<!channel> <@U123> <https://evil.example|click> *bold* _it_ ~s~ ``` \" \\ \n\t\u0000 &amp; 🔥";
        for (int round = 0; round < 8; round++) {
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < 5 + random.nextInt(20); i++) {
                List<String> evidence = new ArrayList<>();
                for (int j = 0; j < 1 + random.nextInt(10); j++) {
                    evidence.add((hostile + "x".repeat(random.nextInt(3))).repeat(1 + random.nextInt(1500)));
                }
                findings.add(new Finding(
                        "upstream-down",
                        hostile.repeat(50),
                        Severity.HIGH,
                        random.nextDouble(),
                        List.of(hostile.repeat(100)),
                        evidence,
                        random.nextBoolean(),
                        List.of(),
                        List.of()));
            }
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < random.nextInt(30); i++) {
                notes.add(hostile.repeat(random.nextInt(200)) + "n");
            }
            String blocks = RENDERER.render("report", views.report(report(findings, notes), ID, "UALICE"));
            JsonNode parsed = BlockKitLimits.check(blocks);
            String all = parsed.toString();
            assertFalse(all.contains("<!channel>"), "a server line became a mention");
            assertFalse(all.contains("<https://evil"), "a server line became a link");
        }
    }

    @Test
    void everyFixGuideFitsSlackMessages() {
        kb.articles()
                .forEach(a -> views.guide(a).forEach(g -> {
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
            reports.add(new Report(
                    name,
                    "l",
                    true,
                    Verdict.BAD_GATEWAY,
                    1,
                    Instant.EPOCH,
                    List.of(pool),
                    List.of(),
                    Optional.empty(),
                    List.of()));
        }
        reports.add(
                0,
                new Report(
                        "web-00",
                        "l",
                        true,
                        Verdict.HEALTHY,
                        1,
                        Instant.EPOCH,
                        List.of(),
                        List.of(),
                        Optional.empty(),
                        List.of()));
        String blocks = RENDERER.render("group", views.group("web", reports, "UALICE"));
        BlockKitLimits.check(blocks);
        assertTrue(blocks.indexOf("web-01") < blocks.indexOf("web-00"), blocks);
        assertTrue(blocks.contains("3 of 4 servers"), blocks);
    }
}
