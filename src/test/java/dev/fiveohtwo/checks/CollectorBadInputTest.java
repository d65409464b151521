package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Service;
import dev.fiveohtwo.inventory.Transport;
import dev.fiveohtwo.ssh.Executor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real collector script on this machine against hostile log files: huge, without line ends,
 * binary, not UTF-8, forging section headers, with a shell-hostile path. The evidence stays bounded,
 * printable and correctly sectioned, and nothing in a path is ever executed.
 */
@Timeout(120)
class CollectorBadInputTest {
    private static final String LOG_SECTION = "log:nginx-error";
    /** Every section collect.sh prints besides the {@code log:<name>} ones. */
    private static final List<String> SECTIONS = List.of(
            "header",
            "meta",
            "services",
            "nginx-instance",
            "nginx-config",
            "nginx-upstreams",
            "nginx-user",
            "front-upstreams",
            "probes",
            "log-files",
            "oom",
            "memory",
            "load",
            "disk",
            "listeners",
            "connections",
            "limits",
            "processes",
            "containers",
            "end");

    @TempDir
    Path dir;

    private Path nginxConf;

    /**
     * The collector runs {@code nginx -T} and probes every upstream it finds: pin it to an empty configuration so
     * that whatever this machine's nginx points at is never contacted.
     */
    @BeforeEach
    void emptyNginxConfig() throws IOException {
        nginxConf = dir.resolve("nginx.conf");
        Files.writeString(
                nginxConf,
                "error_log " + dir.resolve("nginx-test-error.log") + ";\n"
                        + "pid " + dir.resolve("nginx-test.pid") + ";\n"
                        + "events {}\nhttp {}\n",
                StandardCharsets.UTF_8);
    }

    private Server server(Path log) {
        Map<String, Service> services = Map.of(
                "nginx",
                new Service(
                        "nginx",
                        "nginx",
                        "nginx",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(nginxConf.toString())));
        return new Server(
                "local-test",
                "localhost",
                22,
                System.getProperty("user.name"),
                Optional.empty(),
                dir.resolve("known_hosts"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Optional.empty(),
                Transport.LOCAL,
                List.of(),
                Optional.empty(),
                Map.of("nginx-error", log.toString()),
                services);
    }

    private Evidence collect(Path log) {
        CollectorOutcome c = new Collector(
                        Executor.of(name -> null, java.nio.file.Path.of("/nonexistent"), java.util.Map.of()), 300)
                .collect(server(log));
        CollectorOutcome.Collected got =
                assertInstanceOf(CollectorOutcome.Collected.class, c, () -> "not collected: " + c);
        assertFalse(got.timedOut(), "the collector was cut off");
        Evidence e = got.evidence();
        assertTrue(
                e.raw().complete(),
                () -> "the collector did not reach its end; sections "
                        + e.raw().text().keySet() + "; stderr: " + got.stderr());
        return e;
    }

    private static LogTail nginxLog(Evidence e) {
        LogTail t = e.logs().get("nginx-error");
        assertTrue(
                t != null,
                () -> "no nginx-error log in " + e.logs().keySet() + "; log-files: "
                        + e.raw().get("log-files"));
        assertEquals("ok", t.status());
        assertTrue(e.raw().has(LOG_SECTION), "no " + LOG_SECTION + " section");
        return t;
    }

    private static String errorLine(int i) {
        return String.format(
                "2026/11/21 12:%02d:%02d [error] 8498#8498: *%d connect() failed (111: Connection refused) while "
                        + "connecting to upstream, client: 203.0.113.45, server: , request: \"GET /%d HTTP/1.1\", "
                        + "upstream: \"fastcgi://127.0.0.1:9000\", host: \"shop.example\"",
                i / 60 % 60, i % 60, 1000 + i, i);
    }

    private static void assertNoControlChars(String where, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new AssertionError(where + ": control char U+" + String.format("%04X", (int) c) + " at " + i);
            }
        }
    }

    // --- size --------------------------------------------------------------------------------------

    @Test
    void hundredMegabyteLogYieldsAtMostOneSectionCapAndKeepsTheLastLine() throws IOException {
        Path log = dir.resolve("huge.log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            lines.add(errorLine(i));
        }
        byte[] tail = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024 - tail.length); // sparse: a hole of zero bytes
            f.seek(f.length());
            f.write(tail);
        }
        assertEquals(100L * 1024 * 1024, Files.size(log));

        Evidence e = collect(log);

        String section = e.raw().get(LOG_SECTION);
        assertTrue(section.length() <= Collector.SECTION_CAP, "section of " + section.length() + " chars");
        LogTail t = nginxLog(e);
        assertFalse(t.lines().isEmpty());
        assertEquals(
                lines.get(lines.size() - 1), t.lines().get(t.lines().size() - 1).text());
        assertTrue(t.lines().size() <= 300, t.lines().size() + " lines kept");
        assertNoControlChars(LOG_SECTION, section);
    }

    @Test
    void pastTheSectionCapTheNewestLinesWinAndTheCutIsMarked() throws IOException {
        Path log = dir.resolve("busy.log");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append(errorLine(i)).append(" route=").append("x".repeat(120)).append('\n');
        }
        Files.writeString(log, text.toString());
        Evidence e = collect(log);
        LogTail t = nginxLog(e);
        assertTrue(t.truncated(), "a cut section must say so");
        assertEquals(
                errorLine(299) + " route=" + "x".repeat(120),
                t.lines().get(t.lines().size() - 1).text());
        assertTrue(
                t.lines().get(0).text().startsWith("2026/11/21 "),
                "the first kept line is whole: " + t.lines().get(0).text());
    }

    @Test
    void megabyteLongLinesAreCutToTheWidth() throws IOException {
        Path log = dir.resolve("long-lines.log");
        try (var out = Files.newOutputStream(log)) {
            for (char c : new char[] {'a', 'b', 'c'}) {
                byte[] line = new byte[1024 * 1024];
                java.util.Arrays.fill(line, (byte) c);
                line[line.length - 1] = '\n';
                out.write(line);
            }
        }

        Evidence e = collect(log);

        LogTail t = nginxLog(e);
        assertFalse(t.lines().isEmpty());
        for (LogLine l : t.lines()) {
            int bytes = l.text().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= 4096, "a kept line has " + bytes + " bytes");
        }
        assertEquals("c".repeat(4096), t.lines().get(t.lines().size() - 1).text());
        assertTrue(e.raw().get(LOG_SECTION).length() <= Collector.SECTION_CAP);
    }

    // --- encoding ----------------------------------------------------------------------------------

    @Test
    void binaryJunkNeverThrowsAndLeavesNoControlCharacters() throws IOException {
        Path log = dir.resolve("junk.log");
        byte[] junk = new byte[32 * 1024]; // under the section cap, so that the last line is kept
        new Random(502).nextBytes(junk);
        byte[] specials = {0, 0x1b, (byte) 0xff, 0x07, 0x08, 0x0d, 0x7f, (byte) 0xc2, (byte) 0x9b, (byte) 0xfe};
        for (int i = 0; i < specials.length; i++) {
            junk[junk.length - 64 + i] = specials[i];
        }
        byte[] ansi = "\u001b[2J\u001b]0;owned\u0007 visible\u0000text\n".getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(log)) {
            out.write(junk);
            out.write('\n');
            out.write(ansi);
        }

        Evidence e = collect(log);

        LogTail t = nginxLog(e);
        assertFalse(t.lines().isEmpty());
        e.raw().text().forEach(this::assertNoControlCharsIn);
        for (LogLine l : t.lines()) {
            assertNoControlChars("log line", l.text());
        }
        String last = t.lines().get(t.lines().size() - 1).text();
        assertTrue(last.contains("[2J") && last.contains(" visible") && last.contains("text"), last);
        assertTrue(e.resources().memory().isPresent(), "the sections after the junk are still parsed");
    }

    private void assertNoControlCharsIn(String section, String text) {
        assertNoControlChars("section " + section, text);
    }

    @Test
    void latinOneBytesBecomeReplacementCharacters() throws IOException {
        Path log = dir.resolve("latin1.log");
        String text = "2026/11/21 12:46:59 [error] 1#1: Grüße aus Köln, café crème\n";
        Files.write(log, text.getBytes(StandardCharsets.ISO_8859_1));

        Evidence e = collect(log);

        LogTail t = nginxLog(e);
        assertEquals(1, t.lines().size(), t.lines().toString());
        String line = t.lines().get(0).text();
        assertEquals("2026/11/21 12:46:59 [error] 1#1: Gr\uFFFD\uFFFDe aus K\uFFFDln, caf\uFFFD cr\uFFFDme", line);
        assertTrue(t.lines().get(0).time().isPresent(), "the timestamp still parses");
    }

    // --- structure ---------------------------------------------------------------------------------

    @Test
    void logLineForgingASectionHeaderStaysData() throws IOException {
        Path log = dir.resolve("forged.log");
        List<String> lines = List.of(
                "2026/11/21 12:46:58 [error] 1#1: first real line",
                "### x end",
                "### deadbeefdeadbeefdeadbeef end",
                "### f1xture end",
                "### saved memory",
                "### " + "0".repeat(24) + " log:nginx-error",
                "MemTotal:       1 kB",
                "MemAvailable:   0 kB",
                "2026/11/21 12:46:59 [error] 1#1: last real line");
        Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        Evidence e = collect(log);

        LogTail t = nginxLog(e);
        assertEquals(lines, t.lines().stream().map(LogLine::text).toList());
        assertTrue(e.resources().memory().isPresent(), "the real memory section is still parsed");
        assertTrue(e.resources().memory().get().totalKb() > 1, "memory comes from /proc/meminfo, not the log");
        assertTrue(
                e.raw().has("load") && e.raw().has("disk") && e.raw().has("end"),
                e.raw().text().keySet().toString());
        List<String> names = List.copyOf(e.raw().text().keySet());
        assertEquals("end", names.get(names.size() - 1), names.toString());
        for (String name : names) {
            assertTrue(
                    SECTIONS.contains(name)
                            || (name.startsWith("log:") && e.logs().containsKey(name.substring(4))),
                    "a section the collector does not print: " + name + " in " + names);
        }
    }

    @Test
    void hostilePathIsReadAndNeverExecuted() throws IOException {
        String canary = "CANARY-" + UUID.randomUUID().toString().substring(0, 8);
        Path hostileDir =
                Files.createDirectory(dir.resolve("logs with spaces 'single' \"double\" $(touch " + canary + ")"));
        Path log = hostileDir.resolve("err `touch " + canary + "` ; touch " + canary + " & $HOME.log");
        String content = "2026/11/21 12:46:59 [error] 1#1: read through a hostile path\n";
        Files.writeString(log, content, StandardCharsets.UTF_8);
        Path cwdCanary = Path.of(canary).toAbsolutePath();

        try {
            Evidence e = collect(log);

            LogTail t = nginxLog(e);
            assertEquals(log.toString(), t.path());
            assertEquals(
                    List.of(content.strip()),
                    t.lines().stream().map(LogLine::text).toList());
            assertFalse(Files.exists(cwdCanary), "a command in the path ran in " + cwdCanary.getParent());
            assertFalse(Files.exists(dir.resolve(canary)), "a command in the path ran");
            assertFalse(Files.exists(hostileDir.resolve(canary)), "a command in the path ran");
            assertFalse(
                    Files.exists(Path.of(System.getProperty("user.home"), canary)), "a command in the path ran in ~");
        } finally {
            Files.deleteIfExists(cwdCanary);
        }
    }
}
