package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.fiveohtwo.checks.SecretFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in-process, as {@code Main} runs it: exit codes, messages on stderr, text and JSON on stdout. Local
 * servers run the real collector; every address is loopback.
 */
@Timeout(120)
class CheckCommandTest {
    @TempDir
    Path dir;

    private Path errorLog;
    private Path nginxConf;

    /** A loopback port that nothing listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @BeforeEach
    void files() throws IOException {
        errorLog = dir.resolve("error.log");
        Files.writeString(errorLog, "", StandardCharsets.UTF_8);
        // pin nginx -T to an empty configuration: the upstreams of this machine's nginx are never probed
        nginxConf = dir.resolve("nginx.conf");
        Files.writeString(
                nginxConf,
                "error_log " + dir.resolve("nginx-test-error.log") + ";\n" + "pid " + dir.resolve("nginx-test.pid")
                        + ";\nevents {}\nhttp {}\n",
                StandardCharsets.UTF_8);
    }

    private String localServer(String name, int frontPort, String group) {
        return String.join(
                "\n",
                "  " + name + ":",
                "    transport: local",
                "    command-timeout: 60s",
                "    front-url: http://127.0.0.1:" + frontPort + "/",
                "    groups: [" + group + "]",
                "    logs:",
                "      nginx-error: " + errorLog,
                "    services:",
                "      nginx:",
                "        kind: nginx",
                "        config: " + nginxConf,
                "");
    }

    private String sshServer(String name, int port) {
        return String.join(
                "\n",
                "  " + name + ":",
                "    host: 127.0.0.1",
                "    port: " + port,
                "    user: fiveohtwo",
                "    known-hosts: " + dir.resolve("known_hosts"),
                "    connect-timeout: 3s",
                "    command-timeout: 10s",
                "");
    }

    private Path inventory(String... servers) throws IOException {
        Path file = dir.resolve("inventory.yml");
        Files.writeString(file, "servers:\n" + String.join("", servers), StandardCharsets.UTF_8);
        return file;
    }

    private static JsonNode json(CliRun r) throws IOException {
        return JsonMapper.createDefault().readValue(r.out().strip(), JsonNode.class);
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.entries().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    private static void assertReport(JsonNode report, String server, CliRun r) {
        assertTrue(report.isObject(), r.toString());
        List<String> keys = keys(report);
        for (String key : List.of("server", "reachable", "verdict", "durationMs", "findings", "checks")) {
            assertTrue(keys.contains(key), "no '" + key + "' in " + keys);
        }
        assertEquals(server, report.get("server").getStringValue());
        assertTrue(report.get("reachable").getBooleanValue(), r.toString());
        assertNotNull(report.get("verdict").getStringValue());
        assertFalse(report.get("verdict").getStringValue().equals("healthy"), "a refused front is not healthy: " + r);
        assertTrue(report.get("findings").isArray());
        assertTrue(report.get("checks").isObject());
        assertTrue(report.get("durationMs").isNumber());
    }

    // --- usage and inventory errors --------------------------------------------------------------------

    @Test
    void unknownServerExitsTwo() throws IOException {
        Path inv = inventory(sshServer("web-01", closedPort()));

        CliRun r = CliRun.of("check", "nosuch", "--inventory", inv.toString());

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("unknown server or group 'nosuch'"), r.toString());
        assertEquals("", r.out());
    }

    @Test
    void mistypedServerNameSuggestsTheClosestOne() throws IOException {
        Path inv = inventory(sshServer("web-01", closedPort()));

        CliRun r = CliRun.of("check", "web-1", "--inventory", inv.toString());

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("did you mean web-01"), r.toString());
    }

    @Test
    void brokenInventoryExitsTwoNamingFileAndLine() throws IOException {
        Path inv = dir.resolve("broken.yml");
        Files.writeString(inv, "servers:\n  web-01:\n    hots: 127.0.0.1\n", StandardCharsets.UTF_8);

        CliRun r = CliRun.of("check", "web-01", "--inventory", inv.toString());

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(inv + ":3:"), r.toString());
        assertTrue(r.err().contains("hots"), r.toString());
    }

    @Test
    void missingInventoryFileExitsTwo() {
        Path inv = dir.resolve("nope.yml");

        CliRun r = CliRun.of("check", "web-01", "--inventory", inv.toString());

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains(inv.toString()), r.toString());
    }

    // --- checks ------------------------------------------------------------------------------------------

    @Test
    void localServerWithRefusedFrontPrintsOneJsonReport() throws IOException {
        Path inv = inventory(localServer("local-box", closedPort(), "pair"));

        CliRun r = CliRun.of("check", "local-box", "--inventory", inv.toString(), "--format", "json");

        assertEquals(0, r.exit(), r.toString());
        JsonNode report = json(r);
        assertReport(report, "local-box", r);
        JsonNode front = report.get("checks").get("front");
        assertNotNull(front, r.toString());
        assertEquals("refused", front.get("outcome").getStringValue(), r.toString());
    }

    @Test
    void groupOfTwoLocalServersPrintsAJsonArrayOfTwo() throws IOException {
        Path inv =
                inventory(localServer("local-a", closedPort(), "pair"), localServer("local-b", closedPort(), "pair"));

        CliRun r = CliRun.of("check", "pair", "--inventory", inv.toString(), "--format", "json");

        assertEquals(0, r.exit(), r.toString());
        JsonNode reports = json(r);
        assertTrue(reports.isArray(), r.toString());
        assertEquals(2, reports.size(), r.toString());
        assertReport(reports.get(0), "local-a", r);
        assertReport(reports.get(1), "local-b", r);
    }

    @Test
    void jsonlPrintsOneParseableReportPerLineForAGroup() throws IOException {
        Path inv = inventory(
                localServer("local-a", closedPort(), "pair"),
                localServer("local-b", closedPort(), "pair"),
                localServer("local-c", closedPort(), "pair"));

        CliRun r = CliRun.of("check", "pair", "--inventory", inv.toString(), "--format", "jsonl", "--parallel", "2");

        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.toString());
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            JsonNode report = JsonMapper.createDefault().readValue(line, JsonNode.class);
            names.add(report.get("server").getStringValue());
            assertReport(report, names.get(names.size() - 1), r);
        }
        assertEquals(
                List.of("local-a", "local-b", "local-c"),
                names.stream().sorted().toList(),
                r.toString());
    }

    @Test
    void groupTextEndsWithOneLinePerServerAndTheSharedCause() throws IOException {
        Files.writeString(
                errorLog, SecretFixture.nginxErrorLog(LocalDateTime.now().minusMinutes(1)), StandardCharsets.UTF_8);
        HttpServer front = badGateway();
        CliRun r;
        try {
            int port = front.getAddress().getPort();
            r = CliRun.of(
                    "check",
                    "pair",
                    "--inventory",
                    inventory(localServer("local-a", port, "pair"), localServer("local-bb", port, "pair"))
                            .toString());
        } finally {
            front.stop(0);
        }

        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().strip().lines().toList();
        int head = lines.size() - 5;
        assertTrue(lines.get(head).startsWith("pair: 2 of 2 servers need attention"), r.toString());
        assertTrue(
                lines.get(head + 1).contains("local-a ") && lines.get(head + 1).contains("bad-gateway"), r.toString());
        assertTrue(
                lines.get(head + 2).contains("local-bb ") && lines.get(head + 2).contains("bad-gateway"), r.toString());
        assertTrue(lines.get(head + 4).startsWith("2 of 2 servers: "), r.toString());
        assertTrue(lines.get(head + 4).contains("look past the single host"), r.toString());
    }

    @Test
    void aNegativeParallelIsAUsageError() throws IOException {
        Path inv = inventory(localServer("local-a", closedPort(), "pair"));

        CliRun r = CliRun.of("check", "pair", "--inventory", inv.toString(), "--parallel", "-1");

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--parallel"), r.toString());
    }

    @Test
    void aParallelThatIsNoNumberIsAUsageError() throws IOException {
        Path inv = inventory(localServer("local-a", closedPort(), "pair"));

        CliRun r = CliRun.of("check", "pair", "--inventory", inv.toString(), "--parallel", "many");

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--parallel"), r.toString());
    }

    @Test
    void localServerTextReportNamesTheServerAndItsVerdict() throws IOException {
        Path inv = inventory(localServer("local-box", closedPort(), "pair"));

        CliRun r = CliRun.of("check", "local-box", "--inventory", inv.toString());

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("local-box"), r.toString());
        assertFalse(r.out().contains("looks healthy"), r.toString());
        assertFalse(r.out().contains("\u001b["), "no colour when stdout is not a terminal");
    }

    @Test
    void sshServerOnAClosedPortExitsThreeAndSaysUnreachable() throws IOException {
        Path inv = inventory(sshServer("web-01", closedPort()));

        CliRun r = CliRun.of("check", "web-01", "--inventory", inv.toString());

        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.out().contains("unreachable"), r.toString());
        assertTrue(r.out().contains("web-01"), r.toString());
    }

    @Test
    void sshServerOnAClosedPortIsUnreachableInJson() throws IOException {
        Path inv = inventory(sshServer("web-01", closedPort()));

        CliRun r = CliRun.of("check", "web-01", "--inventory", inv.toString(), "--format", "json");

        assertEquals(3, r.exit(), r.toString());
        JsonNode report = json(r);
        assertFalse(report.get("reachable").getBooleanValue());
        assertEquals("unreachable", report.get("verdict").getStringValue());
        assertEquals("refused", report.get("findings").get(0).get("id").getStringValue(), r.toString());
    }

    // --- secrets from the server ------------------------------------------------------------------------

    /** A front on loopback that answers 502, so the error log's upstream lines become the evidence. */
    private static HttpServer badGateway() throws IOException {
        HttpServer front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        front.createContext("/", exchange -> {
            exchange.sendResponseHeaders(502, -1);
            exchange.close();
        });
        front.start();
        return front;
    }

    private CliRun checkWithSecretsInTheErrorLog(String... format) throws IOException {
        Files.writeString(
                errorLog, SecretFixture.nginxErrorLog(LocalDateTime.now().minusMinutes(1)), StandardCharsets.UTF_8);
        HttpServer front = badGateway();
        try {
            Path inv = inventory(localServer("local-box", front.getAddress().getPort(), "pair"));
            List<String> args = new ArrayList<>(List.of(
                    "check",
                    "local-box",
                    "--inventory",
                    inv.toString(),
                    "--save",
                    dir.resolve("saved.txt").toString()));
            args.addAll(List.of(format));
            return CliRun.of(args.toArray(String[]::new));
        } finally {
            front.stop(0);
        }
    }

    @Test
    void textReportAndSavedFileCarryNoSecretFromTheServer() throws IOException {
        CliRun r = checkWithSecretsInTheErrorLog();

        assertEquals(0, r.exit(), r.toString());
        SecretFixture.assertMasked("text report", r.out());
        SecretFixture.assertMasked("saved file", Files.readString(dir.resolve("saved.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void jsonReportCarriesNoSecretFromTheServer() throws IOException {
        CliRun r = checkWithSecretsInTheErrorLog("--format", "json");

        assertEquals(0, r.exit(), r.toString());
        assertReport(json(r), "local-box", r);
        SecretFixture.assertMasked("json report", r.out());
    }

    // --- nothing hidden reaches the terminal -----------------------------------------------------------

    @Test
    void aRejectedOptionValueIsEchoedEscaped() {
        CliRun r = CliRun.of("check", "web-01", "--format", "\u001b]0;pwned\u0007\u001b[2J");

        assertEquals(2, r.exit(), r.toString());
        assertFalse(r.err().contains("\u001b") || r.err().contains("\u0007"), r.toString());
        assertTrue(r.err().contains("\\u001b]0;pwned\\u0007\\u001b[2J"), r.toString());
    }

    @Test
    void kbValidateShowsAHostileFileNameEscaped() throws IOException {
        String name = "bad\u001b[2J\u202e.md";
        // a JVM started without a UTF-8 locale (sudo drops LANG) cannot name such a file at all
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.charset.Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"))
                        .newEncoder()
                        .canEncode(name),
                "file names cannot hold U+202E here");
        Path kb = Files.createDirectory(dir.resolve("kb"));
        Files.writeString(kb.resolve(name), "no front matter\n", StandardCharsets.UTF_8);

        CliRun r = CliRun.of("kb", "validate", kb.toString());

        assertEquals(1, r.exit(), r.toString());
        assertFalse(r.out().contains("\u001b") || r.out().contains("\u202e"), r.toString());
        assertTrue(r.out().contains("bad\\u001b[2J\\u202e.md"), r.toString());
    }

    // --- kb ----------------------------------------------------------------------------------------------

    @Test
    void kbValidateOfTheBuiltInArticlesExitsZero() {
        CliRun r = CliRun.of("kb", "validate");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("knowledge base is valid"), r.toString());
    }

    @Test
    void kbValidateOfABrokenFolderExitsOneAndListsTheProblem() throws IOException {
        Path kb = Files.createDirectory(dir.resolve("kb"));
        Files.writeString(kb.resolve("broken.md"), "no front matter\n", StandardCharsets.UTF_8);

        CliRun r = CliRun.of("kb", "validate", kb.toString());

        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("broken.md"), r.toString());
        assertTrue(r.out().contains("1 problem(s)"), r.toString());
    }

    @Test
    void kbShowPrintsTheArticleTitle() {
        CliRun r = CliRun.of("kb", "show", "upstream-down");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("# The upstream service is down\n"), r.toString());
        assertTrue(r.out().contains("## How to fix"), r.toString());
    }

    @Test
    void kbShowOfAnUnknownArticleExitsTwo() {
        CliRun r = CliRun.of("kb", "show", "nope");

        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("no article 'nope'"), r.toString());
        assertEquals("", r.out());
    }

    @Test
    void serveWithoutSlackConfigurationSaysWhatIsMissingOneLineEach() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv("SLACK_BOT_TOKEN") == null && System.getenv("SLACK_APP_TOKEN") == null,
                "Slack is configured in this environment");
        CliRun r = CliRun.of("serve");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("fiveohtwo: SLACK_BOT_TOKEN is not set"), r.err());
        assertTrue(r.err().contains("fiveohtwo: SLACK_SIGNING_SECRET is not set"), r.err());
    }
}
