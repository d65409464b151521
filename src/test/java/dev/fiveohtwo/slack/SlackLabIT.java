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
    static final Path LAB = Path.of("/tmp/fiveohtwo-lab");

    @Test
    void slashCommandChecksTheLabHostOverSshAndPostsTheCause() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "the lab tests need root");
        Process lab = new ProcessBuilder("deploy/lab/lab.sh", "scenario", "php-fpm-stopped").inheritIO().start();
        assertEquals(0, lab.waitFor());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (FakeSlack slack = new FakeSlack()) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/fiveohtwo.jar", "serve").redirectErrorStream(true).redirectOutput(new File("target/slack-lab-serve.log"));
            pb.environment().put("SLACK_BOT_TOKEN", "xoxb-lab");
            pb.environment().put("SLACK_SIGNING_SECRET", "lab-secret");
            pb.environment().put("SLACK_API_URL", slack.apiUrl());
            pb.environment().put("FIVEOHTWO_INVENTORY", LAB.resolve("inventory.yml").toString());
            pb.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
            pb.environment().put("MICRONAUT_SERVER_HOST", "127.0.0.1");
            pb.environment().remove("SLACK_APP_TOKEN");
            Process bot = pb.start();
            try {
                SignedRequests requests = new SignedRequests(URI.create("http://127.0.0.1:" + port), "lab-secret");
                int code = 0;
                for (int i = 0; i < 150 && code != 200; i++) {
                    try {
                        code = requests.post(SignedRequests.command("check lab", "UALICE", "CLAB", slack.responseUrl("lab"),
                            UUID.randomUUID().toString())).statusCode();
                    } catch (java.io.IOException notYetListening) {
                        Thread.sleep(200);
                    }
                }
                assertEquals(200, code, "the bot never answered; see target/slack-lab-serve.log");
                FakeSlack.Call update = slack.await(c -> c.method().equals("chat.update") && c.param("text").contains("lab:"), Duration.ofSeconds(90));
                String blocks = update.param("blocks");
                BlockKitLimits.check(blocks);
                assertTrue(update.param("text").contains("bad-gateway") && update.param("text").contains("The upstream service is down"), update.param("text"));
                assertTrue(blocks.contains("No such file or directory"), blocks);
                FakeSlack.Call guide = slack.await(c -> c.method().equals("chat.postMessage") && !c.param("thread_ts").isEmpty(), Duration.ofSeconds(30));
                assertTrue(guide.param("blocks").contains("How to fix"), guide.param("blocks"));
            } finally {
                bot.destroy();
                bot.waitFor(20, TimeUnit.SECONDS);
                new ProcessBuilder("deploy/lab/lab.sh", "down").inheritIO().start().waitFor();
            }
        }
    }
}
