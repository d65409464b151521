package dev.fiveohtwo.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShellQuoteTest {
    @TempDir
    static Path dir;

    /** The charset the JVM uses for process arguments. */
    private static final Charset ARGS = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    static Stream<String> hostileWords() {
        String canary = dir.resolve("canary").toString();
        return Stream.of(
                "",
                "plain",
                "two words",
                "'",
                "''",
                "it's",
                "'; touch " + canary + "; echo '",
                "\"",
                "\"$HOME\"",
                "$HOME",
                "${HOME}",
                "$(touch " + canary + ")",
                "`touch " + canary + "`",
                "a; touch " + canary,
                "a | touch " + canary,
                "a && touch " + canary,
                "a\ntouch " + canary,
                "line1\nline2\n",
                "\n",
                "back\\slash\\",
                "\\'",
                "'\\''",
                "*",
                "/*",
                "?",
                "[a-z]*",
                "~",
                "~root",
                "-n",
                "--help",
                "%s %d %%",
                "#comment",
                "a\tb",
                "!!",
                "{a,b}",
                "> " + canary,
                "< /etc/passwd",
                "héllo wörld ✓ 日本語 🚀",
                "\u001b[31mred\u001b[0m",
                "\u00a0nbsp",
                "x".repeat(10_000));
    }

    @ParameterizedTest
    @MethodSource("hostileWords")
    void shellPrintsQuotedWordLiterally(String word) throws Exception {
        Assumptions.assumeTrue(ARGS.newEncoder().canEncode(word), "word not passable as a process argument here");

        String printed = runShell("printf '%s' " + ShellQuote.quote(word));

        assertEquals(word, printed);
        assertFalse(Files.exists(dir.resolve("canary")), "the shell ran a command hidden in: " + word);
    }

    @ParameterizedTest
    @MethodSource("hostileWords")
    void quotedWordStaysOneArgument(String word) throws Exception {
        Assumptions.assumeTrue(ARGS.newEncoder().canEncode(word), "word not passable as a process argument here");

        String printed = runShell("set -- " + ShellQuote.quote(word) + "; printf '%s' \"$#\"");

        assertEquals("1", printed);
        assertFalse(Files.exists(dir.resolve("canary")), "the shell ran a command hidden in: " + word);
    }

    @Test
    void quotesWithSingleQuotesAndEscapesEmbeddedOnes() {
        assertEquals("'abc'", ShellQuote.quote("abc"));
        assertEquals("''", ShellQuote.quote(""));
        assertEquals("'it'\\''s'", ShellQuote.quote("it's"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0", "a\0b", "abc\0"})
    void refusesNul(String word) {
        assertThrows(IllegalArgumentException.class, () -> ShellQuote.quote(word));
    }

    @Test
    void commandLineQuotesEveryWord() {
        Exec exec = new Exec(
                List.of("ls", "-l", "a b", "it's", "$(reboot)"), new byte[0], 1024, java.time.Duration.ofSeconds(1));

        assertEquals("'ls' '-l' 'a b' 'it'\\''s' '$(reboot)'", exec.commandLine());
    }

    @Test
    void commandLineReachesProgramAsSameWords() throws Exception {
        String canary = dir.resolve("canary").toString();
        List<String> argv =
                List.of("printf", "[%s]", "a b", "it's", "$(touch " + canary + ")", "`id`", "*", "x\ny", "");
        Exec exec = new Exec(argv, new byte[0], 1024, java.time.Duration.ofSeconds(1));

        String printed = runShell(exec.commandLine());

        assertEquals("[a b][it's][$(touch " + canary + ")][`id`][*][x\ny][]", printed);
        assertFalse(Files.exists(dir.resolve("canary")));
    }

    @Test
    void commandLineRefusesNulInAnyWord() {
        Exec exec = new Exec(List.of("echo", "a\0b"), new byte[0], 1024, java.time.Duration.ofSeconds(1));

        assertThrows(IllegalArgumentException.class, exec::commandLine);
    }

    @Test
    void execNeedsAProgram() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Exec(List.of(), new byte[0], 1024, java.time.Duration.ofSeconds(1)));
    }

    @Test
    void execKeepsItsOwnCopyOfArguments() {
        List<String> argv = new ArrayList<>(List.of("ls"));
        Exec exec = new Exec(argv, new byte[0], 1024, java.time.Duration.ofSeconds(1));
        argv.add("; reboot");

        assertEquals(List.of("ls"), exec.argv());
        assertThrows(UnsupportedOperationException.class, () -> exec.argv().add("x"));
    }

    private static String runShell(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("shell did not finish");
        }
        assertEquals(0, p.exitValue(), () -> "shell failed: " + new String(out, ARGS));
        return new String(out, ARGS);
    }
}
