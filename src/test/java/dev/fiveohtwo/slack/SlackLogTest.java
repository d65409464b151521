package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Text typed in Slack reaches the log as one line: newlines and escapes in it cannot forge another entry. */
@Timeout(120)
class SlackLogTest {
    static final String FORGED = "\r\n12:00:00.000 ERROR d.f.slack.SlackBot - forged\u001b[2J";

    @TempDir
    Path dir;

    FakeSlack slack;
    EmbeddedServer server;
    SignedRequests requests;
    final ListAppender<ILoggingEvent> events = new ListAppender<>();
    final Logger log = (Logger) LoggerFactory.getLogger(SlackBot.class);

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        Path inventory = Files.writeString(dir.resolve("inventory.yml"), "servers:\n  web-01: { transport: local }\n");
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "datasources.default.url",
                        "jdbc:h2:mem:slack-log-" + UUID.randomUUID()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "fiveohtwo.slack.bot-token",
                        "xoxb-test-token",
                        "fiveohtwo.slack.signing-secret",
                        "log-secret",
                        "fiveohtwo.slack.api-url",
                        slack.apiUrl(),
                        "fiveohtwo.inventory",
                        inventory.toString()),
                "bot");
        requests = new SignedRequests(server.getURI(), "log-secret");
        events.start();
        log.addAppender(events);
        log.setLevel(ch.qos.logback.classic.Level.INFO);
    }

    @AfterEach
    void stop() {
        log.detachAppender(events);
        server.stop();
        slack.close();
    }

    /** The events of the bot's logger whose message contains {@code marker}: each one must be a single line. */
    private List<String> logged(String marker) {
        List<String> lines = events.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(marker))
                .toList();
        for (String line : lines) {
            assertFalse(
                    line.contains("\n") || line.contains("\r") || line.contains("\u001b"),
                    () -> "raw control in: " + line.replace('\u001b', '?'));
        }
        return lines;
    }

    @Test
    void commandTextWithANewlineIsLoggedAsOneEscapedLine() throws Exception {
        String marker = "help-" + UUID.randomUUID();
        String body = SignedRequests.command(
                marker + FORGED,
                "UALICE\nINFO x",
                "CINC",
                slack.responseUrl(UUID.randomUUID().toString()),
                UUID.randomUUID().toString());

        assertEquals(200, requests.post(body).statusCode());

        List<String> lines = logged(marker);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(
                lines.get(0).contains(marker + "\\r\\n12:00:00.000 ERROR d.f.slack.SlackBot - forged\\u001b[2J"),
                lines.get(0));
        assertTrue(lines.get(0).contains("by UALICE\\nINFO x in CINC"), lines.get(0));
    }

    @Test
    void buttonActionIdIsLoggedWithItsEscapesShown() throws Exception {
        // restart: takes any id after the prefix on one line, so an escape sequence is the worst it can carry
        String marker = "restart:" + UUID.randomUUID();

        assertEquals(
                200,
                requests.post(SlackEndpointTest.clickIn(
                                "CINC", marker + "\u001b]0;pwned\u0007\u001b[2J", "UALICE", "1795265000.000100", slack))
                        .statusCode());

        List<String> lines = logged(marker);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains(marker + "\\u001b]0;pwned\\u0007\\u001b[2J by UALICE"), lines.get(0));
    }
}
