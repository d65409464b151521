package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The built jar as the bot ({@code fiveohtwo serve}, HTTP mode) answering a signed {@code /502 check lab}: a real
 * check over real OpenSSH of the lab host with php-fpm stopped, the findings sent to the fake Slack.
 */
@Timeout(180)
class SlackLabIT {
    static final Path LAB = Path.of(System.getenv().getOrDefault("FIVEOHTWO_LAB_DIR", "/tmp/fiveohtwo-lab"));

    @Test
    void slashCommandChecksTheLabHostOverSshAndPostsTheCause() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "the lab tests need root");
        Process lab = new ProcessBuilder("deploy/lab/lab.sh", "scenario", "php-fpm-stopped")
                .inheritIO()
                .start();
        assertEquals(0, lab.waitFor());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (FakeSlack slack = new FakeSlack()) {
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            "target/fiveohtwo.jar",
                            "serve")
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/slack-lab-serve.log"));
            pb.environment().put("SLACK_BOT_TOKEN", "xoxb-lab");
            pb.environment().put("SLACK_SIGNING_SECRET", "lab-secret");
            pb.environment().put("SLACK_API_URL", slack.apiUrl());
            pb.environment()
                    .put("FIVEOHTWO_INVENTORY", LAB.resolve("inventory.yml").toString());
            pb.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
            pb.environment().put("MICRONAUT_SERVER_HOST", "127.0.0.1");
            pb.environment().remove("SLACK_APP_TOKEN");
            pb.environment().put("FIVEOHTWO_REMEDIATION_APPROVERS", "UALICE,UBOB");
            pb.environment()
                    .put(
                            "DATASOURCES_DEFAULT_URL",
                            "jdbc:h2:mem:lab;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            Process bot = pb.start();
            try {
                SignedRequests requests = new SignedRequests(URI.create("http://127.0.0.1:" + port), "lab-secret");
                int code = 0;
                for (int i = 0; i < 150 && code != 200; i++) {
                    try {
                        code = requests.post(SignedRequests.command(
                                        "check lab",
                                        "UALICE",
                                        "CLAB",
                                        slack.responseUrl("lab"),
                                        UUID.randomUUID().toString()))
                                .statusCode();
                    } catch (java.io.IOException notYetListening) {
                        Thread.sleep(200);
                    }
                }
                assertEquals(200, code, "the bot never answered; see target/slack-lab-serve.log");
                FakeSlack.Call update = slack.await(
                        c -> c.method().equals("chat.update") && c.param("text").contains("lab:"),
                        Duration.ofSeconds(90));
                String blocks = update.param("blocks");
                BlockKitLimits.check(blocks);
                assertTrue(
                        update.param("text").contains("bad-gateway")
                                && update.param("text").contains("The upstream service is down"),
                        update.param("text"));
                assertTrue(blocks.contains("No such file or directory"), blocks);
                FakeSlack.Call guide = slack.await(
                        c -> c.method().equals("chat.postMessage")
                                && !c.param("thread_ts").isEmpty(),
                        Duration.ofSeconds(30));
                assertTrue(guide.param("blocks").contains("How to fix"), guide.param("blocks"));

                // Restart php-fpm from the findings: Alice asks, Bob approves, the bot restarts it and re-checks.
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                                "\"action_id\":\"restart:([A-Za-z0-9_-]+)\"")
                        .matcher(blocks);
                assertTrue(m.find(), "no restart button: " + blocks);
                String id = m.group(1);
                String ts = update.param("ts");
                assertEquals(
                        200,
                        requests.post(SlackEndpointTest.clickIn("CLAB", "restart:" + id, "UALICE", ts, slack))
                                .statusCode());
                slack.await(
                        c -> c.method().equals("chat.postMessage")
                                && c.param("text").contains("needs approval"),
                        Duration.ofSeconds(60));
                assertEquals(
                        200,
                        requests.post(SlackEndpointTest.clickIn("CLAB", "approve:" + id, "UBOB", ts, slack))
                                .statusCode());
                FakeSlack.Call done = slack.await(
                        c -> c.method().equals("chat.postMessage")
                                && c.param("text").startsWith("restart of php-fpm on lab:"),
                        Duration.ofSeconds(90));
                assertTrue(done.param("text").endsWith("succeeded"), done.param("text") + " " + done.param("blocks"));
                assertTrue(
                        done.param("blocks").contains("front 502 → 200")
                                && done.param("blocks").contains("healthy"),
                        done.param("blocks"));
                FakeSlack.Call closed = slack.await(
                        c -> c.method().equals("chat.update")
                                        && c.param("ts").equals(ts)
                                        && c.param("blocks").contains("restarted")
                                || c.method().equals("chat.update")
                                        && c.param("ts").equals(ts)
                                        && c.param("blocks").contains("succeeded"),
                        Duration.ofSeconds(30));
                assertTrue(
                        !closed.param("blocks").contains("restart:"),
                        "a stale restart button is left: " + closed.param("blocks"));
            } finally {
                bot.destroy();
                bot.waitFor(20, TimeUnit.SECONDS);
                new ProcessBuilder("deploy/lab/lab.sh", "down")
                        .inheritIO()
                        .start()
                        .waitFor();
            }
        }
    }
}
