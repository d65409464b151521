package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Transport;
import dev.fiveohtwo.ssh.ExecOutcome;
import dev.fiveohtwo.ssh.Executor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Server text is masked where it becomes evidence: every typed field, every raw section and stderr. */
class CollectorSecretsTest {
    private static final Server SERVER = new Server(
            "web-01",
            "127.0.0.1",
            22,
            "fiveohtwo",
            Optional.empty(),
            Path.of("/dev/null"),
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            Optional.empty(),
            Transport.SSH,
            List.of(),
            Optional.empty(),
            Map.of(),
            Map.of());

    /** An executor that answers with collector output carrying the secret fixture, under the nonce it was given. */
    private static Executor printing(String stderr) {
        return (server, exec, listener) -> {
            String nonce = exec.argv().stream()
                    .filter(a -> a.startsWith("nonce="))
                    .findFirst()
                    .orElseThrow()
                    .substring(6);
            String h = "### " + nonce + " ";
            String out = h + "header\nversion=1\n" + h + "log-files\nnginx-error|/var/log/nginx/error.log|ok|5|1\n"
                    + h + "log:nginx-error\n" + SecretFixture.nginxErrorLog(LocalDateTime.of(2026, 11, 21, 10, 0))
                    + "\n"
                    + h + "probes\nfront|http://127.0.0.1/|refused|0|Authorization: Bearer ProbeFixtureSecret\n" + h
                    + "end\n";
            return new ExecOutcome.Completed(
                    1, out.getBytes(StandardCharsets.UTF_8), stderr, false, Duration.ofMillis(5));
        };
    }

    @Test
    void evidenceRawSectionsAndStderrCarryNoSecret() {
        CollectorOutcome c =
                new Collector(printing("sh: login with password=StderrFixtureSecret failed\n"), 300).collect(SERVER);

        CollectorOutcome.Collected got = assertInstanceOf(CollectorOutcome.Collected.class, c);
        Evidence e = got.evidence();
        String lines =
                e.logs().get("nginx-error").lines().stream().map(LogLine::text).collect(Collectors.joining("\n"));
        assertEquals(5, e.logs().get("nginx-error").lines().size(), lines);
        SecretFixture.assertMasked("parsed log lines", lines);
        SecretFixture.assertMasked(
                "raw sections", String.join("\n", e.raw().text().values()));
        String all = String.join("\n", e.raw().text().values()) + got.stderr();
        for (String secret : List.of("ProbeFixtureSecret", "StderrFixtureSecret")) {
            org.junit.jupiter.api.Assertions.assertFalse(all.contains(secret), () -> secret + " survived in:\n" + all);
        }
        assertEquals("sh: login with password=[REDACTED] failed\n", got.stderr());
    }
}
