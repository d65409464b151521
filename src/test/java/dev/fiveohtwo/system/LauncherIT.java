package dev.fiveohtwo.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/bin/fiveohtwo on the packaged jar: the first run records a start-up archive, the next runs map it, and a
 * damaged archive changes nothing but the start-up time. Once with the JVM running the build (AppCDS on JDK 17) and
 * once with the launcher's own choice (JDK 25's AOT cache when it is installed).
 */
@Timeout(600)
class LauncherIT {
    private static final Path LAUNCHER = Path.of("deploy/bin/fiveohtwo").toAbsolutePath();
    private static final Path JAR = Path.of("target/fiveohtwo.jar").toAbsolutePath();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Stream<String> javas() {
        return Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "");
    }

    private Run launch(String java, Map<String, String> extra, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("FIVEOHTWO_") || k.equals("JAVA_HOME") || k.equals("JAVA_OPTS"));
        pb.environment().put("FIVEOHTWO_JAR", JAR.toString());
        pb.environment().put("FIVEOHTWO_CACHE", dir.resolve("cache").toString());
        if (!java.isEmpty()) {
            pb.environment().put("FIVEOHTWO_JAVA", java);
        }
        pb.environment().putAll(extra);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not end: " + command);
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The archive the first run of a command left, once it is in place (JDK 25 writes it in the background). */
    private Path archive(String kind) throws Exception {
        Path cache = dir.resolve("cache");
        for (int i = 0; i < 600; i++) {
            if (Files.isDirectory(cache)) {
                try (Stream<Path> files = Files.list(cache)) {
                    List<Path> done = files.filter(f -> f.toString().endsWith("-" + kind + ".jsa")
                                    || f.toString().endsWith("-" + kind + ".aot"))
                            .toList();
                    if (!done.isEmpty()) {
                        assertEquals(1, done.size(), done.toString());
                        return done.get(0);
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no archive in " + cache);
    }

    @ParameterizedTest
    @MethodSource("javas")
    void secondRunMapsTheArchiveAndADamagedOneIsIgnored(String java) throws Exception {
        Run first = launch(java, Map.of(), "--version");
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.out().matches("fiveohtwo \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), first.toString());
        assertEquals("", first.err(), first.toString());
        archive("other");

        Run recording = launch(java, Map.of(), "kb", "list");
        assertEquals(0, recording.exit(), recording.toString());
        assertEquals("", recording.err(), recording.toString());
        Path archive = archive("kb");

        Path classes = dir.resolve("classes.txt");
        Run second = launch(java, Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), "kb", "list");
        assertEquals(0, second.exit(), second.toString());
        assertTrue(second.out().contains("upstream-down "), second.toString());
        assertEquals("", second.err(), second.toString());
        assertTrue(
                Files.readAllLines(classes).stream()
                        .anyMatch(l -> l.contains("dev.fiveohtwo.cli.Main source: shared objects file")),
                "Main was not mapped from " + archive);

        assertEquals(recording.out(), second.out());

        Files.write(archive, "not an archive".repeat(1000).getBytes(StandardCharsets.UTF_8));
        Run damaged = launch(java, Map.of(), "kb", "list");
        assertEquals(0, damaged.exit(), damaged.toString());
        assertEquals(second.out(), damaged.out());
        assertEquals("", damaged.err(), damaged.toString());
    }
}
