package dev.fiveohtwo.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Transport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real SSH on loopback against an embedded server: authentication, host keys, jump hosts, limits. */
class SshExecutorTest {
    @TempDir
    static Path dir;

    static Path clientKey;
    static TestSshServer target;
    static TestSshServer bastion;
    static Path knownHosts;

    @BeforeAll
    static void startServers() throws Exception {
        clientKey = TestSshServer.clientKey(dir);
        target = TestSshServer.start(dir, "target", dir.resolve("authorized_keys"));
        bastion = TestSshServer.start(dir, "bastion", dir.resolve("authorized_keys"));
        knownHosts = dir.resolve("known_hosts");
        Files.write(knownHosts, List.of(target.knownHostsLine(), bastion.knownHostsLine()));
    }

    @AfterAll
    static void stopServers() throws Exception {
        target.close();
        bastion.close();
    }

    private static Server server(String name, int port, Path known, Optional<String> jump, Duration commandTimeout) {
        return new Server(
                name,
                "127.0.0.1",
                port,
                System.getProperty("user.name"),
                Optional.of(clientKey),
                known,
                Duration.ofSeconds(5),
                commandTimeout,
                jump,
                Transport.SSH,
                List.of(),
                Optional.empty(),
                Map.of(),
                Map.of());
    }

    private static Executor executor(Server... servers) {
        Map<String, Server> byName = new HashMap<>();
        for (Server s : servers) {
            byName.put(s.name(), s);
        }
        return Executor.of(byName::get, dir.resolve("no-home"), Map.of());
    }

    private static Exec exec(String... argv) {
        return new Exec(List.of(argv), new byte[0], 1 << 20, Duration.ofSeconds(10));
    }

    @Test
    void runsCommandWithKeyAuthAndReturnsItsExitStatus() {
        Server s = server("web", target.port(), knownHosts, Optional.empty(), Duration.ofSeconds(10));
        ExecOutcome out = executor(s).run(s, exec("sh", "-c", "echo hello; echo oops >&2; exit 7"));
        ExecOutcome.Completed c = assertInstanceOf(ExecOutcome.Completed.class, out);
        assertEquals(7, c.exitStatus());
        assertEquals("hello\n", new String(c.stdout(), StandardCharsets.UTF_8));
        assertEquals("oops\n", c.stderr());
        assertFalse(c.truncated());
    }

    @Test
    void feedsStandardInputToTheCommand() {
        Server s = server("web", target.port(), knownHosts, Optional.empty(), Duration.ofSeconds(10));
        ExecOutcome out = executor(s)
                .run(
                        s,
                        new Exec(
                                List.of("sh", "-s", "--", "a b"),
                                "echo \"[$1]\"\n".getBytes(StandardCharsets.UTF_8),
                                1024,
                                Duration.ofSeconds(10)));
        assertEquals(
                "[a b]\n",
                new String(assertInstanceOf(ExecOutcome.Completed.class, out).stdout(), StandardCharsets.UTF_8));
    }

    @Test
    void passesHostileArgumentsAsLiteralWords() throws Exception {
        Path canary = dir.resolve("canary");
        String hostile = "a'b\"c $(touch " + canary + ") `touch " + canary + "`; touch " + canary + " | x\\y\n*";
        Server s = server("web", target.port(), knownHosts, Optional.empty(), Duration.ofSeconds(10));
        ExecOutcome out = executor(s).run(s, exec("printf", "%s", hostile));
        assertEquals(
                hostile,
                new String(assertInstanceOf(ExecOutcome.Completed.class, out).stdout(), StandardCharsets.UTF_8));
        assertFalse(Files.exists(canary), "an argument was run by the remote shell");
    }

    @Test
    void refusesUnknownHostKeyAndShowsFingerprintAndKeyscanLine() throws Exception {
        Path empty = Files.writeString(dir.resolve("known_hosts_empty"), "");
        Server s = server("web", target.port(), empty, Optional.empty(), Duration.ofSeconds(10));
        ExecOutcome.Unreachable u =
                assertInstanceOf(ExecOutcome.Unreachable.class, executor(s).run(s, exec("true")));
        assertEquals(ExecOutcome.Reason.HOST_KEY_UNKNOWN, u.reason());
        assertTrue(u.detail().contains("SHA256:"), u.detail());
        assertTrue(u.hint().contains("ssh-keyscan -p " + target.port() + " -t ecdsa 127.0.0.1 >> " + empty), u.hint());
    }

    @Test
    void refusesChangedHostKey() throws Exception {
        // the bastion's key recorded under the target's name: the target now "presents a different key"
        String wrong = bastion.knownHostsLine().replace("]:" + bastion.port(), "]:" + target.port());
        Path changed = Files.writeString(dir.resolve("known_hosts_changed"), wrong + "\n");
        Server s = server("web", target.port(), changed, Optional.empty(), Duration.ofSeconds(10));
        ExecOutcome.Unreachable u =
                assertInstanceOf(ExecOutcome.Unreachable.class, executor(s).run(s, exec("true")));
        assertEquals(ExecOutcome.Reason.HOST_KEY_CHANGED, u.reason());
        assertTrue(u.hint().contains("ssh-keygen -R [127.0.0.1]:" + target.port()), u.hint());
    }

    @Test
    void ignoresAnSshConfigThatTurnsHostKeyCheckingOff() throws Exception {
        Path home = dir.resolve("home-with-config");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(
                home.resolve(".ssh/config"), "Host *\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n");
        Path empty = Files.writeString(dir.resolve("known_hosts_empty2"), "");
        Server s = server("web", target.port(), empty, Optional.empty(), Duration.ofSeconds(10));
        ExecOutcome out = Executor.of(n -> null, home, Map.of()).run(s, exec("true"));
        assertEquals(
                ExecOutcome.Reason.HOST_KEY_UNKNOWN,
                assertInstanceOf(ExecOutcome.Unreachable.class, out).reason());
    }

    @Test
    void resolvesAHostAliasFromSshConfig() throws Exception {
        Path home = dir.resolve("home-with-alias");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(
                home.resolve(".ssh/config"), "Host web-alias\n  HostName 127.0.0.1\n  Port " + target.port() + "\n");
        Server s = new Server(
                "web",
                "web-alias",
                22,
                System.getProperty("user.name"),
                Optional.of(clientKey),
                knownHosts,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Optional.empty(),
                Transport.SSH,
                List.of(),
                Optional.empty(),
                Map.of(),
                Map.of());
        ExecOutcome out = Executor.of(n -> null, home, Map.of()).run(s, exec("echo", "aliased"));
        assertEquals(
                "aliased\n",
                new String(
                        assertInstanceOf(ExecOutcome.Completed.class, out, out::toString)
                                .stdout(),
                        StandardCharsets.UTF_8));
    }

    @Test
    void reachesTargetThroughJumpHost() {
        Server jump = server("bastion", bastion.port(), knownHosts, Optional.empty(), Duration.ofSeconds(10));
        Server s = server("web", target.port(), knownHosts, Optional.of("bastion"), Duration.ofSeconds(10));
        ExecOutcome out = executor(jump, s).run(s, exec("echo", "via-jump"));
        assertEquals(
                "via-jump\n",
                new String(assertInstanceOf(ExecOutcome.Completed.class, out).stdout(), StandardCharsets.UTF_8));
    }

    @Test
    void reportsAJumpHostFailureAsSuch() throws Exception {
        int closed = closedPort();
        Server jump = server("bastion", closed, knownHosts, Optional.empty(), Duration.ofSeconds(10));
        Server s = server("web", target.port(), knownHosts, Optional.of("bastion"), Duration.ofSeconds(10));
        ExecOutcome.Unreachable u = assertInstanceOf(
                ExecOutcome.Unreachable.class, executor(jump, s).run(s, exec("true")));
        assertEquals(ExecOutcome.Reason.JUMP_FAILED, u.reason());
        assertTrue(u.detail().contains("bastion") && u.detail().contains("refused"), u.detail());
    }

    @Test
    void cutsOffACommandAtTheDeadlineKeepingItsOutput() {
        Server s = server("web", target.port(), knownHosts, Optional.empty(), Duration.ofMillis(1500));
        ExecOutcome out = executor(s)
                .run(
                        s,
                        new Exec(
                                List.of("sh", "-c", "echo started; sleep 30"),
                                new byte[0],
                                1024,
                                Duration.ofMillis(1500)));
        ExecOutcome.TimedOut t = assertInstanceOf(ExecOutcome.TimedOut.class, out);
        assertEquals("started\n", new String(t.stdout(), StandardCharsets.UTF_8));
        // TimedOut (not Completed after the 30 s sleep) is the proof; how long it took depends on the machine
    }

    @Test
    void theExecsDeadlineRulesNotTheServersCommandTimeout() {
        Server s = server("web", target.port(), knownHosts, Optional.empty(), Duration.ofHours(1));
        ExecOutcome out = executor(s)
                .run(
                        s,
                        new Exec(
                                List.of("sh", "-c", "echo started; sleep 30"),
                                new byte[0],
                                1024,
                                Duration.ofMillis(1500)));
        ExecOutcome.TimedOut t = assertInstanceOf(ExecOutcome.TimedOut.class, out);
        assertEquals(Duration.ofMillis(1500), t.deadline());
    }

    @Test
    void runsALocalServersCommandOnThisMachineNotOverSsh() {
        // port 1 of loopback has no sshd: only a local run can complete
        Server s = new Server(
                "here",
                "127.0.0.1",
                1,
                "nobody",
                Optional.empty(),
                dir.resolve("none"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Optional.empty(),
                Transport.LOCAL,
                List.of(),
                Optional.empty(),
                Map.of(),
                Map.of());
        ExecOutcome out = executor(s).run(s, exec("sh", "-c", "echo local"));
        ExecOutcome.Completed c = assertInstanceOf(ExecOutcome.Completed.class, out);
        assertEquals("local\n", new String(c.stdout(), StandardCharsets.UTF_8));
    }

    @Test
    void capsOutputAndSaysSo() {
        Server s = server("web", target.port(), knownHosts, Optional.empty(), Duration.ofSeconds(20));
        ExecOutcome out = executor(s)
                .run(
                        s,
                        new Exec(
                                List.of("head", "-c", "3000000", "/dev/zero"),
                                new byte[0],
                                1000,
                                Duration.ofSeconds(20)));
        ExecOutcome.Completed c = assertInstanceOf(ExecOutcome.Completed.class, out);
        assertEquals(1000, c.stdout().length);
        assertTrue(c.truncated());
    }

    @Test
    void classifiesARefusedConnection() throws Exception {
        Server s = server("web", closedPort(), knownHosts, Optional.empty(), Duration.ofSeconds(10));
        ExecOutcome.Unreachable u =
                assertInstanceOf(ExecOutcome.Unreachable.class, executor(s).run(s, exec("true")));
        assertEquals(ExecOutcome.Reason.REFUSED, u.reason());
    }

    @Test
    void classifiesAServerThatNeverSpeaksAsTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Server s = new Server(
                    "web",
                    "127.0.0.1",
                    silent.getLocalPort(),
                    "x",
                    Optional.of(clientKey),
                    knownHosts,
                    Duration.ofMillis(700),
                    Duration.ofSeconds(5),
                    Optional.empty(),
                    Transport.SSH,
                    List.of(),
                    Optional.empty(),
                    Map.of(),
                    Map.of());
            ExecOutcome.Unreachable u =
                    assertInstanceOf(ExecOutcome.Unreachable.class, executor(s).run(s, exec("true")));
            assertEquals(ExecOutcome.Reason.TIMEOUT, u.reason());
        }
    }

    @Test
    void classifiesARejectedKeyAsAuthFailure() throws Exception {
        Path otherDir = Files.createDirectories(dir.resolve("other"));
        Path otherKey = TestSshServer.clientKey(otherDir);
        Server s = new Server(
                "web",
                "127.0.0.1",
                target.port(),
                "x",
                Optional.of(otherKey),
                knownHosts,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Optional.empty(),
                Transport.SSH,
                List.of(),
                Optional.empty(),
                Map.of(),
                Map.of());
        ExecOutcome.Unreachable u =
                assertInstanceOf(ExecOutcome.Unreachable.class, executor(s).run(s, exec("true")));
        assertEquals(ExecOutcome.Reason.AUTH_FAILED, u.reason());
        assertTrue(u.hint().contains("authorized_keys"), u.hint());
    }

    /**
     * A known-hosts or identity path that became a FIFO or a device after the inventory was loaded: reading it
     * would block or never end. The check says so instead, without trying.
     */
    @Test
    // a separate thread: a thread blocked opening a FIFO ignores interrupts, so only this fails the test then
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void refusesKnownHostsAndIdentityThatAreNotRegularFiles() throws Exception {
        Path fifo = dir.resolve("known_hosts_fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        int port = closedPort();
        Server viaFifo = server("web", port, fifo, Optional.empty(), Duration.ofSeconds(5));
        ExecOutcome.Unreachable u = assertInstanceOf(
                ExecOutcome.Unreachable.class, executor(viaFifo).run(viaFifo, exec("true")));
        assertEquals(ExecOutcome.Reason.KNOWN_HOSTS_UNUSABLE, u.reason());
        assertEquals("web.known-hosts: " + fifo + " is not a regular file", u.detail());

        Server withDevice = new Server(
                "web",
                "127.0.0.1",
                port,
                "fiveohtwo",
                Optional.of(Path.of("/dev/urandom")),
                knownHosts,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Optional.empty(),
                Transport.SSH,
                List.of(),
                Optional.empty(),
                Map.of(),
                Map.of());
        u = assertInstanceOf(ExecOutcome.Unreachable.class, executor(withDevice).run(withDevice, exec("true")));
        assertEquals(ExecOutcome.Reason.KEY_UNUSABLE, u.reason());
        assertEquals("web.identity: /dev/urandom is not a regular file", u.detail());
    }

    /** A key removed under a running bot: the next check says which file, and never reaches the server. */
    @Test
    void aMissingKeyIsReportedWithItsPathBeforeConnecting() throws Exception {
        Path gone = dir.resolve("id_removed");
        Server s = new Server(
                "web",
                "127.0.0.1",
                target.port(),
                "fiveohtwo",
                Optional.of(gone),
                knownHosts,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Optional.empty(),
                Transport.SSH,
                List.of(),
                Optional.empty(),
                Map.of(),
                Map.of());

        ExecOutcome.Unreachable u =
                assertInstanceOf(ExecOutcome.Unreachable.class, executor(s).run(s, exec("true")));

        assertEquals(ExecOutcome.Reason.KEY_UNUSABLE, u.reason());
        assertEquals("web.identity: " + gone + " does not exist", u.detail());
        assertTrue(u.hint().contains("fiveohtwo inventory validate"), u.hint());
    }

    @Test
    void aJumpHostWhoseKeyIsMissingFailsTheJumpNamingThatHostAndItsFile() throws Exception {
        Path gone = dir.resolve("id_bastion_removed");
        Server jump = new Server(
                "bastion",
                "127.0.0.1",
                bastion.port(),
                "fiveohtwo",
                Optional.of(gone),
                knownHosts,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Optional.empty(),
                Transport.SSH,
                List.of(),
                Optional.empty(),
                Map.of(),
                Map.of());
        Server web = server("web", target.port(), knownHosts, Optional.of("bastion"), Duration.ofSeconds(5));

        ExecOutcome.Unreachable u = assertInstanceOf(
                ExecOutcome.Unreachable.class, executor(jump, web).run(web, exec("true")));

        assertEquals(ExecOutcome.Reason.JUMP_FAILED, u.reason());
        assertTrue(
                u.detail()
                        .startsWith("via bastion (fiveohtwo@127.0.0.1:" + bastion.port()
                                + "): private key unusable — bastion.identity: " + gone + " does not exist"),
                u.detail());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
