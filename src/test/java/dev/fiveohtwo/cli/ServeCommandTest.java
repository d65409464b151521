package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} when Slack cannot be reached: one line that says so and why, not a token error after a stack trace. */
@Timeout(120)
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSlackApiThatCannotBeReachedIsSaidInOneLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String api = "http://127.0.0.1:" + closed + "/api/";
        Map<String, String> props = Map.of("slack.bot-token", "xoxb-test-token", "slack.signing-secret", "s", "slack.api-url", api,
            "fiveohtwo.inventory", Files.writeString(dir.resolve("inventory.yml"), "servers:\n  box: { transport: local }\n").toString(),
            "datasources.default.url", "jdbc:h2:mem:serve-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        props.forEach(System::setProperty);
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.run("serve");
        } finally {
            System.setErr(oldErr);
            props.keySet().forEach(System::clearProperty);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, exit, printed);
        assertTrue(printed.contains("fiveohtwo: Slack API at " + api + " cannot be reached: connection refused (check DNS, proxy, firewall)"), printed);
        assertFalse(printed.contains("token"), printed);
        assertEquals(1, printed.lines().filter(l -> !l.isBlank()).count(), printed);
    }
}
