package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Server text with one secret of each kind the redactor knows (src/test/resources/secrets): nginx error-log
 * lines, each with a marker ({@code *9001}...) that shows the line itself reached the output.
 */
public final class SecretFixture {
    private static final Path DIR = Path.of("src/test/resources/secrets");
    private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private SecretFixture() {}

    /** The error-log lines, stamped {@code at}. */
    public static String nginxErrorLog(LocalDateTime at) {
        return read("nginx-error.log").replace("@TIME@", NGINX_TIME.format(at));
    }

    /** Every secret in the lines: none of them may reach any output. */
    public static List<String> secrets() {
        return read("secrets.txt").lines().filter(l -> !l.isBlank()).toList();
    }

    /** The marker of each line. */
    public static List<String> markers() {
        return IntStream.rangeClosed(1, (int) read("nginx-error.log").lines().count())
                .mapToObj(i -> "*" + (9000 + i))
                .toList();
    }

    /** Each line reached {@code output} (its marker is there) and not one secret did. */
    public static void assertMasked(String what, String output) {
        for (String marker : markers()) {
            assertTrue(
                    output.contains(marker),
                    () -> what + ": the line " + marker + " is not shown at all, so this proves nothing:\n" + output);
        }
        for (String secret : secrets()) {
            assertFalse(output.contains(secret), () -> what + ": '" + secret + "' survived in:\n" + output);
        }
    }

    private static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
