package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar ({@code fiveohtwo serve}, HTTP mode) with a small heap that exits on OutOfMemoryError, flooded
 * with unsigned bodies of nearly 10 MiB (declared and chunked) and of nearly the 1 MiB cap, all at once. Every one
 * is refused, the process is still there afterwards, and a signed command is answered.
 */
@Timeout(300)
class SlackFloodIT {
    static final int EACH = 60;
    static final int BIG = 10 * 1024 * 1024 - 4096;

    /** {@code payload=aaaa…}, {@code length} bytes, made as it is read. */
    static final class Filler extends InputStream {
        private long left;

        Filler(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'a' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'a');
            left -= n;
            return n;
        }
    }

    @TempDir
    Path dir;

    @Test
    void survivesAFloodOfUnsignedBodiesWithASmallHeap() throws Exception {
        Path inventory = java.nio.file.Files.writeString(
                dir.resolve("inventory.yml"), "servers:\n  web-01: { transport: local }\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (FakeSlack slack = new FakeSlack()) {
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx384m",
                            "-XX:+ExitOnOutOfMemoryError",
                            "-jar",
                            "target/fiveohtwo.jar",
                            "serve")
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/slack-flood-serve.log"));
            pb.environment().put("SLACK_BOT_TOKEN", "xoxb-flood");
            pb.environment().put("SLACK_SIGNING_SECRET", "flood-secret");
            pb.environment().put("SLACK_API_URL", slack.apiUrl());
            pb.environment().put("FIVEOHTWO_INVENTORY", inventory.toString());
            pb.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
            pb.environment().put("MICRONAUT_SERVER_HOST", "127.0.0.1");
            pb.environment().remove("SLACK_APP_TOKEN");
            pb.environment()
                    .put(
                            "DATASOURCES_DEFAULT_URL",
                            "jdbc:h2:mem:flood;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            Process bot = pb.start();
            try {
                URI base = URI.create("http://127.0.0.1:" + port);
                SignedRequests requests = new SignedRequests(base, "flood-secret");
                assertEquals(
                        200, help(requests, slack, 150), "the bot never answered; see target/slack-flood-serve.log");

                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(30))
                        .build();
                byte[] big = ("payload=" + "a".repeat(BIG - 8)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] nearCap = ("payload=" + "a".repeat(SlackController.MAX_BODY - 1024))
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                List<HttpRequest.BodyPublisher> bodies = new ArrayList<>();
                for (int i = 0; i < EACH; i++) {
                    bodies.add(HttpRequest.BodyPublishers.ofByteArray(big));
                    bodies.add(HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(BIG)));
                    bodies.add(HttpRequest.BodyPublishers.ofByteArray(nearCap));
                }
                ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
                try {
                    List<Future<String>> answers = new ArrayList<>();
                    for (HttpRequest.BodyPublisher body : bodies) {
                        answers.add(pool.submit(() -> {
                            try {
                                return String.valueOf(http.send(
                                                HttpRequest.newBuilder(base.resolve("/slack/events"))
                                                        .timeout(Duration.ofSeconds(120))
                                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                                        .POST(body)
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode());
                            } catch (IOException cut) {
                                // the server answered 413 and closed while the body was still being sent
                                return "cut";
                            }
                        }));
                    }
                    for (Future<String> a : answers) {
                        String answer = a.get();
                        assertTrue(Set.of("401", "413", "503", "cut").contains(answer), answer);
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertTrue(bot.isAlive(), "the bot died; see target/slack-flood-serve.log");
                assertEquals(200, help(requests, slack, 1));
            } finally {
                bot.destroy();
                bot.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A signed {@code /502 help}, tried up to {@code attempts} times while the server starts. */
    private static int help(SignedRequests requests, FakeSlack slack, int attempts) throws Exception {
        int code = 0;
        for (int i = 0; i < attempts && code != 200; i++) {
            try {
                code = requests.post(SignedRequests.command(
                                "help",
                                "UALICE",
                                "CFLOOD",
                                slack.responseUrl("flood"),
                                UUID.randomUUID().toString()))
                        .statusCode();
            } catch (IOException notYetListening) {
                Thread.sleep(200);
            }
        }
        return code;
    }
}
