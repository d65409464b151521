package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.audit.Audit;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fiveohtwo audit} reads what the bot recorded, as text or JSON lines, filtered by server. */
class AuditCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheTrailNewestFirstFilteredByServer() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("audit")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("datasources.default.url", url), "bot")) {
            Audit audit = ctx.getBean(Audit.class);
            audit.record("UALICE", "CINC", "command", null, "/502 check web-01", "ok");
            audit.record("UALICE", "CINC", "check", "web-01", "/502 check web-01", "bad-gateway upstream-down");
            audit.record("UBOB", "CINC", "approve", "web-02", "php-fpm", "approved");
        }
        System.setProperty("datasources.default.url", url);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.run("audit", "--server", "web-01", "--format", "jsonl");
        } finally {
            System.setOut(old);
            System.clearProperty("datasources.default.url");
        }
        assertEquals(0, exit);
        String text = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(
                text.contains("\"action\":\"check\"") && text.contains("\"outcome\":\"bad-gateway upstream-down\""),
                text);
    }

    @Test
    void commandTextTypedInSlackIsShownEscaped() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("hostile")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("datasources.default.url", url), "bot")) {
            ctx.getBean(Audit.class)
                    .record(
                            "UMALLORY",
                            "CINC",
                            "command",
                            null,
                            "/502 check \u001b]0;pwned\u0007\u001b[2Jweb\u202e10-",
                            "ok");
        }
        for (String format : java.util.List.of("text", "jsonl")) {
            System.setProperty("datasources.default.url", url);
            PrintStream old = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                exit = Main.run("audit", "--format", format);
            } finally {
                System.setOut(old);
                System.clearProperty("datasources.default.url");
            }
            assertEquals(0, exit);
            String text = out.toString(StandardCharsets.UTF_8);
            for (char c : new char[] {'\u001b', '\u0007', '\u202e'}) {
                assertEquals(
                        -1,
                        text.indexOf(c),
                        () -> format + ": raw U+" + Integer.toHexString(c) + " in " + text.replace('\u001b', '?'));
            }
            // JSON writes its own escapes in capitals (\\u001B); both spell the same characters
            assertTrue(
                    text.toLowerCase(java.util.Locale.ROOT).contains("\\u001b]0;pwned\\u0007\\u001b[2jweb\\u202e10-"),
                    text.replace('\u001b', '?'));
        }
    }

    @Test
    void saysThereIsNoAuditDatabaseAndCreatesNone() throws Exception {
        JavaProcess.Run run = JavaProcess.main(dir, Map.of(), "audit");

        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(
                run.err().contains("no audit database at " + dir.toRealPath().resolve("data/fiveohtwo.mv.db")),
                run.toString());
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(java.util.List.of(), files.toList(), "audit created files");
        }
    }

    @Test
    void namesTheDatabaseItReadAndSaysWhenItHoldsNoEvents() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("empty")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("datasources.default.url", url), "bot")) {
            ctx.getBean(Audit.class)
                    .list(java.util.Optional.empty(), java.time.Instant.EPOCH, 1); // migrates: an empty trail
        }
        JavaProcess.Run run =
                JavaProcess.main(dir, Map.of("DATASOURCES_DEFAULT_URL", url), "audit", "--server", "web-01");

        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.out(), run.toString());
        assertTrue(run.err().contains("audit trail from " + dir.resolve("empty.mv.db")), run.toString());
        assertTrue(run.err().contains("no events for web-01 in the last 24h"), run.toString());
    }
}
