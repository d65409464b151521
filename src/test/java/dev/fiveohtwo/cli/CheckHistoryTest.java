package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.ssh.TestSshServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} keeps its reports and, for a server that is not healthy, says what changed since its last healthy
 * check. Over real SSH (an embedded server on loopback) whose collector replays a recorded fixture
 * (src/test/resources/fixtures) under the nonce the check sent, so the server turns healthy or broken on demand.
 */
@Timeout(120)
class CheckHistoryTest {
    private static final Pattern NONCE = Pattern.compile("nonce=([0-9a-f]+)");
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures").toAbsolutePath();

    @TempDir
    Path dir;

    private final AtomicReference<String> fixture = new AtomicReference<>("healthy");
    private TestSshServer sshd;
    private Path inventory;

    @BeforeEach
    void server() throws Exception {
        Path key = TestSshServer.clientKey(dir);
        sshd = TestSshServer.start(dir, "web", dir.resolve("authorized_keys"), command -> {
            Matcher m = NONCE.matcher(command);
            String nonce = m.find() ? m.group(1) : "none";
            return "cat >/dev/null; sed 's/^### f1xture /### " + nonce + " /' "
                    + FIXTURES.resolve(fixture.get() + ".txt");
        });
        Files.writeString(dir.resolve("known_hosts"), sshd.knownHostsLine() + "\n");
        inventory = Files.writeString(
                dir.resolve("inventory.yml"),
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
                        "    command-timeout: 60s",
                        "    front-url: http://127.0.0.1/index.php",
                        ""),
                StandardCharsets.UTF_8);
        System.setProperty(CliRun.DATABASE, CliRun.url(dir.resolve("history")));
    }

    @AfterEach
    void stop() throws IOException {
        System.clearProperty(CliRun.DATABASE);
        sshd.close();
    }

    private CliRun check(String recorded, String... format) {
        fixture.set(recorded);
        List<String> args = new ArrayList<>(List.of("check", "web-01", "--inventory", inventory.toString()));
        args.addAll(List.of(format));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonNode json(String text) throws IOException {
        return JsonMapper.createDefault().readValue(text.strip(), JsonNode.class);
    }

    @Test
    void aBrokenCheckAfterAHealthyOneSaysWhatChangedSince() throws IOException {
        CliRun before = check("upstream-down");
        assertTrue(before.out().contains("502 Bad Gateway"), before.toString());
        assertFalse(before.out().contains("Changed since"), "no healthy check to compare with yet: " + before);

        JsonNode healthy = json(check("healthy", "--format", "json").out());
        assertEquals("healthy", healthy.get("verdict").getStringValue());
        CliRun broken = check("upstream-down");

        assertEquals(0, broken.exit(), broken.toString());
        Instant at = Instant.parse(healthy.get("checkedAt").getStringValue()).truncatedTo(ChronoUnit.MILLIS);
        assertTrue(
                broken.out().contains("   Changed since the last healthy check (" + History.time(at) + "):\n"),
                broken.toString());
        assertTrue(broken.out().contains("   · front: HTTP 200 → HTTP 502\n"), broken.toString());
        assertTrue(broken.out().contains("   · php8.2-fpm: active → failed (exit-code)\n"), broken.toString());
        assertTrue(broken.out().contains("   · upstream added: fastcgi_pass 127.0.0.1:9000\n"), broken.toString());
    }

    @Test
    void jsonCarriesTheChangesAndTheTimeOfTheHealthyCheck() throws IOException {
        JsonNode healthy = json(check("healthy", "--format", "json").out());
        assertTrue(healthy.get("changes").isArray() && healthy.get("changes").size() == 0, healthy.toString());

        JsonNode broken = json(check("memory-pressure", "--format", "json").out());

        assertEquals("bad-gateway", broken.get("verdict").getStringValue());
        assertEquals(
                Instant.parse(healthy.get("checkedAt").getStringValue()).truncatedTo(ChronoUnit.MILLIS),
                Instant.parse(broken.get("changedSince").getStringValue()));
        List<String> texts = new ArrayList<>();
        broken.get("changes").values().forEach(c -> texts.add(c.get("text").getStringValue()));
        assertTrue(texts.contains("MemAvailable: 23.2 GB → 96 MB"), texts.toString());
        JsonNode first = broken.get("changes").get(0);
        assertEquals("front", first.get("what").getStringValue());
        assertEquals("HTTP 200", first.get("before").getStringValue());
        assertEquals("HTTP 502", first.get("after").getStringValue());
    }

    @Test
    void eachCheckIsKeptWithWhoAskedForIt() throws IOException {
        check("healthy");
        JsonNode line = json(check("disk-full", "--format", "jsonl").out());
        List<String> texts = new ArrayList<>();
        line.get("changes").values().forEach(c -> texts.add(c.get("text").getStringValue()));
        assertTrue(texts.contains("disk /: 22% → 100%"), "jsonl lines carry the changes too: " + line);

        CliRun history = CliRun.of("history", "web-01", "--format", "json");

        JsonNode rows = json(history.out());
        assertEquals(2, rows.size(), history.toString());
        assertEquals("bad-gateway", rows.get(0).get("verdict").getStringValue());
        assertEquals("healthy", rows.get(1).get("verdict").getStringValue());
        assertEquals(
                "cli:" + System.getProperty("user.name"),
                rows.get(1).get("requestedBy").getStringValue());
    }

    @Test
    void aStoreThatCannotBeOpenedLeavesTheReportAndSaysWhyOnce() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "");
        System.setProperty(CliRun.DATABASE, CliRun.url(notADirectory.resolve("history")));

        CliRun r = check("upstream-down");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("✖ web-01 — 502 Bad Gateway"), r.toString());
        assertEquals(
                1,
                r.err()
                        .lines()
                        .filter(l -> l.contains("not kept in the history"))
                        .count(),
                r.toString());
        assertTrue(r.err().contains(notADirectory.toString()), r.toString());
    }
}
