package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot end to end over real HTTP: signed requests to {@code /slack/events} on a running server, a fake Slack
 * Web API on loopback recording what the bot sends, and real checks of this machine (local transport).
 */
@Timeout(120)
class SlackEndpointTest {
    static final String SECRET = "test-signing-secret";
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    @RegisterExtension
    static final FakeSlack slack = FakeSlack.start();

    static EmbeddedServer server;
    static SignedRequests requests;
    static com.sun.net.httpserver.HttpServer slowFront;

    @BeforeAll
    static void start() throws Exception {
        slowFront = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        slowFront.createContext("/", x -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        slowFront.start();
        Path nginxConf = Files.writeString(dir.resolve("nginx.conf"), "events {}\nhttp {}\n");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path inventory = Files.writeString(
                dir.resolve("inventory.yml"),
                String.join(
                        "\n",
                        "defaults:",
                        "  transport: local",
                        "  front-url: http://127.0.0.1:" + closed + "/",
                        "  services:",
                        "    nginx: { kind: nginx, unit: nginx, config: " + nginxConf + " }",
                        "servers:",
                        "  web-01: { groups: [web, mixed] }",
                        "  down-01: { transport: ssh, host: 127.0.0.1, port: " + closed + ", known-hosts: "
                                + Files.writeString(dir.resolve("known_hosts"), "")
                                + ", connect-timeout: 2s, groups: [mixed] }",
                        "  web-02: { groups: [web] }",
                        "  slow-01: { front-url: \"http://127.0.0.1:"
                                + slowFront.getAddress().getPort() + "/\" }",
                        "  app-01:",
                        "    services:",
                        "      app: { kind: app, unit: app, process: no-such-process-xyz, restart: \"echo ran >> "
                                + dir.resolve("restarts.txt") + "\" }",
                        ""));
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "datasources.default.url",
                        "jdbc:h2:mem:slack-endpoint;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "fiveohtwo.slack.bot-token",
                        "xoxb-test-token",
                        "fiveohtwo.slack.signing-secret",
                        SECRET,
                        "fiveohtwo.slack.api-url",
                        slack.apiUrl(),
                        "fiveohtwo.inventory",
                        inventory.toString(),
                        "fiveohtwo.remediation.approvers",
                        "UALICE,UBOB"),
                "bot");
        requests = new SignedRequests(server.getURI(), SECRET);
    }

    @AfterAll
    static void stop() {
        server.stop();
        slowFront.stop(0);
    }

    /** This test's own channel: what other tests' late posts do cannot reach its assertions. */
    String channel;

    @BeforeEach
    void ownChannel(TestInfo test) {
        channel = "C" + Integer.toHexString(test.getDisplayName().hashCode()).toUpperCase(java.util.Locale.ROOT);
    }

    /** Whether {@code c} went to a response_url of this test's commands and clicks. */
    private boolean answeredHere(FakeSlack.Call c) {
        return c.method().equals("response_url") && c.param("path").startsWith("/respond/" + channel + "-");
    }

    private String command(String text) {
        return command(text, channel);
    }

    /** Whether {@code c} is a {@code method} call for this test's channel. */
    private boolean mine(FakeSlack.Call c, String method) {
        return c.method().equals(method) && c.param("channel").equals(channel);
    }

    private static String command(String text, String channel) {
        return SignedRequests.command(
                text,
                "UALICE",
                channel,
                slack.responseUrl(channel + "-" + UUID.randomUUID()),
                UUID.randomUUID().toString());
    }

    @Test
    void rejectsABadSignatureWith401AndDoesNothing() throws Exception {
        HttpResponse<String> r = requests.post(
                command("check web-01", "CFORGED"), System.currentTimeMillis() / 1000, "wrong-secret", Map.of());
        assertEquals(401, r.statusCode());
        assertEquals(
                401, requests.postUnsigned(command("check web-01", "CFORGED")).statusCode());
        Thread.sleep(500);
        assertTrue(
                slack.calls("chat.postMessage").stream()
                        .noneMatch(c -> c.param("channel").equals("CFORGED")),
                "a forged request started work");
    }

    @Test
    void rejectsATimestampOlderThanFiveMinutesWith401() throws Exception {
        HttpResponse<String> r =
                requests.post(command("check web-01"), System.currentTimeMillis() / 1000 - 301, SECRET, Map.of());
        assertEquals(401, r.statusCode());
    }

    @Test
    void checkAcksAtOnceThenPostsCheckingThenReplacesItWithFindings() throws Exception {
        HttpResponse<String> ack = requests.post(command("check web-01"));
        long ackedAt = System.nanoTime();
        assertEquals(200, ack.statusCode());
        FakeSlack.Call checking =
                slack.await(c -> mine(c, "chat.postMessage") && c.param("text").startsWith("Checking web-01"), WAIT);
        JsonNode checkingBlocks = BlockKitLimits.check(checking.param("blocks"));
        assertTrue(
                checkingBlocks.get(0).get("text").get("text").getStringValue().contains("<@UALICE>"));
        FakeSlack.Call update =
                slack.await(c -> mine(c, "chat.update") && c.param("text").contains("web-01:"), WAIT);
        assertTrue(update.atNanos() > ackedAt, "the findings arrived before the ack");
        JsonNode blocks = BlockKitLimits.check(update.param("blocks"));
        assertEquals("header", blocks.get(0).get("type").getStringValue());
        assertTrue(blocks.get(0).get("text").get("text").getStringValue().contains("web-01"));
        assertTrue(reportId(update).matches("[A-Za-z0-9_-]{22}"), update.param("blocks"));
    }

    /** The kept report's id that the Re-check button of a findings message carries. */
    static String reportId(FakeSlack.Call findings) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"action_id\":\"recheck:([^\"]+)\"")
                .matcher(findings.param("blocks"));
        assertTrue(m.find(), findings.param("blocks"));
        return m.group(1);
    }

    @Test
    void unknownServerGetsAnEphemeralAnswerWithTheClosestNames() throws Exception {
        HttpResponse<String> r = requests.post(command("check web-1"));
        assertEquals(200, r.statusCode());
        JsonNode body = BlockKitLimits.checkPayload(r.body());
        assertEquals("ephemeral", body.get("response_type").getStringValue());
        assertTrue(body.get("text").getStringValue().contains("web-01"), r.body());
        Thread.sleep(300);
        assertTrue(slack.calls("chat.postMessage").stream()
                .noneMatch(c -> c.param("channel").equals(channel)));
    }

    @Test
    void hostileServerNamesNeverRunAndAreShownEscaped() throws Exception {
        Path canary = dir.resolve("canary");
        HttpResponse<String> r = requests.post(command("check $(touch${IFS}" + canary + ")<!channel>"));
        assertEquals(200, r.statusCode());
        BlockKitLimits.checkPayload(r.body());
        assertTrue(r.body().contains("&lt;!channel&gt;") && !r.body().contains("<!channel>"), r.body());
        Thread.sleep(300);
        assertFalse(Files.exists(canary));
        assertTrue(slack.calls("chat.postMessage").stream()
                .noneMatch(c -> c.param("channel").equals(channel)));
    }

    @Test
    void aRetriedCommandNeverStartsASecondCheck() throws Exception {
        String body = command("check web-02");
        assertEquals(200, requests.post(body).statusCode());
        assertEquals(
                200,
                requests.post(
                                body,
                                System.currentTimeMillis() / 1000,
                                SECRET,
                                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"))
                        .statusCode());
        assertEquals(200, requests.post(body).statusCode());
        slack.await(c -> mine(c, "chat.update") && c.param("text").contains("web-02:"), WAIT);
        Thread.sleep(500);
        assertEquals(
                1,
                slack.calls("chat.postMessage").stream()
                        .filter(c ->
                                mine(c, "chat.postMessage") && c.param("text").startsWith("Checking web-02"))
                        .count());
    }

    @Test
    void helpAndUnknownSubcommandsAnswerEphemerally() throws Exception {
        for (String text : new String[] {"", "help", "frobnicate now"}) {
            HttpResponse<String> r = requests.post(command(text));
            assertEquals(200, r.statusCode());
            BlockKitLimits.checkPayload(r.body());
            assertTrue(r.body().contains("/502 check"), r.body());
            assertTrue(r.body().contains("\"response_type\":\"ephemeral\""), r.body());
        }
    }

    @Test
    void serversAndGuidesListWithinLimits() throws Exception {
        HttpResponse<String> servers = requests.post(command("servers"));
        assertTrue(servers.body().contains("web-01") && servers.body().contains("web-02"), servers.body());
        BlockKitLimits.checkPayload(servers.body());
        HttpResponse<String> guides = requests.post(command("guides php-fpm"));
        BlockKitLimits.checkPayload(guides.body());
        assertTrue(guides.body().contains("guide:php-fpm-pool-exhausted"), guides.body());
    }

    @Test
    void fixGuideButtonOpensTheGuideInTheMessageThread() throws Exception {
        String payload =
                "{\"type\":\"block_actions\",\"team\":{\"id\":\"T1\"},\"user\":{\"id\":\"UBOB\"},\"api_app_id\":\"A1\","
                        + "\"token\":\"x\",\"trigger_id\":\"" + UUID.randomUUID() + "\",\"channel\":{\"id\":\""
                        + channel + "\"},"
                        + "\"container\":{\"type\":\"message\",\"message_ts\":\"1795265000.000042\",\"channel_id\":\""
                        + channel + "\",\"is_ephemeral\":false},"
                        + "\"message\":{\"ts\":\"1795265000.000042\",\"text\":\"x\"},\"response_url\":\""
                        + slack.responseUrl("a") + "\","
                        + "\"actions\":[{\"type\":\"button\",\"action_id\":\"guide:upstream-down\",\"block_id\":\"b\",\"value\":\"upstream-down\",\"action_ts\":\"1795265001.1\"}]}";
        assertEquals(200, requests.post(SignedRequests.action(payload)).statusCode());
        FakeSlack.Call guide = slack.await(
                c -> mine(c, "chat.postMessage") && c.param("thread_ts").equals("1795265000.000042"), WAIT);
        JsonNode blocks = BlockKitLimits.check(guide.param("blocks"));
        assertTrue(blocks.get(0).get("text").get("text").getStringValue().contains("The upstream service is down"));
        assertTrue(guide.param("blocks").contains("How to fix"), guide.param("blocks"));
    }

    @Test
    void groupCheckSummarisesEveryServerWorstFirst() throws Exception {
        assertEquals(200, requests.post(command("check web")).statusCode());
        FakeSlack.Call summary =
                slack.await(c -> mine(c, "chat.update") && c.param("text").startsWith("web: 2 servers"), WAIT);
        String blocks = summary.param("blocks");
        BlockKitLimits.check(blocks);
        assertTrue(blocks.contains("web-01") && blocks.contains("web-02"), blocks);
    }

    @Test
    void healthAnswersUp() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/health"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("UP"), r.body());
    }

    private String click(String actionId, String user, String messageTs) {
        return clickIn(channel, actionId, user, messageTs, slack);
    }

    /** A signed-ready block_actions body: {@code user} clicked {@code actionId} on message {@code messageTs}. */
    static String clickIn(String channel, String actionId, String user, String messageTs, FakeSlack slack) {
        String payload = "{\"type\":\"block_actions\",\"team\":{\"id\":\"T1\"},\"user\":{\"id\":\"" + user
                + "\"},\"api_app_id\":\"A1\","
                + "\"token\":\"x\",\"trigger_id\":\"" + UUID.randomUUID() + "\",\"channel\":{\"id\":\"" + channel
                + "\"},"
                + "\"container\":{\"type\":\"message\",\"message_ts\":\"" + messageTs + "\",\"channel_id\":\"" + channel
                + "\",\"is_ephemeral\":false},"
                + "\"message\":{\"ts\":\"" + messageTs + "\",\"text\":\"x\"},\"response_url\":\""
                + slack.responseUrl(channel + "-" + user + UUID.randomUUID()) + "\","
                + "\"actions\":[{\"type\":\"button\",\"action_id\":\"" + SlackRenderer.json(actionId)
                + "\",\"block_id\":\"b\",\"value\":\"v\",\"action_ts\":\""
                + System.nanoTime() + "\"}]}";
        return SignedRequests.action(payload);
    }

    @Test
    void restartNeedsASecondPersonThenRunsOnceAndReportsInTheThread() throws Exception {
        Path restarts = dir.resolve("restarts.txt");
        Files.writeString(restarts, "");
        dev.fiveohtwo.inventory.Server app = server.getApplicationContext()
                .getBean(dev.fiveohtwo.inventory.Inventory.class)
                .servers()
                .get("app-01");
        dev.fiveohtwo.knowledge.Finding down = new dev.fiveohtwo.knowledge.Finding(
                "upstream-down",
                "The upstream service is down",
                dev.fiveohtwo.knowledge.Severity.CRITICAL,
                0.9,
                java.util.List.of("x"),
                java.util.List.of("app: inactive"),
                true,
                java.util.List.of(new dev.fiveohtwo.knowledge.Finding.RestartOption(
                        "app", "app", "app", app.services().get("app").restart().get())),
                java.util.List.of());
        String id = server.getApplicationContext()
                .getBean(dev.fiveohtwo.remediation.Remediation.class)
                .offer(app, down, channel, "1795265000.000500")
                .get("app");

        assertEquals(
                200,
                requests.post(click("restart:" + id, "UALICE", "1795265000.000500"))
                        .statusCode());
        FakeSlack.Call approval =
                slack.await(c -> mine(c, "chat.postMessage") && c.param("text").contains("needs approval"), WAIT);
        assertEquals("1795265000.000500", approval.param("thread_ts"));
        BlockKitLimits.check(approval.param("blocks"));
        assertTrue(
                approval.param("blocks").contains("approve:" + id)
                        && approval.param("blocks").contains("echo ran"),
                approval.param("blocks"));

        assertEquals(
                200,
                requests.post(click("approve:" + id, "UALICE", "1795265000.000500"))
                        .statusCode());
        FakeSlack.Call selfApproval =
                slack.await(c -> answeredHere(c) && c.body().contains("someone else"), WAIT);
        assertTrue(selfApproval.body().contains("\"response_type\":\"ephemeral\""), selfApproval.body());
        assertEquals("", Files.readString(restarts));

        assertEquals(
                200,
                requests.post(click("approve:" + id, "UBOB", "1795265000.000500"))
                        .statusCode());
        FakeSlack.Call done = slack.await(
                c -> mine(c, "chat.postMessage") && c.param("text").startsWith("restart of app on app-01: succeeded"),
                WAIT);
        assertTrue(
                done.param("blocks").contains("exit 0") && done.param("blocks").contains("<@UBOB>"),
                done.param("blocks"));
        assertEquals("ran\n", Files.readString(restarts));

        assertEquals(
                200,
                requests.post(click("approve:" + id, "UBOB", "1795265000.000500"))
                        .statusCode());
        slack.await(c -> answeredHere(c) && c.body().contains("already"), WAIT);
        assertEquals("ran\n", Files.readString(restarts));
    }

    @Test
    void aButtonValueThatLooksLikeACommandRunsNothing() throws Exception {
        Path canary = dir.resolve("forged");
        assertEquals(
                200,
                requests.post(click("restart:$(touch " + canary + ")", "UBOB", "1795265000.000600"))
                        .statusCode());
        assertEquals(
                200,
                requests.post(click("approve:sudo reboot", "UBOB", "1795265000.000600"))
                        .statusCode());
        slack.await(c -> answeredHere(c) && c.body().contains("not one of ours"), WAIT);
        assertFalse(Files.exists(canary));
    }

    @Test
    void historyListsTheLastEventsEphemerally() throws Exception {
        requests.post(command("servers"));
        // commands are audited after the ack: give the write a moment
        HttpResponse<String> r = requests.post(command("history"));
        for (int i = 0; i < 50 && !r.body().contains("/502 servers"); i++) {
            Thread.sleep(100);
            r = requests.post(command("history"));
        }
        assertTrue(
                r.body().contains("\"response_type\":\"ephemeral\"") && r.body().contains("/502 servers"), r.body());
        BlockKitLimits.checkPayload(r.body());
    }

    @Test
    void metricsCountChecksVerdictsAndAckLatency() throws Exception {
        assertEquals(200, requests.post(command("check web-02")).statusCode());
        slack.await(c -> mine(c, "chat.update") && c.param("text").contains("web-02:"), WAIT);
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/prometheus"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("fiveohtwo_checks_total{server=\"web-02\""), r.body());
        assertTrue(
                r.body()
                        .lines()
                        .anyMatch(l -> l.startsWith("fiveohtwo_check_duration_seconds_count") && !l.endsWith(" 0.0")),
                "no check duration sample");
        assertTrue(
                r.body()
                        .lines()
                        .anyMatch(l -> l.startsWith("fiveohtwo_slack_ack_seconds_count") && !l.endsWith(" 0.0")),
                "no ack sample");
    }

    @Test
    void readinessNamesTheInventoryAndKnowledge() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/health/readiness"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"servers\":5") && r.body().contains("articles"), r.body());
    }

    @Test
    void aSlowCheckKeepsTheMessageUpdatedWithTheSectionsDone() throws Exception {
        assertEquals(200, requests.post(command("check slow-01")).statusCode());
        FakeSlack.Call progress = slack.await(
                c -> mine(c, "chat.update")
                        && c.param("text").startsWith("Checking slow-01")
                        && c.param("blocks").contains("upstream probes"),
                WAIT);
        assertTrue(progress.param("blocks").contains("services ✓ nginx config"), progress.param("blocks"));
        BlockKitLimits.check(progress.param("blocks"));
        FakeSlack.Call done =
                slack.await(c -> mine(c, "chat.update") && c.param("text").contains("slow-01:"), WAIT);
        assertTrue(done.atNanos() > progress.atNanos());
    }

    @Test
    void anUnreachableServerIsReportedWithWhatFailed() throws Exception {
        assertEquals(200, requests.post(command("check down-01")).statusCode());
        FakeSlack.Call update =
                slack.await(c -> mine(c, "chat.update") && c.param("text").contains("down-01:"), WAIT);
        JsonNode blocks = BlockKitLimits.check(update.param("blocks"));
        assertTrue(blocks.get(1).get("text").get("text").getStringValue().contains("refused"), update.param("blocks"));
    }

    @Test
    void aGroupCheckPostsTheReportOfItsUnreachableServerInTheThread() throws Exception {
        assertEquals(200, requests.post(command("check mixed")).statusCode());
        FakeSlack.Call summary =
                slack.await(c -> mine(c, "chat.update") && c.param("text").startsWith("mixed: 2 servers"), WAIT);
        FakeSlack.Call report = slack.await(
                c -> mine(c, "chat.postMessage")
                        && c.param("thread_ts").equals(summary.param("ts"))
                        && c.param("text").contains("down-01: unreachable"),
                WAIT);
        assertTrue(report.param("blocks").contains("refused"), report.param("blocks"));
    }

    @Test
    void theFindingsStillArriveWhenSlackRateLimitsTheUpdate() throws Exception {
        slack.rateLimit("chat.update", channel, 1);
        assertEquals(200, requests.post(command("check web-02")).statusCode());
        slack.await(c -> mine(c, "chat.update") && c.param("text").contains("web-02:"), WAIT);
        assertTrue(
                slack.received("chat.update", channel) >= 2,
                "the 429 was never answered: " + slack.received("chat.update", channel));
    }

    @Test
    void findingsSlackKeepsRefusingAreCountedAndToldThroughTheResponseUrl() throws Exception {
        slack.rateLimit("chat.update", channel, 1000);
        assertEquals(200, requests.post(command("check web-01")).statusCode());
        FakeSlack.Call told = slack.await(
                c -> answeredHere(c) && c.body().contains("I could not post the findings for web-01"), WAIT);
        assertTrue(told.body().contains("ratelimited"), told.body());
        assertTrue(told.body().contains("\"response_type\":\"ephemeral\""), told.body());
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/prometheus"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(
                r.body()
                        .lines()
                        .anyMatch(l -> l.startsWith("fiveohtwo_slack_delivery_failures_total{method=\"chat.update\"")
                                && !l.endsWith(" 0.0")),
                r.body());
    }

    @Test
    void rawOutputOfThatCheckIsSharedAsOneFileInTheThread() throws Exception {
        assertEquals(200, requests.post(command("check web-02")).statusCode());
        FakeSlack.Call update =
                slack.await(c -> mine(c, "chat.update") && c.param("text").contains("web-02:"), WAIT);
        assertEquals(
                200,
                requests.post(click("raw:" + reportId(update), "UBOB", update.param("ts")))
                        .statusCode());
        FakeSlack.Call file = slack.await(
                c -> c.method().equals("files.completeUploadExternal")
                        && c.param("channel_id").equals(channel),
                WAIT);
        assertEquals(update.param("ts"), file.param("thread_ts"));
        assertTrue(file.param("initial_comment").contains("Raw output of *web-02*"), file.param("initial_comment"));
        assertTrue(file.param("content").contains("### saved services"), file.param("content"));
        Thread.sleep(300);
        assertTrue(slack.calls("chat.postMessage").stream()
                .noneMatch(c -> mine(c, "chat.postMessage") && c.param("text").contains("raw output")));
    }

    @Test
    void aButtonOfACheckNoLongerKeptIsAnsweredAndRunsNothing() throws Exception {
        assertEquals(
                200,
                requests.post(click("recheck:0123456789abcdef0123456789abcdef", "UBOB", "1795265000.000700"))
                        .statusCode());
        slack.await(c -> answeredHere(c) && c.body().contains("no longer kept"), WAIT);
        assertEquals(
                200,
                requests.post(click("raw:web-01", "UBOB", "1795265000.000700")).statusCode());
        for (int i = 0;
                i < 100
                        && slack.calls("response_url").stream()
                                        .filter(c -> answeredHere(c) && c.body().contains("no longer kept"))
                                        .count()
                                < 2;
                i++) {
            Thread.sleep(100);
        }
        assertEquals(
                2,
                slack.calls("response_url").stream()
                        .filter(c -> answeredHere(c) && c.body().contains("no longer kept"))
                        .count());
        assertTrue(slack.calls("chat.postMessage").stream().noneMatch(c -> mine(c, "chat.postMessage")));
    }

    @Test
    void reCheckChecksTheServerOfThatReportAndHistoryListsBoth() throws Exception {
        assertEquals(200, requests.post(command("check web-02")).statusCode());
        FakeSlack.Call first =
                slack.await(c -> mine(c, "chat.update") && c.param("text").contains("web-02:"), WAIT);
        assertEquals(
                200,
                requests.post(click("recheck:" + reportId(first), "UBOB", first.param("ts")))
                        .statusCode());
        FakeSlack.Call again = slack.await(
                c -> mine(c, "chat.update")
                        && c.param("text").contains("web-02")
                        && !c.param("ts").equals(first.param("ts"))
                        && !c.param("text").startsWith("Checking")
                        && c.atNanos() > first.atNanos(),
                WAIT);
        assertEquals(
                first.param("ts"),
                slack.calls("chat.postMessage").stream()
                        .filter(c -> mine(c, "chat.postMessage")
                                && c.param("text").startsWith("Checking web-02")
                                && c.atNanos() > first.atNanos())
                        .findFirst()
                        .orElseThrow()
                        .param("thread_ts"));
        assertTrue(!reportId(again).equals(reportId(first)), "a re-check is a check of its own");
        HttpResponse<String> history = requests.post(command("history web-02"));
        BlockKitLimits.checkPayload(history.body());
        assertTrue(
                history.body().contains("History of web-02")
                        && history.body().contains("<@UBOB>")
                        && history.body().contains("<@UALICE>"),
                history.body());
    }
}
