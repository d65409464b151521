package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server whose key cannot be used blinds only itself: {@code check} reports it unreachable with the reason and
 * checks the others, and {@code inventory validate} lists it with every other problem. Every address is loopback.
 */
@Timeout(120)
class InventoryCommandTest {
    @TempDir
    Path dir;

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** web-01 names a key that does not exist; web-02 is fine but nothing listens on its port (refused before any key is used). */
    private Path inventory() throws IOException {
        Path key = dir.resolve("id_ed25519");
        Files.writeString(key, "not really a key\n");
        Path file = dir.resolve("inventory.yml");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "defaults:",
                        "  user: fiveohtwo",
                        "  known-hosts: " + dir.resolve("known_hosts"),
                        "  connect-timeout: 3s",
                        "servers:",
                        "  web-01:",
                        "    host: 127.0.0.1",
                        "    port: " + closedPort(),
                        "    identity: " + dir.resolve("id_missing"),
                        "  web-02:",
                        "    host: 127.0.0.1",
                        "    port: " + closedPort(),
                        ""),
                StandardCharsets.UTF_8);
        return file;
    }

    private static Map<String, JsonNode> byServer(CliRun r) throws IOException {
        JsonNode array = JsonMapper.createDefault().readValue(r.out().strip(), JsonNode.class);
        Map<String, JsonNode> reports = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            reports.put(array.get(i).get("server").getStringValue(), array.get(i));
        }
        return reports;
    }

    @Test
    void checkAllReportsTheServerWithAMissingKeyAndChecksTheOthers() throws IOException {
        Path inv = inventory();

        CliRun r = CliRun.of("check", "all", "--inventory", inv.toString(), "--format", "json");

        assertEquals(3, r.exit(), r.toString());
        Map<String, JsonNode> reports = byServer(r);
        assertEquals(2, reports.size(), r.toString());
        JsonNode bad = reports.get("web-01").get("findings").get(0);
        assertEquals("key-unusable", bad.get("id").getStringValue(), r.toString());
        assertTrue(
                bad.get("evidence")
                        .get(0)
                        .getStringValue()
                        .contains("web-01.identity: " + dir.resolve("id_missing") + " does not exist"),
                r.toString());
        // web-02 was really tried: its own reason, not the other server's
        assertEquals(
                "refused",
                reports.get("web-02").get("findings").get(0).get("id").getStringValue(),
                r.toString());
    }

    @Test
    void checkOfTheServerWithAMissingKeySaysWhyAndExitsThree() throws IOException {
        Path inv = inventory();

        CliRun r = CliRun.of("check", "web-01", "--inventory", inv.toString());

        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.out().contains("private key unusable"), r.toString());
        assertTrue(r.out().contains(dir.resolve("id_missing") + " does not exist"), r.toString());
    }

    @Test
    void validateListsEveryProblemAndExitsOne() throws IOException {
        Path inv = inventory();
        Files.writeString(inv, Files.readString(inv) + "  web-03:\n    hots: 127.0.0.1\n");

        CliRun r = CliRun.of("inventory", "validate", "--inventory", inv.toString());

        assertEquals(1, r.exit(), r.toString());
        assertTrue(
                r.out().contains("✗ " + inv + ":14: server 'web-03'.hots: unknown key (did you mean 'host'?)"),
                r.toString());
        assertTrue(
                r.out().contains("✗ " + inv + ":9: web-01.identity: " + dir.resolve("id_missing") + " does not exist"),
                r.toString());
        assertTrue(r.out().contains("2 problem(s)"), r.toString());
        assertFalse(r.out().contains("web-02"), r.toString());
    }

    @Test
    void validateOfAGoodInventoryExitsZero() throws IOException {
        Path inv = inventory();
        Files.writeString(
                inv,
                Files.readString(inv)
                        .replace(
                                dir.resolve("id_missing").toString(),
                                dir.resolve("id_ed25519").toString()));

        CliRun r = CliRun.of("inventory", "validate", "--inventory", inv.toString());

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains(inv + " is valid (2 servers)"), r.toString());
    }

    @Test
    void validateReadsTheFileThatFiveohtwoInventoryNames() throws Exception {
        Path inv = inventory();
        Files.writeString(
                inv,
                Files.readString(inv)
                        .replace(
                                dir.resolve("id_missing").toString(),
                                dir.resolve("id_ed25519").toString()));

        JavaProcess.Run run =
                JavaProcess.main(dir, Map.of("FIVEOHTWO_INVENTORY", inv.toString()), "inventory", "validate");

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains(inv + " is valid (2 servers)"), run.toString());
    }

    @Test
    void validateOfAMissingFileExitsOne() {
        CliRun r = CliRun.of(
                "inventory", "validate", "--inventory", dir.resolve("nope.yml").toString());

        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("nope.yml: inventory file does not exist"), r.toString());
    }
}
