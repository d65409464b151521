package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.audit.AuditEntry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot with its check queue full: one worker held by a check of a host that accepts TCP and never speaks SSH,
 * then a burst of commands. Every command is answered and audited; clicks do not wait behind the checks.
 */
@Timeout(240)
class CommandBurstTest {
    static final String SECRET = "burst-test-secret";
    static final int BURST = 200;
    static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path dir;

    static FakeSlack slack;
    static EmbeddedServer server;
    static SignedRequests requests;
    static ServerSocket silent;
    static final List<Socket> held = new CopyOnWriteArrayList<>();
    static final CountDownLatch connected = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlack();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                    connected.countDown();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Path inventory = Files.writeString(
                dir.resolve("inventory.yml"),
                String.join(
                        "\n",
                        "defaults: { known-hosts: " + knownHosts + " }",
                        "servers:",
                        "  hang-01: { host: 127.0.0.1, port: " + silent.getLocalPort()
                                + ", connect-timeout: 200s, command-timeout: 200s }",
                        "  dead-01: { host: 127.0.0.1, port: " + closed + ", connect-timeout: 5s }",
                        ""));
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "datasources.default.url",
                        "jdbc:h2:mem:burst;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "fiveohtwo.slack.bot-token",
                        "xoxb-test-token",
                        "fiveohtwo.slack.signing-secret",
                        SECRET,
                        "fiveohtwo.slack.api-url",
                        slack.apiUrl(),
                        "fiveohtwo.inventory",
                        inventory.toString(),
                        "fiveohtwo.slack.workers",
                        1),
                "bot");
        requests = new SignedRequests(server.getURI(), SECRET);
    }

    @AfterAll
    static void stop() throws IOException {
        release();
        server.getApplicationContext().close();
        silent.close();
        slack.close();
    }

    /** Lets the held check fail, so the queued ones run. */
    static void release() throws IOException {
        for (Socket s : held) {
            s.close();
        }
    }

    private static String command(String text, String channel) {
        return SignedRequests.command(
                text,
                "UALICE",
                channel,
                slack.responseUrl(UUID.randomUUID().toString()),
                UUID.randomUUID().toString());
    }

    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** A signed post that waits as long as a busy machine needs: the test is about answers, not their speed. */
    private static HttpResponse<String> patiently(String body) throws Exception {
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        return HTTP.send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/slack/events"))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", ts)
                        .header(
                                "X-Slack-Signature",
                                new com.slack.api.app_backend.SlackSignature.Generator(SECRET).generate(ts, body))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<AuditEntry> commands(String channel, Instant since) {
        return server.getApplicationContext().getBean(Audit.class).list(Optional.empty(), since, 100_000).stream()
                .filter(e -> e.action().equals("command") && channel.equals(e.channel()))
                .toList();
    }

    @Test
    void withTheCheckQueueFullEveryCommandIsAnsweredAndAuditedAndClicksStillWork() throws Exception {
        Instant since = Instant.now().minus(Duration.ofMinutes(1));
        assertEquals(200, requests.post(command("check hang-01", "CHANG")).statusCode());
        assertTrue(connected.await(60, TimeUnit.SECONDS), "the held check never connected");

        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        int busy = 0;
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                String body = command("check dead-01", "CBURST");
                answers.add(pool.submit(() -> {
                    go.await();
                    return patiently(body);
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> a : answers) {
                HttpResponse<String> r = a.get();
                assertEquals(200, r.statusCode(), r.body());
                if (r.body().contains("try again in a minute")) {
                    assertTrue(r.body().contains("\"response_type\":\"ephemeral\""), r.body());
                    busy++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(busy > 0, "the queue never filled: nothing was refused");

        // clicks have their own pool: a fix guide opens while every check slot is taken
        assertEquals(
                200,
                requests.post(SlackEndpointTest.clickIn(
                                "CBURST", "guide:upstream-down", "UBOB", "1795265000.000900", slack))
                        .statusCode());
        slack.await(
                c -> c.method().equals("chat.postMessage")
                        && c.param("thread_ts").equals("1795265000.000900"),
                WAIT);
        // and a re-check that finds no room says so
        String kept = server.getApplicationContext()
                .getBean(dev.fiveohtwo.reports.ReportStore.class)
                .save(
                        new dev.fiveohtwo.triage.Report(
                                "dead-01",
                                "fiveohtwo@127.0.0.1",
                                false,
                                dev.fiveohtwo.knowledge.Verdict.UNREACHABLE,
                                1,
                                Instant.now(),
                                List.of(),
                                List.of(),
                                Optional.empty(),
                                List.of()),
                        "UALICE")
                .id();
        String recheck = SlackEndpointTest.clickIn("CBURST", "recheck:" + kept, "UBOB", "1795265000.000901", slack);
        assertEquals(200, requests.post(recheck).statusCode());
        slack.await(c -> c.method().equals("response_url") && c.body().contains("try again in a minute"), WAIT);

        // audit writes queue apart from the checks: poll until all are in, then check nothing more arrives
        List<AuditEntry> audited = commands("CBURST", since);
        long end = System.nanoTime() + WAIT.toNanos();
        while (audited.size() < BURST && System.nanoTime() < end) {
            Thread.sleep(100);
            audited = commands("CBURST", since);
        }
        release();
        assertEquals(BURST, audited.size());
        assertEquals(
                busy,
                audited.stream().filter(e -> e.outcome().equals("refused-busy")).count());
        assertEquals(
                BURST - busy,
                audited.stream().filter(e -> e.outcome().equals("ok")).count());
    }
}
