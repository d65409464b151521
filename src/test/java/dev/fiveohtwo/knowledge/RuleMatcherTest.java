package dev.fiveohtwo.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.Sections;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Service;
import dev.fiveohtwo.inventory.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matcher on fixture evidence edited line by line: recency, grouping by {@code explains}, the verdict
 * rules, restart options, evidence caps and supporting rules.
 */
class RuleMatcherTest {
    private static final Duration WINDOW = Duration.ofMinutes(30);
    /** In every fixture, meta says localtime=2026/11/21 12:47:00. */
    private static final String FRESH_DAY = "2026/11/21";

    private static final String STALE_DAY = "2026/11/19";

    static KnowledgeBase kb;
    static EvidenceMatcher matcher;

    @BeforeAll
    static void load() {
        kb = KnowledgeLoader.load(List.of());
        matcher = new RuleMatcher(kb, WINDOW);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static String fixture(String name) {
        return Fixtures.read(Fixtures.DIR.resolve(name + ".txt"));
    }

    private static Evidence evidence(String text) {
        return Evidence.from(Sections.parse(text, Optional.empty(), 65536));
    }

    /** The body of a fixture section (between its header and the next one). */
    private static String section(String text, String name) {
        String header = "### f1xture " + name + "\n";
        int start = text.indexOf(header);
        assertTrue(start >= 0, "fixture has no section " + name);
        int bodyStart = start + header.length();
        int next = text.indexOf("\n### f1xture ", bodyStart);
        return text.substring(bodyStart, next < 0 ? text.length() : next + 1);
    }

    /** The fixture with one section's body replaced; {@code body} ends with a newline or is empty. */
    private static String withSection(String text, String name, String body) {
        String header = "### f1xture " + name + "\n";
        int start = text.indexOf(header);
        assertTrue(start >= 0, "fixture has no section " + name);
        int bodyStart = start + header.length();
        int next = text.indexOf("\n### f1xture ", bodyStart);
        return text.substring(0, bodyStart) + body + (next < 0 ? "" : text.substring(next));
    }

    private static String replaceLine(String text, String oldLine, String newLine) {
        assertTrue(text.contains(oldLine + "\n"), "fixture lacks the line: " + oldLine);
        return text.replace(oldLine + "\n", newLine + "\n");
    }

    private static List<Finding> flatten(List<Finding> findings) {
        List<Finding> all = new ArrayList<>();
        for (Finding f : findings) {
            all.add(f);
            all.addAll(flatten(f.explained()));
        }
        return all;
    }

    private static Optional<Finding> find(Diagnosis d, String id) {
        return flatten(d.findings()).stream().filter(f -> f.id().equals(id)).findFirst();
    }

    private static List<String> rootIds(Diagnosis d) {
        return d.findings().stream().map(Finding::id).toList();
    }

    private static String describe(Diagnosis d) {
        return d.verdict() + " "
                + flatten(d.findings()).stream()
                        .map(f -> f.id() + " " + f.confidence() + (f.fresh() ? "" : " stale"))
                        .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Server server(Map<String, Service> services) {
        return new Server(
                "web-01",
                "127.0.0.1",
                22,
                "fiveohtwo",
                Optional.empty(),
                Path.of("/dev/null"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                Optional.empty(),
                Transport.SSH,
                List.of(),
                Optional.of("http://127.0.0.1/"),
                Map.of(),
                services);
    }

    private static Service service(String name, String kind, String unit, Optional<String> restart) {
        return new Service(name, kind, unit, restart, Optional.empty(), Optional.empty());
    }

    private static final String TIMEOUT_LINE = "2026/11/21 12:46:30 [error] 8498#8498: *2301 upstream timed out "
            + "(110: Connection timed out) while reading response header from upstream, client: 203.0.113.45, server: , "
            + "request: \"GET / HTTP/1.1\", upstream: \"fastcgi://127.0.0.1:9000\", host: \"shop.example\"";

    private static final String PREMATURE_LINE =
            "2026/11/21 12:46:40 [error] 8499#8499: *3850 upstream prematurely closed "
                    + "connection while reading response header from upstream, client: 198.51.100.23, server: , "
                    + "request: \"GET /report HTTP/1.1\", upstream: \"http://127.0.0.1:8000/report\", host: \"shop.example\"";

    /** The upstream-down fixture two days later: every log line re-dated, php-fpm running again. */
    private static String upstreamDownTwoDaysAgo() {
        String text = fixture("upstream-down");
        text = withSection(
                text, "log:nginx-error", section(text, "log:nginx-error").replace(FRESH_DAY, STALE_DAY));
        text = withSection(text, "log:php-fpm", section(text, "log:php-fpm").replace("21-Nov-2026", "19-Nov-2026"));
        // service-down is live state, which is always fresh: the stale story needs php-fpm back up
        text = replaceLine(text, "ActiveState=failed", "ActiveState=active");
        text = replaceLine(text, "SubState=failed", "SubState=running");
        return text;
    }

    /** healthy.txt was recorded just after its services started; these tests need them up for days. */
    private static String upForDays(String text) {
        return text.replace("SinceEpoch=1795265217", "SinceEpoch=1795000000");
    }

    private static String healthyWithFront(String probeResult) {
        return replaceLine(
                fixture("healthy"),
                "probe|http://127.0.0.1/index.php|front|http 200 0.002072|13",
                "probe|http://127.0.0.1/index.php|front|" + probeResult + "|13");
    }

    private static Path article(Path dir, String id, String frontMatterRest) throws IOException {
        String text = "---\n"
                + "id: " + id + "\n"
                + "title: Test article " + id + "\n"
                + "severity: high\n"
                + "summary: A test article.\n"
                + frontMatterRest
                + "---\n"
                + "## What it means\n\nx\n\n## How to confirm\n\nx\n\n## How to fix\n\nx\n\n## How to prevent\n\nx\n";
        Path file = dir.resolve(id + ".md");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    // --- recency ---------------------------------------------------------------------------------

    @Test
    void staleLogLinesRankBelowAFreshTimeoutAndLeaveTheFindingNotFresh() {
        String text = upstreamDownTwoDaysAgo();
        text = withSection(text, "log:nginx-error", section(text, "log:nginx-error") + TIMEOUT_LINE + "\n");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(text));

        Finding timeout = find(d, "upstream-timeout")
                .orElseThrow(() -> new AssertionError("no upstream-timeout: " + describe(d)));
        Finding down =
                find(d, "upstream-down").orElseThrow(() -> new AssertionError("no upstream-down: " + describe(d)));
        assertTrue(timeout.fresh(), describe(d));
        assertFalse(down.fresh(), "two-day-old lines must not make upstream-down fresh: " + describe(d));
        List<String> order = flatten(d.findings()).stream().map(Finding::id).toList();
        assertTrue(order.indexOf("upstream-timeout") < order.indexOf("upstream-down"), describe(d));
        assertTrue(rootIds(d).indexOf("upstream-timeout") >= 0, "the fresh timeout is a root finding: " + describe(d));
    }

    @Test
    void staleLogLineCountsLessThanTheSameLineFresh() {
        Server server = Fixtures.server();
        String stale = upstreamDownTwoDaysAgo();
        String fresh = fixture("upstream-down");
        fresh = replaceLine(fresh, "ActiveState=failed", "ActiveState=active");
        fresh = replaceLine(fresh, "SubState=failed", "SubState=running");

        Finding staleDown =
                find(matcher.diagnose(server, evidence(stale)), "upstream-down").orElseThrow();
        Finding freshDown =
                find(matcher.diagnose(server, evidence(fresh)), "upstream-down").orElseThrow();

        assertTrue(freshDown.fresh());
        assertFalse(staleDown.fresh());
        assertTrue(
                staleDown.confidence() < freshDown.confidence(),
                "stale " + staleDown.confidence() + " vs fresh " + freshDown.confidence());
        assertTrue(
                staleDown.reasons().stream().anyMatch(r -> r.contains("0 recent")),
                staleDown.reasons().toString());
    }

    // --- grouping --------------------------------------------------------------------------------

    @Test
    void oomKillGroupsTheCrashItExplainsUnderItself() {
        Diagnosis d = matcher.diagnose(Fixtures.server(), Fixtures.evidence("oom-killed"));

        Finding oom = d.findings().stream()
                .filter(f -> f.id().equals("oom-killed"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("oom-killed is not a root: " + describe(d)));
        List<String> explained = oom.explained().stream().map(Finding::id).toList();
        assertTrue(
                explained.contains("upstream-crashed-mid-response") || explained.contains("upstream-down"),
                "explained: " + explained);
        for (String child : explained) {
            assertFalse(rootIds(d).contains(child), child + " is both nested and a root: " + describe(d));
        }
        assertEquals("oom-killed", d.findings().get(0).id(), describe(d));
    }

    // --- verdicts --------------------------------------------------------------------------------

    @Test
    void front502WithNothingMatchingIsUnexplainedAndBadGateway() {
        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(healthyWithFront("http 502 0.003")));

        assertEquals(Verdict.BAD_GATEWAY, d.verdict(), describe(d));
        assertFalse(d.findings().isEmpty());
        Finding first = d.findings().get(0);
        assertEquals(Finding.UNEXPLAINED, first.id(), describe(d));
        assertTrue(
                first.evidence().stream().anyMatch(l -> l.contains("502")),
                first.evidence().toString());
    }

    @Test
    void healthyFixtureIsHealthyWithNoFindings() {
        Diagnosis d = matcher.diagnose(Fixtures.server(), Fixtures.evidence("healthy"));

        assertEquals(Verdict.HEALTHY, d.verdict());
        assertEquals(List.of(), rootIds(d));
    }

    @Test
    void frontOkWithAFreshUpstreamErrorIsDegradedNotBadGateway() {
        // RuleMatcher: BAD_GATEWAY needs a front 502, or fresh upstream errors with no front or a failing front;
        // a front that answers below 500 with something fired is DEGRADED.
        String text = healthyWithFront("http 200 0.002");
        text = withSection(text, "log:nginx-error", PREMATURE_LINE + "\n");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(upForDays(text)));

        assertEquals(Verdict.DEGRADED, d.verdict(), describe(d));
        assertEquals("upstream-crashed-mid-response", d.findings().get(0).id(), describe(d));
        assertTrue(d.findings().get(0).fresh());
    }

    @Test
    void noFrontProbeWithAFreshUpstreamErrorIsBadGateway() {
        String text = fixture("healthy");
        text = replaceLine(text, "probe|http://127.0.0.1/index.php|front|http 200 0.002072|13", "");
        text = withSection(text, "log:nginx-error", PREMATURE_LINE + "\n");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(upForDays(text)));

        assertEquals(Verdict.BAD_GATEWAY, d.verdict(), describe(d));
    }

    @Test
    void noFrontProbeWithAFreshApacheProxyErrorIsBadGateway() {
        String text = replaceLine(
                fixture("upstream-down--apache"), "probe|http://127.0.0.1/index.php|front|http 503 0.001120|1", "");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(text));

        assertEquals(Verdict.BAD_GATEWAY, d.verdict(), describe(d));
    }

    @Test
    void noFrontProbeWithOnlyAStaleApacheProxyErrorIsNotBadGateway() {
        String text = replaceLine(
                fixture("upstream-down--apache"), "probe|http://127.0.0.1/index.php|front|http 503 0.001120|1", "");
        text = text.replace("[Sat Nov 21 12:", "[Thu Nov 19 12:");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(text));

        assertFalse(d.verdict() == Verdict.BAD_GATEWAY, describe(d));
    }

    @Test
    void caddyErrorsFromTwoDaysAgoAreStale() {
        String text = fixture("upstream-down--caddy").replace("\"ts\":17952", "\"ts\":17950");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(text));

        assertTrue(
                d.findings().stream()
                        .filter(f -> f.id().equals("upstream-down"))
                        .findFirst()
                        .orElseThrow()
                        .reasons()
                        .stream()
                        .anyMatch(r -> r.startsWith("Caddy was refused") && r.contains("0 recent")),
                describe(d));
    }

    /** Each other front's own line is among the reasons, not only the stopped backend beside it. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "upstream-down--apache, Apache was refused",
        "upstream-down--haproxy, HAProxy was refused",
        "upstream-down--caddy, Caddy was refused",
        "upstream-down--traefik, Traefik was refused",
        "invalid-upstream-response--envoy, Envoy could not parse",
        "no-live-upstreams--haproxy, HAProxy had no server up"
    })
    void theFrontsOwnLogLineIsAReasonOfTheTopFinding(String fixture, String reason) {
        Diagnosis d = matcher.diagnose(Fixtures.server(), Fixtures.evidence(fixture));

        assertTrue(d.findings().get(0).reasons().stream().anyMatch(r -> r.startsWith(reason)), describe(d));
    }

    @Test
    void unexplained502QuotesTheOtherFrontsLastGatewayError() {
        String text = fixture("upstream-down--haproxy");
        text = withSection(
                text,
                "log:haproxy",
                "Nov 21 12:46:30 web-01 haproxy[1879]: 203.0.113.9:50111 [21/Nov/2026:12:46:30.001] "
                        + "fe_http be_app/app1 0/0/0/-1/1 502 209 - - SL-- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\"\n");
        text = replaceLine(
                text,
                "probe|http://127.0.0.1/|front|http 503 0.000918|0",
                "probe|http://127.0.0.1/|front|http 502 0.000918|0");
        text = replaceLine(
                text, "probe|127.0.0.1:8000|haproxy:be_app|refused|", "probe|127.0.0.1:8000|haproxy:be_app|open|");
        text = text.replace(
                "MainPID=0\nResult=exit-code\nNRestarts=0\nActiveState=failed\nSubState=failed",
                "MainPID=4411\nResult=success\nNRestarts=0\nActiveState=active\nSubState=running");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(text));

        assertEquals(Finding.UNEXPLAINED, d.findings().get(0).id(), describe(d));
        assertTrue(
                d.findings().get(0).evidence().stream().anyMatch(l -> l.contains(" 502 209 - - SL-- ")), describe(d));
    }

    @Test
    void failingFrontWithAFreshUpstreamErrorIsBadGateway() {
        String text = healthyWithFront("http 504 60.001");
        text = withSection(text, "log:nginx-error", PREMATURE_LINE + "\n");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(upForDays(text)));

        assertEquals(Verdict.BAD_GATEWAY, d.verdict(), describe(d));
    }

    @Test
    void noFrontWithOnlyAStaleUpstreamErrorIsDegradedNotBadGateway() {
        String text = fixture("healthy");
        text = replaceLine(text, "probe|http://127.0.0.1/index.php|front|http 200 0.002072|13", "");
        text = withSection(text, "log:nginx-error", PREMATURE_LINE.replace(FRESH_DAY, STALE_DAY) + "\n");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(text));

        assertEquals(Verdict.DEGRADED, d.verdict(), describe(d));
        assertFalse(find(d, "upstream-crashed-mid-response").orElseThrow().fresh());
    }

    // --- restart options -------------------------------------------------------------------------

    @Test
    void restartOptionsListOnlyServicesOfTheArticlesKindsThatHaveARestartCommand() {
        Map<String, Service> services = new LinkedHashMap<>();
        services.put("nginx", service("nginx", "nginx", "nginx", Optional.of("sudo systemctl restart nginx")));
        services.put(
                "php-fpm",
                service("php-fpm", "php-fpm", "php8.2-fpm", Optional.of("sudo systemctl restart php8.2-fpm")));
        services.put("app", service("app", "app", "myapp", Optional.empty()));
        services.put("redis", service("redis", "other", "redis", Optional.of("sudo systemctl restart redis")));
        services.put("worker", service("worker", "container", "worker", Optional.of("docker restart worker")));
        Article article = kb.article("upstream-down").orElseThrow();
        assertEquals(List.of("php-fpm", "app", "container"), article.restart(), "the article under test changed");

        Diagnosis d = matcher.diagnose(server(services), Fixtures.evidence("upstream-down"));

        Finding down = find(d, "upstream-down").orElseThrow(() -> new AssertionError(describe(d)));
        // the fixture's evidence names php8.2-fpm as the service that is down: the container is not offered
        assertEquals(
                List.of(new Finding.RestartOption(
                        "php-fpm", "php-fpm", "php8.2-fpm", "sudo systemctl restart php8.2-fpm")),
                down.restart());
    }

    @Test
    void restartOptionsListEveryServiceOfTheArticlesKindsWhenTheEvidenceNamesNone() {
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(
                "php-fpm", service("php-fpm", "php-fpm", "php-fpm", Optional.of("sudo systemctl restart php8.2-fpm")));
        services.put("worker", service("worker", "container", "worker", Optional.of("docker restart worker")));

        // HAProxy's line names no protocol, and here no configured backend says what stands behind it either
        dev.fiveohtwo.checks.Evidence e = Fixtures.evidence("upstream-crashed-mid-response--lab-haproxy");
        dev.fiveohtwo.checks.Evidence unknownBackends = new dev.fiveohtwo.checks.Evidence(
                e.host(),
                e.services(),
                e.nginx(),
                e.probes(),
                e.logs(),
                e.oom(),
                e.resources(),
                e.listeners(),
                List.of(),
                e.selinux(),
                e.raw());
        Diagnosis d = matcher.diagnose(server(services), unknownBackends);

        Finding crash = find(d, "upstream-crashed-mid-response").orElseThrow(() -> new AssertionError(describe(d)));
        assertEquals(
                List.of("php-fpm"),
                crash.restart().stream().map(Finding.RestartOption::service).toList(),
                "the article's kinds are php-fpm and app: a container is never offered");
    }

    @Test
    void aRunningPhpFpmIsNotOfferedForRestartWhenTheEvidenceNamesTheStoppedApp() {
        // Caddy in front of an app that is stopped; php-fpm runs and could be restarted, the app has no restart command
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(
                "php-fpm", service("php-fpm", "php-fpm", "php-fpm", Optional.of("sudo systemctl restart php8.2-fpm")));
        services.put("app", service("app", "app", "app", Optional.empty()));

        Diagnosis d = matcher.diagnose(server(services), Fixtures.evidence("upstream-down--lab-caddy"));

        Finding down = d.findings().get(0);
        assertEquals("upstream-down", down.id(), describe(d));
        assertTrue(down.evidence().contains("app: inactive"), down.evidence().toString());
        assertEquals(List.of(), down.restart());
    }

    @Test
    void aPostThatMeetsAClosedConnectionIsTheKeepaliveRaceOnlyWhereTheGroupKeepsIdleConnections() {
        dev.fiveohtwo.checks.Evidence e = Fixtures.evidence("upstream-keepalive-race--lab-post-closed");
        assertEquals(
                "upstream-keepalive-race",
                matcher.diagnose(server(Map.of()), e).findings().get(0).id());

        dev.fiveohtwo.checks.NginxSetup n = e.nginx();
        dev.fiveohtwo.checks.NginxSetup noKeepalive = new dev.fiveohtwo.checks.NginxSetup(
                n.installed(),
                n.testPassed(),
                n.testErrors(),
                n.passes(),
                n.upstreams(),
                Map.of(),
                n.workerUser(),
                n.workerGroups(),
                n.instance());
        dev.fiveohtwo.checks.Evidence without = new dev.fiveohtwo.checks.Evidence(
                e.host(),
                e.services(),
                noKeepalive,
                e.probes(),
                e.logs(),
                e.oom(),
                e.resources(),
                e.listeners(),
                e.frontTargets(),
                e.selinux(),
                e.raw());
        Diagnosis d = matcher.diagnose(server(Map.of()), without);
        assertEquals(
                "upstream-crashed-mid-response",
                d.findings().get(0).id(),
                "no keepalive: the same line is a crash; " + describe(d));
    }

    @Test
    void anAppThatClosesMidResponseBehindHaproxyOrCaddyIsNotAReasonToRestartPhpFpm() {
        // neither front's line names a protocol: their configured backends (HTTP here) say what stands behind them
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(
                "php-fpm", service("php-fpm", "php-fpm", "php-fpm", Optional.of("sudo systemctl restart php8.2-fpm")));
        services.put("app", service("app", "app", "myapp", Optional.of("sudo systemctl restart myapp")));

        for (String fixture :
                List.of("upstream-crashed-mid-response--lab-haproxy", "upstream-crashed-mid-response--lab-caddy")) {
            Diagnosis d = matcher.diagnose(server(services), Fixtures.evidence(fixture));

            Finding crash = d.findings().get(0);
            assertEquals("upstream-crashed-mid-response", crash.id(), fixture + ": " + describe(d));
            assertEquals(
                    List.of("app"),
                    crash.restart().stream().map(Finding.RestartOption::service).toList(),
                    fixture);
        }
    }

    @Test
    void aFastcgiBackendOfAnotherFrontIsPhpFpmAndALineNamingABackendPicksIt() {
        List<dev.fiveohtwo.checks.FrontTarget> targets = List.of(
                new dev.fiveohtwo.checks.FrontTarget("caddy", "php_fastcgi", "unix//run/php/php8.2-fpm.sock"),
                new dev.fiveohtwo.checks.FrontTarget("caddy", "reverse_proxy", "127.0.0.1:9300"),
                new dev.fiveohtwo.checks.FrontTarget("haproxy", "haproxy:be_app", "127.0.0.1:7"));

        assertEquals(
                Set.of("php-fpm"),
                RuleMatcher.backendKinds(
                        targets, List.of("dialing backend: dial unix /run/php/php8.2-fpm.sock: connect: refused")));
        assertEquals(
                Set.of("app", "container"),
                RuleMatcher.backendKinds(targets, List.of("dial tcp 127.0.0.1:9300: connect: connection refused")));
        assertEquals(
                Set.of("app", "container"),
                RuleMatcher.backendKinds(targets, List.of("fe be_app/web1 0/0/0/-1/6 502 209 - - SH--")));
        assertEquals(
                Set.of("php-fpm", "app", "container"),
                RuleMatcher.backendKinds(targets, List.of("EOF")),
                "no line names one: all of them");
        assertEquals(Set.of(), RuleMatcher.backendKinds(List.of(), List.of("EOF")));
    }

    @Test
    void anAppThatClosesMidResponseBehindNginxIsNotAReasonToRestartPhpFpm() {
        // nginx's line names an http:// upstream: php-fpm is not behind it, though the article's kinds include it
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(
                "php-fpm", service("php-fpm", "php-fpm", "php-fpm", Optional.of("sudo systemctl restart php8.2-fpm")));
        services.put("app", service("app", "app", "myapp", Optional.of("sudo systemctl restart myapp")));

        Diagnosis d =
                matcher.diagnose(server(services), Fixtures.evidence("upstream-crashed-mid-response--lab-nginx-app"));

        Finding crash = d.findings().get(0);
        assertEquals("upstream-crashed-mid-response", crash.id(), describe(d));
        assertEquals(
                List.of("app"),
                crash.restart().stream().map(Finding.RestartOption::service).toList());
    }

    @Test
    void socketDriftNamesBothPathsAndOffersNoRestartEvenThoughTheMissingSocketWouldOfferOne() {
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(
                "php-fpm", service("php-fpm", "php-fpm", "php-fpm", Optional.of("sudo systemctl restart php8.2-fpm")));

        Diagnosis d = matcher.diagnose(server(services), Fixtures.evidence("wrong-upstream-address--lab-socket-drift"));

        Finding top = d.findings().get(0);
        assertEquals("wrong-upstream-address", top.id(), describe(d));
        assertTrue(
                top.evidence().stream()
                        .anyMatch(l -> l.contains("listens on unix:/tmp/fiveohtwo-lab/php/php-fpm.sock")
                                && l.contains("not on unix:/tmp/fiveohtwo-lab/php/php8.1-fpm.sock")),
                top.evidence().toString());
        assertEquals(
                List.of("socket-missing"),
                top.explained().stream().map(Finding::id).toList());
        assertFalse(top.explained().get(0).restart().isEmpty(), "the explained finding alone would offer php-fpm");
        assertEquals(List.of(), top.restart());
    }

    @Test
    void socketDriftNamesTheSocketBesideTheConfiguredOneFirstAmongSeveralPools() {
        String text = fixture("wrong-upstream-address--lab-socket-drift");
        String other = "u_str LISTEN 0      511    /srv/other-site/php/php-fpm.sock 4845358       * 0\n";
        String drift = text.replace("### saved listeners\n", "### saved listeners\n" + other);
        assertTrue(drift.contains(other), "the fixture has no listeners section");

        Finding top =
                matcher.diagnose(Fixtures.server(), evidence(drift)).findings().get(0);

        assertEquals("wrong-upstream-address", top.id());
        assertTrue(
                top.evidence()
                        .contains(
                                "php-fpm listens on unix:/tmp/fiveohtwo-lab/php/php-fpm.sock, unix:/srv/other-site/php/php-fpm.sock,"
                                        + " not on unix:/tmp/fiveohtwo-lab/php/php8.1-fpm.sock"),
                top.evidence().toString());
    }

    @Test
    void aSocketDeletedUnderARunningPhpFpmIsMissingNotMisdirected() {
        // ss still lists the unlinked socket under its old path: that is the same path, not another one
        Diagnosis d = matcher.diagnose(Fixtures.server(), Fixtures.evidence("socket-missing--lab-socket-deleted"));

        assertEquals("socket-missing", d.findings().get(0).id(), describe(d));
        assertTrue(find(d, "wrong-upstream-address").isEmpty(), describe(d));
    }

    @Test
    void noRestartOptionsWhenNoServiceHasARestartCommand() {
        Map<String, Service> services = new LinkedHashMap<>();
        services.put("php-fpm", service("php-fpm", "php-fpm", "php8.2-fpm", Optional.empty()));

        Diagnosis d = matcher.diagnose(server(services), Fixtures.evidence("upstream-down"));

        assertEquals(List.of(), find(d, "upstream-down").orElseThrow().restart());
    }

    // --- evidence caps ---------------------------------------------------------------------------

    @Test
    void evidenceIsCappedAtFiveLinesOfAtMostAboutFourHundredChars() {
        String refused =
                "2026/11/21 12:46:%02d [error] 8498#8498: *%d connect() failed (111: Connection refused) while "
                        + "connecting to upstream, client: 203.0.113.45, server: , request: \"GET /%s HTTP/1.1\", "
                        + "upstream: \"fastcgi://127.0.0.1:9000\", host: \"shop.example\"";
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            log.append(String.format(refused, i, 3000 + i, "p" + i)).append('\n');
        }
        log.append(String.format(refused, 59, 4000, "x".repeat(5000))).append('\n');
        String text = withSection(fixture("upstream-down"), "log:nginx-error", log.toString());

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(text));

        // lines are cut at 4096 characters when read; the matcher's evidence cap is far below that
        assertTrue(
                evidence(text).logs().get("nginx-error").lines().stream()
                        .anyMatch(l -> l.text().length() == 4096),
                "the long line reaches the matcher cut only to the read width");
        List<Finding> all = flatten(d.findings());
        assertFalse(all.isEmpty());
        for (Finding f : all) {
            assertTrue(f.evidence().size() <= 5, f.id() + " has " + f.evidence().size() + " evidence lines");
            for (String line : f.evidence()) {
                assertTrue(line.length() <= 401, f.id() + " evidence line of " + line.length() + " chars");
            }
        }
        Finding down = find(d, "upstream-down").orElseThrow();
        assertEquals(5, down.evidence().size(), down.evidence().toString());
        assertTrue(
                down.evidence().get(0).startsWith("2026/11/21 12:46:59"),
                "freshest first: " + down.evidence().get(0));
        assertTrue(down.evidence().get(0).endsWith("…"), "a cut line is marked as cut");
    }

    // --- supporting rules ------------------------------------------------------------------------

    @Test
    void supportingRuleAloneNeverRaisesAFinding(@TempDir Path dir) throws IOException {
        String rules = "match:\n"
                + "  - log: nginx-error\n"
                + "    pattern: 'zz-this-never-appears-zz'\n"
                + "    weight: 0.9\n"
                + "    says: a line that is not in the log\n"
                + "  - log: php-fpm\n"
                + "    pattern: 'fpm is running'\n"
                + "    weight: 0.9\n"
                + "    says: php-fpm started\n";
        article(
                dir,
                "test-supporting-only",
                rules.replace("    says: php-fpm started\n", "    says: php-fpm started\n    supporting: true\n"));
        article(dir, "test-decisive-control", rules);
        KnowledgeBase withTemp = KnowledgeLoader.load(List.of(dir));

        Diagnosis d = new RuleMatcher(withTemp, WINDOW).diagnose(Fixtures.server(), Fixtures.evidence("healthy"));

        assertTrue(find(d, "test-decisive-control").isPresent(), "the same rule, decisive, fires: " + describe(d));
        assertFalse(find(d, "test-supporting-only").isPresent(), describe(d));
    }

    @Test
    void symptomSignalAloneNeverRaisesAFinding(@TempDir Path dir) throws IOException {
        article(
                dir,
                "test-front-symptom",
                "match:\n"
                        + "  - log: nginx-error\n"
                        + "    pattern: 'zz-this-never-appears-zz'\n"
                        + "    weight: 0.5\n"
                        + "    says: a line that is not in the log\n"
                        + "  - signal: front-status\n"
                        + "    with: { codes: [502] }\n"
                        + "    weight: 0.9\n"
                        + "    says: the front answers 502\n");
        KnowledgeBase withTemp = KnowledgeLoader.load(List.of(dir));

        Diagnosis d = new RuleMatcher(withTemp, WINDOW)
                .diagnose(Fixtures.server(), evidence(healthyWithFront("http 502 0.003")));

        assertFalse(find(d, "test-front-symptom").isPresent(), describe(d));
        assertEquals(Finding.UNEXPLAINED, d.findings().get(0).id(), describe(d));
    }

    @Test
    void errorsFromBeforeTheBackendCameBackAreHistory() {
        // php-fpm started 3 s before the recording; the error is minutes older: the outage it shows is over
        String text = healthyWithFront("http 200 0.002");
        text = withSection(text, "log:nginx-error", PREMATURE_LINE + "\n");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(text));

        assertFalse(find(d, "upstream-crashed-mid-response").orElseThrow().fresh(), describe(d));
    }

    @Test
    void aBackendThatStartedWhileTheScriptRanStillMakesEarlierErrorsHistory() {
        // 'now' (1795265220) is read at the start of the script; the service's start time two seconds later
        String text = healthyWithFront("http 200 0.002").replace("SinceEpoch=1795265217", "SinceEpoch=1795265222");
        text = withSection(text, "log:nginx-error", PREMATURE_LINE + "\n");

        Diagnosis d = matcher.diagnose(Fixtures.server(), evidence(text));

        assertFalse(find(d, "upstream-crashed-mid-response").orElseThrow().fresh(), describe(d));
        assertEquals(Verdict.HEALTHY, d.verdict(), describe(d));
    }
}
