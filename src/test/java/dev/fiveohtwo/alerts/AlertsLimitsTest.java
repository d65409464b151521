package dev.fiveohtwo.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.audit.Audit;
import dev.fiveohtwo.audit.AuditEntry;
import dev.fiveohtwo.slack.SlackRecorder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The hooks switched off without a token, and a flood held to the queue then answered 503 with Retry-After. */
@Timeout(180)
class AlertsLimitsTest {
    @RegisterExtension
    static final SlackRecorder slack = SlackRecorder.start();

    @TempDir
    Path dir;

    private EmbeddedServer bot(Path inventory, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(Map.of(
                "micronaut.server.port",
                -1,
                "micronaut.server.host",
                "127.0.0.1",
                "datasources.default.url",
                "jdbc:h2:mem:alerts-limits-" + System.nanoTime()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "fiveohtwo.slack.bot-token",
                "xoxb-test-token",
                "fiveohtwo.slack.signing-secret",
                "test-signing-secret",
                "fiveohtwo.slack.api-url",
                slack.apiUrl(),
                "fiveohtwo.inventory",
                inventory.toString()));
        props.putAll(extra);
        return ApplicationContext.run(EmbeddedServer.class, props, "bot");
    }

    @Test
    void withoutATokenTheHooksAnswer404() throws Exception {
        Path inventory = Files.writeString(dir.resolve("inventory.yml"), "servers:\n  web-01: { transport: local }\n");
        try (EmbeddedServer server = bot(inventory, Map.of())) {
            Hooks hooks = new Hooks(server.getURI(), "anything");
            assertEquals(
                    404,
                    hooks.alertmanager(Hooks.fixture("alertmanager-firing.json", Map.of()))
                            .statusCode());
            assertEquals(
                    404,
                    hooks.post("/hooks/check", "{\"target\":\"web-01\",\"channel\":\"CX1\"}", null)
                            .statusCode());
        }
    }

    @Test
    void aFloodBeyondTheQueueIsAnswered503WithRetryAfter() throws Exception {
        // a front that answers only when the test lets it: the one worker stays busy however fast the machine is
        CountDownLatch release = new CountDownLatch(1);
        com.sun.net.httpserver.HttpServer front = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        front.createContext("/", x -> {
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(502, -1);
            x.close();
        });
        front.start();
        Path inventory = Files.writeString(
                dir.resolve("inventory.yml"),
                "servers:\n  web-01: { transport: local, front-url: \"http://127.0.0.1:"
                        + front.getAddress().getPort() + "/\" }\n");
        try (EmbeddedServer server = bot(
                inventory,
                Map.of(
                        "fiveohtwo.alerts.token",
                        "t0ken",
                        "fiveohtwo.alerts.channel",
                        "CFLOOD",
                        "fiveohtwo.alerts.workers",
                        1,
                        "fiveohtwo.alerts.queue",
                        1))) {
            Hooks hooks = new Hooks(server.getURI(), "t0ken");
            String check = "{\"target\":\"web-01\",\"reason\":\"flood ";
            assertEquals(
                    202, hooks.post("/hooks/check", check + "1\"}", "t0ken").statusCode());
            // the worker has taken the first once its "checking" message is up; the second then waits in the queue
            slack.await(
                    m -> m.method().equals("chat.postMessage") && m.channel().equals("CFLOOD"), Duration.ofSeconds(60));
            assertEquals(
                    202, hooks.post("/hooks/check", check + "2\"}", "t0ken").statusCode());
            HttpResponse<String> refused = hooks.post("/hooks/check", check + "3\"}", "t0ken");
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("30", refused.headers().firstValue("Retry-After").orElse(""));
            HttpResponse<String> alsoRefused = hooks.alertmanager(Hooks.fixture("alertmanager-firing.json", Map.of()));
            assertEquals(503, alsoRefused.statusCode());
            List<AuditEntry> audited =
                    server.getApplicationContext().getBean(Audit.class).list(Optional.empty(), Instant.EPOCH, 100);
            assertEquals(
                    2,
                    audited.stream()
                            .filter(e -> e.outcome().equals("refused: busy"))
                            .count(),
                    audited.toString());
            assertTrue(
                    audited.stream()
                            .anyMatch(e ->
                                    "web-01".equals(e.server()) && e.outcome().equals("check requested")),
                    audited.toString());
        } finally {
            release.countDown();
            front.stop(0);
        }
    }
}
