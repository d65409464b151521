package dev.fiveohtwo.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.slack.SlackRecorder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert hooks over real HTTP on loopback: webhook payloads in, real checks of this machine (local transport),
 * the messages recorded by the validating fake Slack. Each test alerts into its own channel with its own
 * fingerprints, so the incidents and messages of one test never meet another's.
 */
@Timeout(180)
class AlertsEndpointTest {
    static final String TOKEN = "alert-token-7f3a";
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    @RegisterExtension
    static final SlackRecorder slack = SlackRecorder.start();

    static EmbeddedServer server;
    static Hooks hooks;
    static String front;

    @BeforeAll
    static void start() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        front = "http://127.0.0.1:" + closed + "/shop";
        StringBuilder farm = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            farm.append("  farm-0").append(i).append(": { groups: [farm] }\n");
        }
        Path inventory = Files.writeString(
                dir.resolve("inventory.yml"),
                "defaults:\n  transport: local\n  front-url: http://127.0.0.1:" + closed + "/\n"
                        + "servers:\n"
                        + "  shop-01: { front-url: \"" + front + "\", groups: [shop] }\n"
                        + "  shop-02: { host: shop-02.internal, groups: [shop] }\n"
                        + "  billing-01: { alert-labels: { service: billing, env: prod } }\n"
                        + farm);
        Map<String, Object> props = new java.util.HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "micronaut.server.host", "127.0.0.1",
                "datasources.default.url",
                        "jdbc:h2:mem:alerts-endpoint;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "fiveohtwo.slack.bot-token", "xoxb-test-token",
                "fiveohtwo.slack.signing-secret", "test-signing-secret",
                "fiveohtwo.slack.api-url", slack.apiUrl(),
                "fiveohtwo.inventory", inventory.toString()));
        props.putAll(Map.of(
                "fiveohtwo.alerts.token",
                TOKEN,
                "fiveohtwo.alerts.channel",
                "CDEFAULT",
                // every repeat is old enough to re-check, so the test sees the update a repeat causes
                "fiveohtwo.alerts.recheck-after",
                "1ms",
                "fiveohtwo.alerts.storm-servers",
                "3"));
        server = ApplicationContext.run(EmbeddedServer.class, props, "bot");
        hooks = new Hooks(server.getURI(), TOKEN);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    String channel;

    @BeforeEach
    void ownChannel(TestInfo test) {
        channel = "C" + Integer.toHexString(test.getDisplayName().hashCode()).toUpperCase(Locale.ROOT);
    }

    static String fingerprint() {
        return HexFormat.of()
                .formatHex(java.nio.ByteBuffer.allocate(8)
                        .putLong(ThreadLocalRandom.current().nextLong())
                        .array());
    }

    /** The Alertmanager fixture for this test's channel, with its own fingerprint and {@code instance}. */
    String firing(String fingerprint, String instance) {
        return withChannel(Hooks.fixture(
                "alertmanager-firing.json",
                Map.of("6a2c1e7f0b9d4e21", fingerprint, "http://127.0.0.1:18080/shop", instance)));
    }

    String resolved(String fingerprint, String instance) {
        return withChannel(Hooks.fixture(
                "alertmanager-resolved.json",
                Map.of("6a2c1e7f0b9d4e21", fingerprint, "http://127.0.0.1:18080/shop", instance)));
    }

    private String withChannel(String payload) {
        return payload.replace(
                "\"severity\": \"page\"", "\"severity\": \"page\", \"fiveohtwo_channel\": \"" + channel + "\"");
    }

    SlackRecorder.Message findings(String server) throws InterruptedException {
        return slack.await(
                m -> m.method().equals("chat.update")
                        && m.channel().equals(channel)
                        && m.text().contains(server + ":"),
                WAIT);
    }

    @Test
    void aWrongOrMissingTokenIsRefusedWith401AndRunsNothing() throws Exception {
        String body = firing(fingerprint(), front);
        assertEquals(401, hooks.post("/hooks/alertmanager", body, "wrong-token").statusCode());
        assertEquals(401, hooks.post("/hooks/alertmanager", body, null).statusCode());
        assertEquals(401, hooks.post("/hooks/alertmanager", body, TOKEN + "x").statusCode());
        assertEquals(
                401,
                hooks.post("/hooks/check", "{\"target\":\"shop-01\",\"channel\":\"" + channel + "\"}", "nope")
                        .statusCode());
        // a later notification in the same channel proves the refused ones were not merely slow
        assertEquals(
                202,
                hooks.post("/hooks/check", "{\"target\":\"shop-02\",\"channel\":\"" + channel + "\"}", TOKEN)
                        .statusCode());
        findings("shop-02");
        assertEquals(1, slack.messages("chat.postMessage", channel).size(), "only the authorised request posted");
    }

    @Test
    void malformedJsonOrAPayloadWithoutAlertsIsRefusedWith400() throws Exception {
        assertEquals(
                400,
                hooks.alertmanager("{\"status\": \"firing\", \"alerts\": [").statusCode());
        assertEquals(400, hooks.alertmanager("{\"status\": \"firing\"}").statusCode());
        assertEquals(400, hooks.alertmanager("[1, 2]").statusCode());
        assertEquals(
                400,
                hooks.alertmanager(firing(fingerprint(), front)
                                .replace(
                                        "\"status\": \"firing\",\n      \"labels\"",
                                        "\"status\": \"pending\",\n      \"labels\""))
                        .statusCode());
        assertEquals(
                400,
                hooks.post("/hooks/check", "{\"channel\":\"" + channel + "\"}", TOKEN)
                        .statusCode());
        assertEquals(
                404,
                hooks.post("/hooks/check", "{\"target\":\"no-such-server\",\"channel\":\"" + channel + "\"}", TOKEN)
                        .statusCode());
    }

    @Test
    void aBodyOverTheCapIsRefusedWith413() throws Exception {
        String big = firing(fingerprint(), front)
                .replace("\"description\": \"", "\"description\": \"" + "x".repeat(AlertsController.MAX_BODY));
        HttpResponse<String> r = hooks.alertmanager(big);
        assertEquals(413, r.statusCode(), r.body());
    }

    @Test
    void aFiringAlertPostsOneMessageWithTheFindingsHeadedByTheAlert() throws Exception {
        HttpResponse<String> r = hooks.alertmanager(firing(fingerprint(), front));
        assertEquals(202, r.statusCode(), r.body());
        SlackRecorder.Message m = findings("shop-01");
        SlackRecorder.check(m.blocks());
        assertTrue(
                m.blocks().contains("FrontAnswers502") && m.blocks().contains("The front answers 502 Bad Gateway"),
                m.blocks());
        assertTrue(m.blocks().contains("since 12:00 UTC"), m.blocks());
        assertTrue(
                m.blocks()
                        .contains(
                                "<http://127.0.0.1:19090/graph?g0.expr=probe_http_status_code+%3D%3D+502&amp;g0.tab=1|open in the monitor>"),
                m.blocks());
        // the buttons carry the kept report's opaque id, never the server's name
        assertTrue(
                java.util.regex.Pattern.compile("\"action_id\":\"recheck:[A-Za-z0-9_-]{16,}\"")
                        .matcher(m.blocks())
                        .find(),
                "the findings report with its buttons: " + m.blocks());
        assertFalse(m.blocks().contains("recheck:shop-01"), m.blocks());
        assertEquals(1, slack.messages("chat.postMessage", channel).size());
    }

    @Test
    void repeatsOfOneAlertUpdateItsMessageAndNeverPostASecond() throws Exception {
        String fp = fingerprint();
        assertEquals(202, hooks.alertmanager(firing(fp, front)).statusCode());
        findings("shop-01");
        for (int i = 0; i < 3; i++) {
            assertEquals(202, hooks.alertmanager(firing(fp, front)).statusCode());
        }
        SlackRecorder.Message still = slack.await(
                m -> m.method().equals("chat.update")
                        && m.channel().equals(channel)
                        && m.blocks().contains("still firing · last checked"),
                WAIT);
        SlackRecorder.check(still.blocks());
        // a check request after the repeats, queued behind them: once its findings are in, the repeats are done
        assertEquals(
                202,
                hooks.post("/hooks/check", "{\"target\":\"shop-02\",\"channel\":\"" + channel + "\"}", TOKEN)
                        .statusCode());
        findings("shop-02");
        List<SlackRecorder.Message> posts = slack.messages("chat.postMessage", channel);
        assertEquals(
                2,
                posts.size(),
                "one message for the alert, one for the check request: "
                        + posts.stream().map(SlackRecorder.Message::text).toList());
        assertEquals(
                1,
                posts.stream().filter(p -> p.text().contains("FrontAnswers502")).count());
    }

    @Test
    void aResolvedAlertUpdatesItsMessageAfterOneConfirmingCheck() throws Exception {
        String fp = fingerprint();
        assertEquals(202, hooks.alertmanager(firing(fp, front)).statusCode());
        SlackRecorder.Message first = findings("shop-01");
        assertEquals(202, hooks.alertmanager(resolved(fp, front)).statusCode());
        SlackRecorder.Message done = slack.await(
                m -> m.method().equals("chat.update")
                        && m.channel().equals(channel)
                        && m.blocks().contains("✅ resolved 12:04 UTC, after 4 min"),
                WAIT);
        SlackRecorder.check(done.blocks());
        assertEquals(first.ts(), done.ts(), "the same message, updated");
        assertTrue(done.blocks().contains("shop-01"), "with the confirming check's findings: " + done.blocks());
        assertEquals(1, slack.messages("chat.postMessage", channel).size());
    }

    @Test
    void aStormBecomesOneGroupSummaryWithTheDetailsInItsThread() throws Exception {
        StringBuilder alerts = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            alerts.append(i == 1 ? "" : ",")
                    .append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"NodeDown\",\"instance\":\"farm-0")
                    .append(i)
                    .append("\",\"fiveohtwo_channel\":\"")
                    .append(channel)
                    .append("\"},\"annotations\":{\"summary\":\"down\"},")
                    .append(
                            "\"startsAt\":\"2026-12-01T12:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"\",\"fingerprint\":\"")
                    .append(fingerprint())
                    .append("\"}");
        }
        String body = "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"NodeDown\\\",c=\\\"" + channel
                + "\\\"}\",\"status\":\"firing\","
                + "\"receiver\":\"fiveohtwo\",\"groupLabels\":{\"alertname\":\"NodeDown\"},\"commonLabels\":{\"alertname\":\"NodeDown\",\"fiveohtwo_channel\":\""
                + channel + "\"},\"commonAnnotations\":{},\"externalURL\":\"http://127.0.0.1:19093\",\"alerts\":["
                + alerts + "]}";
        assertEquals(202, hooks.alertmanager(body).statusCode());
        SlackRecorder.Message summary = slack.await(
                m -> m.method().equals("chat.update")
                        && m.channel().equals(channel)
                        && m.text().contains("4 servers checked"),
                WAIT);
        SlackRecorder.check(summary.blocks());
        assertTrue(
                summary.blocks().contains("NodeDown") && summary.blocks().contains("4 alerts on 4 servers"),
                summary.blocks());
        assertTrue(summary.blocks().contains("farm-01") && summary.blocks().contains("farm-04"), summary.blocks());
        assertTrue(
                summary.blocks().contains("4 of 4 servers need attention"), "the group summary: " + summary.blocks());
        slack.await(
                m -> m.method().equals("chat.postMessage")
                        && m.channel().equals(channel)
                        && summary.ts().equals(m.threadTs()),
                WAIT);
        assertEquals(202, hooks.alertmanager(body).statusCode());
        assertEquals(
                202,
                hooks.post("/hooks/check", "{\"target\":\"shop-02\",\"channel\":\"" + channel + "\"}", TOKEN)
                        .statusCode());
        findings("shop-02");
        assertEquals(
                2,
                slack.messages("chat.postMessage", channel).stream()
                        .filter(p -> p.threadTs().isEmpty())
                        .count(),
                "the storm summary once, and the check request");
    }

    @Test
    void anUnmatchedAlertGetsOneMessageNamingItsLabels() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    202,
                    hooks.alertmanager(firing(fingerprint(), "http://10.9.9.9:8080/nowhere")
                                    .replace("\"job\": \"blackbox\"", "\"job\": \"shop-" + i + "\""))
                            .statusCode());
        }
        SlackRecorder.Message m = slack.await(
                x -> x.method().equals("chat.postMessage") && x.channel().equals(channel), WAIT);
        SlackRecorder.check(m.blocks());
        assertTrue(m.blocks().contains("instance=\\\"http://10.9.9.9:8080/nowhere\\\""), m.blocks());
        assertTrue(
                m.blocks().contains("fiveohtwo_server") && m.blocks().contains("alert-labels:"),
                "how to map it: " + m.blocks());
        assertEquals(
                202,
                hooks.post("/hooks/check", "{\"target\":\"shop-02\",\"channel\":\"" + channel + "\"}", TOKEN)
                        .statusCode());
        findings("shop-02");
        assertEquals(
                1,
                slack.messages("chat.postMessage", channel).stream()
                        .filter(p -> p.text().contains("matched no server"))
                        .count());
    }

    @Test
    void aGrafanaNotificationIsCheckedLikeAlertmanagers() throws Exception {
        String body = Hooks.fixture(
                        "grafana-firing.json",
                        Map.of("d1c5b7a0e4f3a2b9", fingerprint(), "http://127.0.0.1:18080/shop", front))
                .replace(
                        "\"grafana_folder\": \"Web\",\n        \"instance\"",
                        "\"grafana_folder\": \"Web\",\n        \"fiveohtwo_channel\": \"" + channel
                                + "\",\n        \"instance\"");
        assertEquals(202, hooks.alertmanager(body).statusCode());
        SlackRecorder.Message m = findings("shop-01");
        assertTrue(m.blocks().contains("Front answers 502") && m.blocks().contains("Checkout answers 502"), m.blocks());
        assertTrue(m.blocks().contains("grafana.example.com/alerting/grafana/fe3v1k2q8sjy8c/view"), m.blocks());
    }

    @Test
    void alertsWithoutAChannelLabelGoToTheConfiguredChannel() throws Exception {
        String fp = fingerprint();
        String body = Hooks.fixture(
                "alertmanager-firing.json", Map.of("6a2c1e7f0b9d4e21", fp, "http://127.0.0.1:18080/shop", "shop-02"));
        assertEquals(202, hooks.alertmanager(body).statusCode());
        SlackRecorder.Message m = slack.await(
                x -> x.method().equals("chat.update")
                        && x.channel().equals("CDEFAULT")
                        && x.text().contains("shop-02:"),
                WAIT);
        assertFalse(m.blocks().isEmpty());
    }

    @Test
    void anAlertsOwnWordsCannotMentionEveryoneOrHideALink() throws Exception {
        String body = firing(fingerprint(), front)
                .replace(
                        "\"summary\": \"The front answers 502 Bad Gateway\"",
                        "\"summary\": \"<!channel> see <https://evil.example/|the runbook> & \\\"quotes\\\"\"")
                .replace(
                        "\"generatorURL\": \"http://127.0.0.1:19090/graph",
                        "\"generatorURL\": \"javascript:alert(1)//");
        assertEquals(202, hooks.alertmanager(body).statusCode());
        SlackRecorder.Message m = findings("shop-01");
        SlackRecorder.check(m.blocks());
        assertTrue(
                m.blocks()
                        .contains(
                                "&lt;!channel&gt; see &lt;https://evil.example/|the runbook&gt; &amp; \\\"quotes\\\""),
                m.blocks());
        assertFalse(m.blocks().contains("<!channel>") || m.blocks().contains("<https://evil"), m.blocks());
        assertFalse(m.blocks().contains("javascript:"), "only an http(s) link is shown: " + m.blocks());
    }
}
