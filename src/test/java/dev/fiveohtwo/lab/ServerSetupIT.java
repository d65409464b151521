package dev.fiveohtwo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/server/setup.sh run inside the lab host: the user it creates can check the host over SSH and
 * restart exactly the allowed command, and sudo refuses anything else.
 */
class ServerSetupIT {
    static final String USER = "fiveohtwo-setup";
    static final Path KEY = Lab.DIR.resolve("ssh/id_ed25519");

    @BeforeAll
    static void setUp() throws Exception {
        Lab.requireRoot();
        Lab.scenario("php-fpm-stopped");
        Lab.Run r = Lab.run(List.of(
                "deploy/server/setup.sh",
                "--user",
                USER,
                "--public-key",
                KEY + ".pub",
                "--restart",
                Path.of("deploy/lab/lab.sh").toAbsolutePath() + " restart php-fpm"));
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    @AfterAll
    static void tearDown() throws Exception {
        Lab.run(List.of("userdel", "-r", USER));
        Files.deleteIfExists(Path.of("/etc/sudoers.d/" + USER));
        Lab.down();
    }

    private static Lab.Run ssh(String command) throws Exception {
        return Lab.run(List.of(
                "ssh",
                "-p",
                String.valueOf(Lab.SSH_PORT),
                "-i",
                KEY.toString(),
                "-o",
                "BatchMode=yes",
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "UserKnownHostsFile=" + Lab.DIR.resolve("ssh/known_hosts"),
                "-o",
                "StrictHostKeyChecking=yes",
                USER + "@127.0.0.1",
                command));
    }

    @Test
    void theSudoersDropInPassesVisudoAndNamesOnlyTheGivenCommands() throws Exception {
        Path dropIn = Path.of("/etc/sudoers.d/" + USER);
        assertEquals(
                0, Lab.run(List.of("visudo", "-c", "-f", dropIn.toString())).exit());
        List<String> rules = Files.readAllLines(dropIn).stream()
                .filter(l -> l.contains("NOPASSWD"))
                .toList();
        assertEquals(2, rules.size(), rules.toString());
        assertTrue(rules.stream().allMatch(l -> !l.contains("*") && !l.contains("ALL=(ALL)")), rules.toString());
        assertEquals("*", Lab.run(List.of("getent", "shadow", USER)).out().split(":")[1], "the account has a password");
    }

    @Test
    void theNewUserCanCheckTheHost() throws Exception {
        Path inventory = Files.createTempFile("inventory", ".yml");
        Files.writeString(inventory, Files.readString(Lab.INVENTORY).replace("user: fiveohtwo", "user: " + USER));
        Lab.Run run = Lab.fiveohtwo("check", "lab", "--inventory", inventory.toString(), "--format", "json");
        assertEquals(0, run.exit(), run.err());
        Map<String, Object> report = Lab.json(run.out());
        assertEquals("bad-gateway", report.get("verdict"), run.out());
        assertTrue(run.out().contains("upstream-down"), run.out());
    }

    @Test
    void sudoRunsTheAllowedRestartAndRefusesAnythingElse() throws Exception {
        Lab.Run allowed = ssh("sudo -n " + Path.of("deploy/lab/lab.sh").toAbsolutePath() + " restart php-fpm");
        assertEquals(0, allowed.exit(), allowed.out() + allowed.err());
        for (String other : List.of(
                "sudo -n /usr/bin/id",
                "sudo -n " + Path.of("deploy/lab/lab.sh").toAbsolutePath() + " down",
                "sudo -n /bin/sh -c id")) {
            Lab.Run refused = ssh(other);
            assertNotEquals(0, refused.exit(), other + " was allowed: " + refused.out());
            assertFalse(refused.out().contains("uid=0"), other);
        }
    }

    @Test
    void aWildcardOrShellCharacterIsRefusedAndNothingIsInstalled() throws Exception {
        Lab.Run r = Lab.run(List.of(
                "deploy/server/setup.sh",
                "--dry-run",
                "--user",
                "fiveohtwo-nope",
                "--public-key",
                KEY + ".pub",
                "--restart",
                "systemctl restart *"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("wildcards"), r.err());
        assertFalse(Files.exists(Path.of("/etc/sudoers.d/fiveohtwo-nope")));
    }
}
