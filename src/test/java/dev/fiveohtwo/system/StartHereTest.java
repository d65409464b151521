package dev.fiveohtwo.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Start here" works for root without sudo and for a user with sudo, and its test command is what CI
 * runs. {@code deploy/lab/as-root} is run with a PATH of stand-ins for {@code id} and {@code sudo}, so both cases
 * are tried whoever runs the build.
 */
class StartHereTest {
    private static final Pattern BARE_SUDO = Pattern.compile("(^|&&|\\|\\||;|\\|)\\s*sudo\\s");

    @TempDir
    Path bin;

    private static String startHere() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Start here");
        return readme.substring(start, readme.indexOf("\n## ", start + 1));
    }

    @Test
    void theStartHereCommandsNeverCallSudoThemselves() throws IOException {
        for (String line :
                startHere().lines().filter(l -> !l.strip().startsWith("#")).toList()) {
            assertFalse(BARE_SUDO.matcher(line).find(), line);
        }
        for (String line : Files.readAllLines(Path.of(".ci/run"))) {
            assertFalse(BARE_SUDO.matcher(line).find() && !line.strip().startsWith("#"), line);
        }
    }

    @Test
    void theReadmeTestCommandIsTheCiScript() throws IOException {
        List<String> blocks = List.of(startHere().split("```"));
        String firstBlock = blocks.get(1);
        assertTrue(firstBlock.lines().anyMatch(l -> l.strip().equals("deploy/lab/as-root .ci/run")), firstBlock);
        assertTrue(Files.isExecutable(Path.of(".ci/run")));
        assertTrue(Files.readString(Path.of(".ci/run")).contains("deploy/lab/as-root"));
    }

    private void stub(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int exit, String out) {}

    private Run asRoot(String... command) throws Exception {
        Files.createSymbolicLink(
                bin.resolve("printf"),
                Path.of(Files.exists(Path.of("/usr/bin/printf")) ? "/usr/bin/printf" : "/bin/printf"));
        List<String> args = new java.util.ArrayList<>(
                List.of(Path.of("deploy/lab/as-root").toAbsolutePath().toString()));
        args.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        pb.environment().put("PATH", bin.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    @Test
    void asRootRunsTheCommandItselfForRootWithoutSudo() throws Exception {
        stub("id", "echo 0");

        Run r = asRoot("printf", "ran:%s", "install.sh");

        assertEquals(new Run(0, "ran:install.sh"), r);
    }

    @Test
    void asRootGoesThroughSudoForAnotherUser() throws Exception {
        stub("id", "echo 1000");
        stub("sudo", "printf 'sudo:'; exec \"$@\"");

        Run r = asRoot("printf", "ran:%s", "install.sh");

        assertEquals(new Run(0, "sudo:ran:install.sh"), r);
    }

    @Test
    void asRootSaysWhatIsMissingForAnotherUserWithoutSudo() throws Exception {
        stub("id", "echo 1000");

        Run r = asRoot("printf", "ran");

        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("not root and no sudo"), r.out());
        assertFalse(r.out().contains("ran"), r.out());
    }
}
