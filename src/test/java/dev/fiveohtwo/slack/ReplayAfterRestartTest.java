package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A signed command replayed after the bot restarts, on the same database file, starts no second check. */
@Timeout(180)
class ReplayAfterRestartTest {
    static final String SECRET = "replay-test-secret";
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private EmbeddedServer start(FakeSlack slack, String db, Path inventory) {
        return ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "datasources.default.url",
                        db,
                        "fiveohtwo.slack.bot-token",
                        "xoxb-test-token",
                        "fiveohtwo.slack.signing-secret",
                        SECRET,
                        "fiveohtwo.slack.api-url",
                        slack.apiUrl(),
                        "fiveohtwo.inventory",
                        inventory.toString(),
                        // one worker: checks start in the order their commands were acked
                        "fiveohtwo.slack.workers",
                        1),
                "bot");
    }

    private static long checking(FakeSlack slack, String target) {
        return slack.calls("chat.postMessage").stream()
                .filter(c ->
                        c.param("channel").equals("CREPLAY") && c.param("text").startsWith("Checking " + target))
                .count();
    }

    @Test
    void aCommandReplayedAfterARestartRunsNoSecondCheck() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Path inventory = Files.writeString(
                dir.resolve("inventory.yml"),
                String.join(
                        "\n",
                        "defaults: { port: " + closed + ", known-hosts: " + knownHosts + ", connect-timeout: 5s }",
                        "servers:",
                        "  db-01: { host: 127.0.0.1 }",
                        "  db-02: { host: 127.0.0.1 }",
                        ""));
        String db = "jdbc:h2:file:" + dir.resolve("bot")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String body = SignedRequests.command(
                "check db-01",
                "UALICE",
                "CREPLAY",
                "http://127.0.0.1:9/unused",
                UUID.randomUUID().toString());
        long ts = System.currentTimeMillis() / 1000;
        try (FakeSlack slack = new FakeSlack()) {
            EmbeddedServer first = start(slack, db, inventory);
            try {
                assertEquals(
                        200,
                        new SignedRequests(first.getURI(), SECRET)
                                .post(body, ts, SECRET, Map.of())
                                .statusCode());
                slack.await(
                        c -> c.param("channel").equals("CREPLAY")
                                && c.param("text").startsWith("Checking db-01"),
                        WAIT);
            } finally {
                first.getApplicationContext().close();
            }
            EmbeddedServer second = start(slack, db, inventory);
            try {
                SignedRequests requests = new SignedRequests(second.getURI(), SECRET);
                // the very same bytes, timestamp and signature: a replay still inside the five-minute window
                assertEquals(200, requests.post(body, ts, SECRET, Map.of()).statusCode());
                assertEquals(
                        200,
                        requests.post(SignedRequests.command(
                                        "check db-02",
                                        "UALICE",
                                        "CREPLAY",
                                        "http://127.0.0.1:9/unused",
                                        UUID.randomUUID().toString()))
                                .statusCode());
                // checks run in ack order on the one worker: once db-02's has started, a replayed db-01 would have too
                slack.await(
                        c -> c.param("channel").equals("CREPLAY")
                                && c.param("text").startsWith("Checking db-02"),
                        WAIT);
                assertEquals(1, checking(slack, "db-01"));
            } finally {
                second.getApplicationContext().close();
            }
        }
    }
}
