package dev.fiveohtwo.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** One in-process run of the CLI as {@code Main} runs it: exit code, standard output and standard error. */
record CliRun(int exit, String out, String err) {
    static final String DATABASE = "datasources.default.url";

    /**
     * Runs {@code args}; runs are serialised, since standard output is one per JVM. Unless the test names a database
     * ({@value #DATABASE}), the run keeps its reports in a database of its own, deleted afterwards: no run sees
     * another's history, and none writes to ./data.
     */
    static synchronized CliRun of(String... args) {
        if (System.getProperty(DATABASE) != null) {
            return run(args);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("fiveohtwo-cli-run");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(DATABASE, url(dir.resolve("fiveohtwo")));
        try {
            return run(args);
        } finally {
            System.clearProperty(DATABASE);
            delete(dir);
        }
    }

    /** The URL of an H2 file database as serve's default names it, at {@code file} (without .mv.db). */
    static String url(Path file) {
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static CliRun run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.run(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
