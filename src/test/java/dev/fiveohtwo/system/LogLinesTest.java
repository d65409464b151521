package dev.fiveohtwo.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shipped logging configuration ({@link ConsoleLogs}) writes each message as one line, whoever logs it: a library logging a value a client
 * sent (Bolt logs an unknown action id as it came) cannot start a forged line.
 */
class LogLinesTest {
    private static String logWithTheShippedConfiguration(String message) throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            ConsoleLogs config = new ConsoleLogs();
            config.setContext(context);
            config.configure(context);
            context.getLogger("com.slack.api.bolt.App")
                    .warn("No BlockActionHandler registered for action_id: {}", message);
        } finally {
            context.stop();
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNewlineInALibrarysMessageStaysInsideItsLine() throws Exception {
        String out = logWithTheShippedConfiguration("guide:x\n12:00:00.000 ERROR d.f.slack.SlackBot - forged");

        assertEquals(1, out.lines().count(), out);
        assertTrue(out.endsWith("action_id: guide:x\\n12:00:00.000 ERROR d.f.slack.SlackBot - forged\n"), out);
    }
}
