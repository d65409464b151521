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

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource({
        "healthy,              healthy,     (none)",
        "php-fpm-stopped,      bad-gateway, upstream-down",
        "php-fpm-stopped-tcp,  bad-gateway, upstream-down",
        "wrong-port,           bad-gateway, wrong-upstream-address",
        "socket-permission,    bad-gateway, socket-permission",
        "upstream-timeout,     bad-gateway, upstream-timeout",
        "upstream-crash,       bad-gateway, upstream-crashed-mid-response",
        "header-too-big,       bad-gateway, header-too-big",
        "pool-exhausted,       degraded,    php-fpm-pool-exhausted",
        "dns-failure,          bad-gateway, dns-resolution",
    })
    @SuppressWarnings("unchecked")
    void checkOverSshFindsTheCauseOfEachBreakage(String scenario, String verdict, String top) throws Exception {
        Lab.scenario(scenario);
        Lab.Run run = Lab.fiveohtwo("check", "lab", "--inventory", Lab.INVENTORY.toString(), "--format", "json");
        assertEquals(0, run.exit(), () -> run.out() + run.err());
        Map<String, Object> report = Lab.json(run.out());
        List<Map<String, Object>> findings = (List<Map<String, Object>>) report.get("findings");
        String describe = scenario + ": " + findings.stream().map(f -> f.get("id") + " " + f.get("confidence")).toList();
        assertEquals(true, report.get("reachable"), describe);
        assertEquals(verdict, report.get("verdict"), describe);
        assertEquals(top, findings.isEmpty() ? "(none)" : findings.get(0).get("id"), describe);
        if (!findings.isEmpty()) {
            assertTrue(!((List<String>) findings.get(0).get("evidence")).isEmpty(), "a finding without evidence: " + describe);
        }
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
        Lab.Run run = Lab.fiveohtwo("check", "lab", "--inventory", Lab.INVENTORY.toString(), "--save", saved.toString());
        assertEquals(0, run.exit(), run.err());
        String raw = Files.readString(saved);
        assertTrue(raw.contains("### saved probes") && raw.contains("socket root|root|600"), raw);
    }

    @Test
    void unknownHostKeyOfARealOpenSshServerIsAFindingNotAnAccept() throws Exception {
        Lab.scenario("healthy");
        Path empty = Files.createTempFile("known_hosts", "");
        Path inventory = Files.createTempFile("inventory", ".yml");
        Files.writeString(inventory, Files.readString(Lab.INVENTORY).replace(Lab.DIR.resolve("ssh/known_hosts").toString(), empty.toString()));
        Lab.Run run = Lab.fiveohtwo("check", "lab", "--inventory", inventory.toString());
        assertEquals(3, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("host key not trusted") && run.out().contains("SHA256:") && run.out().contains("ssh-keyscan -p 2222 -t ed25519 127.0.0.1"), run.out());
        assertEquals(0L, Files.size(empty), "known_hosts was written to");
    }
}
