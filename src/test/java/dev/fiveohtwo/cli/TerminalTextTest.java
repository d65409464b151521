package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.knowledge.Finding;
import dev.fiveohtwo.knowledge.Severity;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.triage.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What reaches the terminal: untrusted text escaped, the CLI's own colours and status line intact. */
class TerminalTextTest {
    /** A title-setting OSC, a screen clear, a bell, a right-to-left override, a zero-width space, C1 and DEL. */
    static final String HOSTILE =
            "a\u001b]0;pwned\u0007b\u001b[2Jc\u202ed\u200be\u0085f\u007fg\rh\u2066i\u061cj\ufeffk\u2060l";

    static final String SHOWN =
            "a\\u001b]0;pwned\\u0007b\\u001b[2Jc\\u202ed\\u200be\\u0085f\\u007fg\\rh\\u2066i\\u061cj\\ufeffk\\u2060l";

    private static void assertNothingHidden(String out) {
        out.codePoints()
                .forEach(c -> assertFalse(
                        c != '\n' && c != '\t' && dev.fiveohtwo.system.Printable.hidden(c),
                        () -> String.format("raw U+%04X in: %s", c, dev.fiveohtwo.system.Printable.line(out))));
    }

    @Test
    void filteredStreamShowsControlsBidiAndZeroWidthEscapedAndKeepsNewlinesAndTabs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = TerminalText.stream(bytes);

        out.println(HOSTILE + "\tend");
        out.printf("%s%n", "✔ ok");

        assertEquals(SHOWN + "\tend\n✔ ok\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bytesWrittenOneAtATimeAreEscapedAsWholeCharacters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = TerminalText.stream(bytes);

        for (byte b : ("é✔𝄞" + HOSTILE).getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
        }
        out.flush();

        assertEquals("é✔𝄞" + SHOWN, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void colouredReportCleansServerTextAndKeepsItsOwnColours() {
        Finding f = new Finding(
                "upstream-down",
                "down\u001b[31m",
                Severity.CRITICAL,
                0.9,
                List.of("why\u202e"),
                List.of("log " + HOSTILE),
                true,
                List.of(),
                List.of());
        Report r = new Report(
                "web-01",
                "fiveohtwo@10.0.0.1",
                true,
                Verdict.BAD_GATEWAY,
                10,
                Instant.EPOCH,
                List.of(f),
                List.of("note\u001b[2J"),
                Optional.empty(),
                List.of());

        String text = new TextReport(true).render(r);

        assertTrue(text.startsWith("\u001b[31;1m✖ web-01 — 502 Bad Gateway: down\\u001b[31m\u001b[0m\n"), text);
        assertTrue(text.contains("│ \u001b[0mlog " + SHOWN + "\n"), text);
        assertTrue(text.contains("why: why\\u202e"), text);
        assertTrue(text.contains("note: note\\u001b[2J"), text);
        assertNothingHidden(text.replaceAll("\u001b\\[[0-9;]+m", ""));
    }

    @Test
    void progressLineEscapesASectionNameFromTheServer() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1);

        p.section("web-01", "log:app\u001b]0;pwned\u0007\n");

        assertEquals(
                "\r\u001b[2Kchecking web-01… log:app\\u001b]0;pwned\\u0007\\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
