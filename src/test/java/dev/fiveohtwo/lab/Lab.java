package dev.fiveohtwo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives deploy/lab/lab.sh and the built jar. The lab needs root and deploy/lab/install.sh. The lab's directory and
 * ports come from the same FIVEOHTWO_LAB_* environment variables lab.sh reads (its processes inherit this
 * environment), so a second lab on other ports is checked where it really listens.
 */
final class Lab {
    static final Path DIR =
            Path.of(setting("FIVEOHTWO_LAB_DIR", System.getProperty("fiveohtwo.lab.dir", "/tmp/fiveohtwo-lab")));
    static final int SSH_PORT = Integer.parseInt(setting("FIVEOHTWO_LAB_SSH_PORT", "2222"));
    static final Path INVENTORY = DIR.resolve("inventory.yml");
    static final Path JAR = Path.of("target/fiveohtwo.jar");

    private Lab() {}

    private static String setting(String variable, String fallback) {
        String v = System.getenv(variable);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Output and exit code of a finished process. */
    record Run(int exit, String out, String err) {}

    static void requireRoot() {
        assertEquals("root", System.getProperty("user.name"), "the lab tests need root: run them as .ci/run does");
    }

    /** Resets the lab host to healthy and breaks it as {@code name} says. */
    static void scenario(String name) throws Exception {
        Run r = run(List.of("deploy/lab/lab.sh", "scenario", name));
        assertEquals(0, r.exit(), () -> "lab.sh scenario " + name + " failed:\n" + r.out() + r.err());
    }

    static void down() throws Exception {
        run(List.of("deploy/lab/lab.sh", "down"));
    }

    /** {@code java -jar target/fiveohtwo.jar ARGS}. */
    static Run fiveohtwo(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) throws IOException {
        return ObjectMapper.getDefault().readValue(text, Map.class);
    }

    static Run run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        var outText = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(out));
        var errText = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(err));
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), outText.get(), errText.get());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
