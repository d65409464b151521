package dev.fiveohtwo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each scenario breaks the lab host the way production breaks (real nginx answering real 502s), then runs
 * {@code fiveohtwo check} from the built jar over real OpenSSH and asserts the verdict and the top finding.
 */
class LabScenariosIT {

    @BeforeAll
    static void lab() {
        Lab.requireRoot();
    }

    @AfterAll
    static void stopLab() throws Exception {
        Lab.down();
    }

    /**
     * One row per scenario of deploy/lab/lab.sh: the verdict, the top finding, a text its evidence must quote, and the
     * services offered for restart ({@code -}: none). lab.sh has already checked with curl that the front answered
     * as the scenario says (502 unless noted). Restarts are offered only where the lab inventory has a restart command
     * (php-fpm); behind HAProxy and Caddy, whose lines name no protocol, their configured backends (HTTP in the lab)
     * say that a crash is the app's, not php-fpm's.
     */
    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(delimiter = '|', textBlock = """
        healthy                  | healthy     | (none)                        | -                                                    | -
        php-fpm-stopped          | bad-gateway | upstream-down                 | php-fpm: inactive                                    | php-fpm
        php-fpm-stopped-tcp      | bad-gateway | upstream-down                 | php-fpm: inactive                                    | php-fpm
        wrong-port               | bad-gateway | wrong-upstream-address        | → refused, yet php-fpm is active                     | -
        socket-permission        | bad-gateway | socket-permission             | (13: Permission denied)                              | php-fpm
        upstream-timeout         | bad-gateway | upstream-timeout              | upstream timed out (110: Connection timed out)       | -
        upstream-crash           | bad-gateway | upstream-crashed-mid-response | upstream prematurely closed connection               | -
        header-too-big           | bad-gateway | header-too-big                | upstream sent too big header                         | -
        pool-exhausted           | degraded    | php-fpm-pool-exhausted        | server reached max_children setting                  | php-fpm
        dns-failure              | bad-gateway | dns-resolution                | could not be resolved                                | -
        socket-drift             | bad-gateway | wrong-upstream-address        | php-fpm listens on unix:                             | -
        socket-deleted           | bad-gateway | socket-missing                | (2: No such file or directory)                       | php-fpm
        backlog-full             | degraded    | php-fpm-pool-exhausted        | (11: Resource temporarily unavailable)               | php-fpm
        php-fpm-child-killed     | degraded    | worker-killed                 | exited on signal 9 (SIGKILL)                         | php-fpm
        keepalive-race-post      | degraded    | upstream-keepalive-race       | while sending request to upstream                    | -
        fastcgi-to-http-port     | bad-gateway | invalid-upstream-response     | upstream sent unsupported FastCGI protocol version   | -
        http-to-uwsgi-socket     | bad-gateway | invalid-upstream-response     | invalid request block size                           | -
        https-to-http-port       | bad-gateway | tls-to-plain-http-port        | wrong version number                                 | -
        upstream-group-down      | bad-gateway | no-live-upstreams             | no live upstreams while connecting to upstream       | -
        gunicorn-worker-timeout  | degraded    | gunicorn-worker-timeout       | [CRITICAL] WORKER TIMEOUT                            | -
        uwsgi-harakiri           | degraded    | uwsgi-harakiri                | HARAKIRI ON WORKER                                   | -
        apache-upstream-crash    | bad-gateway | upstream-crashed-mid-response | AH01102: error reading status line                   | -
        apache-upstream-timeout  | bad-gateway | upstream-timeout              | (70007)The timeout specified has expired             | -
        apache-fcgi-child-killed | degraded    | worker-killed                 | exited on signal 9 (SIGKILL)                         | php-fpm
        haproxy-upstream-crash   | bad-gateway | upstream-crashed-mid-response | SH--                                                 | -
        haproxy-invalid-response | bad-gateway | invalid-upstream-response     | PH--                                                 | -
        caddy-upstream-down      | bad-gateway | upstream-down                 | connect: connection refused                          | -
        caddy-php-fpm-stopped    | bad-gateway | upstream-down                 | php-fpm: inactive                                    | php-fpm
        caddy-upstream-crash     | bad-gateway | upstream-crashed-mid-response | "msg":"EOF"                                          | -
        """)
    @SuppressWarnings("unchecked")
    void checkOverSshFindsTheCauseOfEachBreakage(
            String scenario, String verdict, String top, String quote, String restart) throws Exception {
        Lab.scenario(scenario);
        Lab.Run run = Lab.fiveohtwo("check", "lab", "--inventory", Lab.INVENTORY.toString(), "--format", "json");
        assertEquals(0, run.exit(), () -> run.out() + run.err());
        Map<String, Object> report = Lab.json(run.out());
        List<Map<String, Object>> findings = (List<Map<String, Object>>) report.get("findings");
        String describe = scenario + ": "
                + findings.stream()
                        .map(f -> f.get("id") + " " + f.get("confidence") + " " + f.get("evidence"))
                        .toList();
        assertEquals(true, report.get("reachable"), describe);
        assertEquals(verdict, report.get("verdict"), describe);
        assertEquals(top, findings.isEmpty() ? "(none)" : findings.get(0).get("id"), describe);
        if (findings.isEmpty()) {
            return;
        }
        List<String> evidence = (List<String>) findings.get(0).get("evidence");
        assertTrue(
                evidence.stream().anyMatch(l -> l.contains(quote)),
                "the evidence does not quote '" + quote + "': " + describe);
        List<String> offered = ((List<Map<String, Object>>) findings.get(0).get("restart"))
                .stream().map(o -> (String) o.get("service")).toList();
        assertEquals(restart.equals("-") ? List.of() : List.of(restart.split(" ")), offered, describe);
    }

    @Test
    void socketDriftNamesBothSocketPathsAndOffersNoRestart() throws Exception {
        Lab.scenario("socket-drift");
        Lab.Run run = Lab.fiveohtwo("check", "lab", "--inventory", Lab.INVENTORY.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(
                run.out().contains("wrong-upstream-address") || run.out().contains("wrong upstream address"),
                run.out());
        assertTrue(run.out().contains(Lab.DIR.resolve("php/php8.1-fpm.sock").toString()), run.out());
        // the socket beside the configured one comes first (other php-fpm pools on the host may follow)
        assertTrue(run.out().contains("listens on unix:" + Lab.DIR.resolve("php/php-fpm.sock") + ","), run.out());
        assertTrue(
                !run.out().contains("restart php-fpm: sudo -n"),
                "a restart offered for a configuration mistake: " + run.out());
    }

    @Test
    void textReportShowsVerdictCauseEvidenceAndRestartCommand() throws Exception {
        Lab.scenario("php-fpm-stopped");
        Lab.Run run = Lab.fiveohtwo("check", "lab", "--inventory", Lab.INVENTORY.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("lab — 502 Bad Gateway"), run.out());
        assertTrue(run.out().contains("(2: No such file or directory)"), run.out());
        assertTrue(run.out().contains("restart php-fpm: sudo -n"), run.out());
        assertTrue(!run.out().contains("\033["), "colour codes when not on a terminal");
    }

    @Test
    void savedRawOutputReplaysToTheSameTopFinding() throws Exception {
        Lab.scenario("socket-permission");
        Path saved = Files.createTempFile("lab-socket-permission", ".txt");
        Lab.Run run =
                Lab.fiveohtwo("check", "lab", "--inventory", Lab.INVENTORY.toString(), "--save", saved.toString());
        assertEquals(0, run.exit(), run.err());
        String raw = Files.readString(saved);
        assertTrue(raw.contains("### saved probes") && raw.contains("socket root|root|600"), raw);
    }

    @Test
    void unknownHostKeyOfARealOpenSshServerIsAFindingNotAnAccept() throws Exception {
        Lab.scenario("healthy");
        Path empty = Files.createTempFile("known_hosts", "");
        Path inventory = Files.createTempFile("inventory", ".yml");
        Files.writeString(
                inventory,
                Files.readString(Lab.INVENTORY)
                        .replace(Lab.DIR.resolve("ssh/known_hosts").toString(), empty.toString()));
        Lab.Run run = Lab.fiveohtwo("check", "lab", "--inventory", inventory.toString());
        assertEquals(3, run.exit(), run.out() + run.err());
        assertTrue(
                run.out().contains("host key not trusted")
                        && run.out().contains("SHA256:")
                        && run.out().contains("ssh-keyscan -p " + Lab.SSH_PORT + " -t ed25519 127.0.0.1"),
                run.out());
        assertEquals(0L, Files.size(empty), "known_hosts was written to");
    }
}
