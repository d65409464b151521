package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.fiveohtwo.remediation.RemediationSettings;
import dev.fiveohtwo.slack.SlackSettings;
import dev.fiveohtwo.system.CheckSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fiveohtwo serve}: its help touches nothing and lists every setting; a taken port is one clear line;
 * a Slack that cannot be reached is said in one line, not as a token error after a stack trace.
 */
@Timeout(300)
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
        Map<String, String> props = Map.of(
                "fiveohtwo.slack.bot-token",
                "xoxb-test-token",
                "fiveohtwo.slack.signing-secret",
                "s",
                "fiveohtwo.slack.api-url",
                api,
                "fiveohtwo.inventory",
                Files.writeString(dir.resolve("inventory.yml"), "servers:\n  box: { transport: local }\n")
                        .toString(),
                "datasources.default.url",
                "jdbc:h2:mem:serve-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
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
        assertTrue(
                printed.contains("fiveohtwo: Slack API at " + api
                        + " cannot be reached: connection refused (check DNS, proxy, firewall)"),
                printed);
        assertFalse(printed.contains("token"), printed);
        assertEquals(1, printed.lines().filter(l -> !l.isBlank()).count(), printed);
    }

    @Test
    void helpLeavesNoFilesAndListsEverySetting() throws Exception {
        JavaProcess.Run run = JavaProcess.main(dir, Map.of(), "serve", "--help");

        assertEquals(0, run.exit(), run.toString());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "serve --help wrote into its working directory");
        }
        assertEquals("", run.err(), run.toString());
        // each setting: its name on a line, what it does and its default on the next
        List<String> lines = run.out().lines().map(String::strip).toList();
        List<String> missing = new ArrayList<>();
        for (String setting : settings()) {
            int at = lines.indexOf(setting);
            if (at < 0
                    || at + 1 >= lines.size()
                    || !(lines.get(at + 1).contains("(default: ")
                            || lines.get(at + 1).contains("(required"))) {
                missing.add(setting);
            }
        }
        assertEquals(List.of(), missing, "settings without a line and a default in serve --help:\n" + run.out());
    }

    @Test
    void aTakenPortIsOneLineNamingThePortAndTheSetting() throws Exception {
        HttpServer slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        slack.createContext("/api/", x -> {
            byte[] body =
                    "{\"ok\":true,\"url\":\"https://t.slack.com/\",\"team\":\"T\",\"user\":\"bot\",\"team_id\":\"T1\",\"user_id\":\"U1\",\"bot_id\":\"B1\"}"
                            .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        slack.start();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path inventory =
                    Files.writeString(dir.resolve("inventory.yml"), "servers:\n  web-01: { transport: local }\n");
            JavaProcess.Run run = JavaProcess.main(
                    dir,
                    Map.of(
                            "SLACK_BOT_TOKEN",
                            "xoxb-test",
                            "SLACK_SIGNING_SECRET",
                            "secret",
                            "SLACK_API_URL",
                            "http://127.0.0.1:" + slack.getAddress().getPort() + "/api/",
                            "FIVEOHTWO_PORT",
                            String.valueOf(taken.getLocalPort()),
                            "MICRONAUT_SERVER_HOST",
                            "127.0.0.1",
                            "FIVEOHTWO_INVENTORY",
                            inventory.toString(),
                            "DATASOURCES_DEFAULT_URL",
                            "jdbc:h2:mem:taken;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"),
                    "serve");

            assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
            // our own lines only: Flyway names the migrations it applies, and "reports" holds "port" too
            List<String> problem = run.err()
                    .lines()
                    .filter(l -> l.startsWith("fiveohtwo:") && l.contains("port"))
                    .toList();
            assertEquals(
                    List.of("fiveohtwo: port " + taken.getLocalPort()
                            + " is in use; set FIVEOHTWO_PORT (or MICRONAUT_SERVER_PORT) to a free port"),
                    problem,
                    run.toString());
            assertTrue(run.err().lines().noneMatch(l -> l.startsWith("\tat ")), "a stack trace:\n" + run);
        } finally {
            slack.stop(0);
        }
    }

    @Test
    void aServerWithAMissingKeyIsNamedAtStartAndDoesNotStopTheBot() throws Exception {
        HttpServer slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        slack.createContext("/api/", x -> {
            byte[] body =
                    "{\"ok\":true,\"url\":\"https://t.slack.com/\",\"team\":\"T\",\"user\":\"bot\",\"team_id\":\"T1\",\"user_id\":\"U1\",\"bot_id\":\"B1\"}"
                            .getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        slack.start();
        // the bot gets as far as its HTTP port, which is taken so that it stops there
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path inventory = Files.writeString(
                    dir.resolve("inventory.yml"),
                    "servers:\n  web-01: { transport: local }\n" + "  web-02: { host: 127.0.0.1, identity: "
                            + dir.resolve("id_missing") + " }\n");
            JavaProcess.Run run = JavaProcess.main(
                    dir,
                    Map.of(
                            "SLACK_BOT_TOKEN",
                            "xoxb-test",
                            "SLACK_SIGNING_SECRET",
                            "secret",
                            "SLACK_API_URL",
                            "http://127.0.0.1:" + slack.getAddress().getPort() + "/api/",
                            "FIVEOHTWO_PORT",
                            String.valueOf(taken.getLocalPort()),
                            "MICRONAUT_SERVER_HOST",
                            "127.0.0.1",
                            "FIVEOHTWO_INVENTORY",
                            inventory.toString(),
                            "DATASOURCES_DEFAULT_URL",
                            "jdbc:h2:mem:unusable;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"),
                    "serve");

            assertTrue(run.err().contains("fiveohtwo: 2 servers from " + inventory), run.toString());
            assertTrue(
                    run.err()
                            .contains("fiveohtwo: web-02 cannot be checked: web-02.identity: "
                                    + dir.resolve("id_missing") + " does not exist"),
                    run.toString());
            assertTrue(run.err().contains("port " + taken.getLocalPort() + " is in use"), run.toString());
        } finally {
            slack.stop(0);
        }
    }

    /** The environment variable of every setting the bot reads: the settings records, and the few read by name. */
    private static List<String> settings() {
        List<String> names = new ArrayList<>(List.of(
                "FIVEOHTWO_PORT",
                "FIVEOHTWO_INVENTORY",
                "FIVEOHTWO_KNOWLEDGE",
                "FIVEOHTWO_LOG_LEVEL",
                "FIVEOHTWO_LOG_FORMAT",
                "DATASOURCES_DEFAULT_URL"));
        // the Slack connection keeps the names Slack's own docs use (SLACK_BOT_TOKEN, ...); the rest are
        // fiveohtwo.slack.*
        envNames("FIVEOHTWO_SLACK", SlackSettings.class)
                .forEach(n -> names.add(
                        n.replaceFirst("^FIVEOHTWO_(SLACK_(BOT_TOKEN|SIGNING_SECRET|APP_TOKEN|API_URL))$", "$1")));
        names.addAll(envNames("FIVEOHTWO_CHECKS", CheckSettings.class));
        names.addAll(envNames("FIVEOHTWO_REMEDIATION", RemediationSettings.class));
        return names;
    }

    private static List<String> envNames(String prefix, Class<? extends Record> settings) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : settings.getRecordComponents()) {
            names.add(prefix + "_"
                    + c.getName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
        }
        return names;
    }
}
