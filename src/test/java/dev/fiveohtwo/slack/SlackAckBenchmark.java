package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a test: prints the ack latency of 50 concurrent signed commands on a warm server (for
 * {@code check}, the checks started by earlier acks compete for the CPU) and asserts only that all were acked.
 * Its name keeps it out of {@code mvn verify}; run it alone: {@code mvn -o test -Dtest=SlackAckBenchmark}.
 */
class SlackAckBenchmark {
    static final String SECRET = "bench-signing-secret";
    static final String CHANNEL = "CBENCH";

    @RegisterExtension
    static final FakeSlack slack = FakeSlack.start();

    @TempDir
    Path dir;

    @Test
    void acksFiftyConcurrentCommands() throws Exception {
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
                        "  web-01: { groups: [web] }",
                        ""));
        EmbeddedServer server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "datasources.default.url",
                        "jdbc:h2:mem:slack-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "fiveohtwo.slack.bot-token",
                        "xoxb-test-token",
                        "fiveohtwo.slack.signing-secret",
                        SECRET,
                        "fiveohtwo.slack.api-url",
                        slack.apiUrl(),
                        "fiveohtwo.inventory",
                        inventory.toString()),
                "bot");
        try {
            SignedRequests requests = new SignedRequests(server.getURI(), SECRET);
            for (int i = 0; i < 20; i++) {
                assertEquals(200, requests.post(command("help")).statusCode());
            }
            for (String text : List.of("help", "servers", "check web-01")) {
                long[] nanos = concurrently(requests, 50, text);
                System.out.printf(
                        Locale.ROOT,
                        "ack latency, 50 concurrent '/502 %s': p50 %.1f ms, p99 %.1f ms%n",
                        text,
                        nanos[25] / 1e6,
                        nanos[49] / 1e6);
            }
        } finally {
            server.stop();
        }
    }

    private static String command(String text) {
        return SignedRequests.command(
                text,
                "UALICE",
                CHANNEL,
                slack.responseUrl(CHANNEL + "-" + UUID.randomUUID()),
                UUID.randomUUID().toString());
    }

    private static long[] concurrently(SignedRequests requests, int n, String text) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String body = command(text);
                futures.add(pool.submit(() -> {
                    go.await();
                    long t = System.nanoTime();
                    int code = requests.post(body).statusCode();
                    return new long[] {System.nanoTime() - t, code};
                }));
            }
            go.countDown();
            long[] nanos = new long[n];
            for (int i = 0; i < n; i++) {
                long[] r = futures.get(i).get();
                assertEquals(200, r[1]);
                nanos[i] = r[0];
            }
            Arrays.sort(nanos);
            return nanos;
        } finally {
            pool.shutdownNow();
        }
    }
}
