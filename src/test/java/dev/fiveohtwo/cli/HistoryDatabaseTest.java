package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.reports.Retention;
import dev.fiveohtwo.system.Contexts;
import dev.fiveohtwo.system.ReportSettings;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code check} keeps its reports when nothing says otherwise: serve's own database, ./data/fiveohtwo of the
 * working directory. Child JVMs, since the working directory and a lock held by another process are what count.
 */
@Timeout(180)
class HistoryDatabaseTest {
    @TempDir
    Path dir;

    private Path inventory() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path errorLog = Files.writeString(dir.resolve("error.log"), "");
        Path nginxConf = Files.writeString(
                dir.resolve("nginx.conf"),
                "error_log " + dir.resolve("t.log") + ";\npid " + dir.resolve("t.pid") + ";\nevents {}\nhttp {}\n");
        return Files.writeString(
                dir.resolve("inventory.yml"),
                String.join(
                        "\n",
                        "servers:",
                        "  box:",
                        "    transport: local",
                        "    command-timeout: 60s",
                        "    front-url: http://127.0.0.1:" + closed + "/",
                        "    logs:",
                        "      nginx-error: " + errorLog,
                        "    services:",
                        "      nginx: { kind: nginx, config: " + nginxConf + " }",
                        ""),
                StandardCharsets.UTF_8);
    }

    @Test
    void theClisDatabaseIsTheOneServeUses() {
        try (ApplicationContext cli = Contexts.cli();
                ApplicationContext bot = Contexts.bot()) {
            KeptReports.Database db = KeptReports.Database.of(cli.getEnvironment());

            assertEquals(
                    bot.getEnvironment()
                            .getProperty("datasources.default.url", String.class)
                            .orElseThrow(),
                    db.url());
            assertEquals(
                    bot.getEnvironment()
                            .getProperty("datasources.default.username", String.class)
                            .orElseThrow(),
                    db.username());
        }
    }

    @Test
    void retentionIsTwoWeeksAnd200ChecksPerServerUnlessConfigured() {
        try (ApplicationContext cli = Contexts.cli()) {
            assertEquals(Retention.DEFAULT, cli.getBean(ReportSettings.class).retention());
        }
    }

    @Test
    void aCheckKeepsItsReportInDataUnderTheWorkingDirectory() throws Exception {
        JavaProcess.Run run = JavaProcess.main(
                dir, Map.of(), "check", "box", "--inventory", inventory().toString());

        assertEquals(0, run.exit(), run.toString());
        assertTrue(Files.exists(dir.resolve("data/fiveohtwo.mv.db")), run.toString());
        KeptReports.Database db = new KeptReports.Database(CliRun.url(dir.resolve("data/fiveohtwo")), "sa", "");
        try (KeptReports kept = KeptReports.open(db, Retention.DEFAULT, false).orElseThrow()) {
            assertEquals(1, kept.store().history("box", 10).size());
        }
    }

    @Test
    void aDatabaseAnotherProcessHoldsLeavesTheReportAndSaysWhyOnce() throws Exception {
        Path inventory = inventory();
        KeptReports.Database db = new KeptReports.Database(CliRun.url(dir.resolve("data/fiveohtwo")), "sa", "");
        JavaProcess.Run run;
        try (KeptReports held = KeptReports.open(db, Retention.DEFAULT, true).orElseThrow()) {
            run = JavaProcess.main(dir, Map.of(), "check", "box", "--inventory", inventory.toString());
            assertEquals(0, held.store().history("box", 10).size(), "the other process kept nothing: " + run);
        }

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("box — "), "the report is printed all the same: " + run);
        assertEquals(
                1,
                run.err()
                        .lines()
                        .filter(l -> l.contains("not kept in the history"))
                        .count(),
                run.toString());
        assertTrue(run.err().contains("another process has it open"), run.toString());
    }
}
