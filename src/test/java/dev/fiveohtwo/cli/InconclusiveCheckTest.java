package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.fiveohtwo.ssh.TestSshServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report is healthy only on proof: over real SSH (an embedded server on loopback), a collector that hangs, sends
 * binary garbage or dies half-way is {@code inconclusive} with exit 3, never "looks healthy", even though nothing
 * in its output points at a cause.
 */
@Timeout(120)
class InconclusiveCheckTest {
    @TempDir
    Path dir;

    private HttpServer front;
    private TestSshServer sshd;
    private Path key;

    /** The front the inventory names; {@code status} is what it answers. */
    private void front(int status) throws IOException {
        front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        front.createContext("/", x -> {
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        front.start();
    }

    @BeforeEach
    void key() throws Exception {
        key = TestSshServer.clientKey(dir);
    }

    @AfterEach
    void stop() throws IOException {
        if (sshd != null) {
            sshd.close();
        }
        if (front != null) {
            front.stop(0);
        }
    }

    private Path serverRunning(UnaryOperator<String> collector) throws IOException {
        // generous: a whole run must never be cut on a busy machine
        return serverRunning(collector, 60);
    }

    /** Starts the SSH server with the collector's command line rewritten, and writes an inventory for it. */
    private Path serverRunning(UnaryOperator<String> collector, int commandTimeoutSeconds) throws IOException {
        sshd = TestSshServer.start(dir, "web", dir.resolve("authorized_keys"), collector);
        Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
        Path errorLog = Files.writeString(dir.resolve("error.log"), "");
        // nginx -T pinned to an empty configuration: this machine's own upstreams are never probed
        Path nginxConf = Files.writeString(
                dir.resolve("nginx.conf"),
                "error_log " + dir.resolve("t.log") + ";\npid " + dir.resolve("t.pid") + ";\nevents {}\nhttp {}\n");
        Path inventory = dir.resolve("inventory.yml");
        Files.writeString(
                inventory,
                String.join(
                        "\n",
                        "servers:",
                        "  web-01:",
                        "    host: 127.0.0.1",
                        "    port: " + sshd.port(),
                        "    user: " + System.getProperty("user.name"),
                        "    identity: " + key,
                        "    known-hosts: " + dir.resolve("known_hosts"),
                        "    connect-timeout: 10s",
                        "    command-timeout: " + commandTimeoutSeconds + "s",
                        "    front-url: http://127.0.0.1:" + front.getAddress().getPort() + "/",
                        "    logs:",
                        "      nginx-error: " + errorLog,
                        "    services:",
                        "      nginx: { kind: nginx, config: " + nginxConf + " }",
                        ""),
                StandardCharsets.UTF_8);
        return inventory;
    }

    private static CliRun check(Path inventory, String format) {
        return CliRun.of("check", "web-01", "--inventory", inventory.toString(), "--format", format);
    }

    private static JsonNode json(CliRun r) throws IOException {
        return JsonMapper.createDefault().readValue(r.out().strip(), JsonNode.class);
    }

    private static String notes(JsonNode report) {
        StringBuilder s = new StringBuilder();
        report.get("notes").values().forEach(n -> s.append(n.getStringValue()).append('\n'));
        return s.toString();
    }

    @Test
    void aCollectorThatHangsIsInconclusiveAndExitsThree() throws Exception {
        front(502);
        Path inv = serverRunning(command -> "sleep 600", 4);

        CliRun r = check(inv, "json");

        assertEquals(3, r.exit(), r.out());
        JsonNode report = json(r);
        assertEquals("inconclusive", report.get("verdict").getStringValue(), r.out());
        assertTrue(notes(report).contains("the collector was stopped after 4 s"), r.out());
        assertTrue(notes(report).contains("the front was not probed"), r.out());
    }

    @Test
    void aCollectorThatSendsBinaryGarbageIsInconclusive() throws Exception {
        front(502);
        Path inv = serverRunning(command -> "head -c 65536 /dev/urandom");

        CliRun r = check(inv, "text");

        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("inconclusive"), r.out());
        assertFalse(r.out().contains("healthy") && !r.out().contains("not proven healthy"), r.out());
        assertTrue(r.out().contains("none of its sections"), r.out());
    }

    @Test
    void aCollectorThatDiesHalfWayIsInconclusiveAndSaysWhatWasRead() throws Exception {
        front(200);
        // the real collector, cut after its first sections, as when the connection or the shell dies mid-run
        Path inv = serverRunning(command -> command + " | head -n 25");

        CliRun r = check(inv, "json");

        assertEquals(3, r.exit(), r.out());
        JsonNode report = json(r);
        assertEquals("inconclusive", report.get("verdict").getStringValue(), r.out());
        assertTrue(notes(report).contains("the collector ended before its last section"), r.out());
        assertTrue(notes(report).contains("missing:"), r.out());
    }

    @Test
    void theSameHostWithAWholeRunAndAFrontAnswering200IsHealthy() throws Exception {
        front(200);
        Path inv = serverRunning(UnaryOperator.identity());

        CliRun r = check(inv, "json");

        JsonNode report = json(r);
        assertEquals("healthy", report.get("verdict").getStringValue(), r.out());
        assertEquals(0, r.exit(), r.out());
    }

    @Test
    void aWholeRunWhoseFrontAnswersNotFoundIsNotProvenHealthy() throws Exception {
        front(404);
        Path inv = serverRunning(UnaryOperator.identity());

        CliRun r = check(inv, "json");

        JsonNode report = json(r);
        assertEquals("inconclusive", report.get("verdict").getStringValue(), r.out());
        assertTrue(notes(report).contains("the front answered 404, not 2xx/3xx"), r.out());
        assertEquals(3, r.exit(), r.out());
    }
}
