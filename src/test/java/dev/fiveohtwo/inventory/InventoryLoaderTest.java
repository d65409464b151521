package dev.fiveohtwo.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryLoaderTest {
    private static final String SOURCE = "inv.yml";

    private static final String FULL = String.join(
            "\n",
            "defaults:", // 1
            "  user: deploy", // 2
            "  identity: ~/.ssh/id_ed25519", // 3
            "  known-hosts: ~/.ssh/known_hosts_ops", // 4
            "  connect-timeout: 500ms", // 5
            "  command-timeout: 2m", // 6
            "  groups: [prod]", // 7
            "  logs:", // 8
            "    nginx-error: /var/log/nginx/error.log", // 9
            "servers:", // 10
            "  bastion:", // 11
            "    host: bastion.example.com", // 12
            "    port: 2222", // 13
            "  web-01:", // 14
            "    host: 10.0.0.11", // 15
            "    jump: bastion", // 16
            "    user: www", // 17
            "    command-timeout: 7", // 18
            "    groups: [web, prod]", // 19
            "    front-url: https://shop.example.com/health", // 20
            "    logs:", // 21
            "      nginx-error: /srv/log/nginx/error.log", // 22
            "      php-fpm: /var/log/php8.2-fpm.log", // 23
            "    services:", // 24
            "      nginx:", // 25
            "        kind: nginx", // 26
            "        config: /etc/nginx/nginx.conf", // 27
            "      php-fpm:", // 28
            "        kind: php-fpm", // 29
            "        unit: php8.2-fpm", // 30
            "        restart: sudo systemctl restart php8.2-fpm", // 31
            "        process: \"php-fpm: master\"", // 32
            "      worker:", // 33
            "        unit: app-worker@1", // 34
            "  local-box:", // 35
            "    transport: local", // 36
            "");

    @TempDir
    Path home;

    private InventoryLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "not really a key\n");
        loader = new InventoryLoader(home);
    }

    // ---------------------------------------------------------------- valid inventories

    @Test
    void parsesFullInventoryWithDefaultsApplied() {
        Inventory inv = loader.parse(SOURCE, FULL);

        assertEquals(SOURCE, inv.source());
        assertEquals(
                List.of("bastion", "web-01", "local-box"),
                List.copyOf(inv.servers().keySet()));

        Server bastion = inv.servers().get("bastion");
        assertEquals("bastion.example.com", bastion.host());
        assertEquals(2222, bastion.port());
        assertEquals("deploy", bastion.user());
        assertEquals(Optional.of(home.resolve(".ssh/id_ed25519")), bastion.identity());
        assertEquals(home.resolve(".ssh/known_hosts_ops"), bastion.knownHosts());
        assertEquals(Duration.ofMillis(500), bastion.connectTimeout());
        assertEquals(Duration.ofMinutes(2), bastion.commandTimeout());
        assertEquals(Optional.empty(), bastion.jump());
        assertEquals(Transport.SSH, bastion.transport());
        assertEquals(List.of("prod"), bastion.groups());
        assertEquals(Optional.empty(), bastion.frontUrl());
        assertEquals(Map.of("nginx-error", "/var/log/nginx/error.log"), bastion.logs());
        assertTrue(bastion.services().isEmpty());
        assertEquals("deploy@bastion.example.com:2222", bastion.login());
    }

    @Test
    void perServerValuesOverrideDefaults() {
        Server web = loader.parse(SOURCE, FULL).servers().get("web-01");

        assertEquals("10.0.0.11", web.host());
        assertEquals(22, web.port());
        assertEquals("www", web.user());
        assertEquals(Duration.ofSeconds(7), web.commandTimeout());
        assertEquals(Duration.ofMillis(500), web.connectTimeout());
        assertEquals(Optional.of("bastion"), web.jump());
        assertEquals(List.of("web", "prod"), web.groups());
        assertEquals(Optional.of("https://shop.example.com/health"), web.frontUrl());
        // a server's own logs map replaces the default one
        assertEquals(
                Map.of("nginx-error", "/srv/log/nginx/error.log", "php-fpm", "/var/log/php8.2-fpm.log"), web.logs());
        assertEquals("www@10.0.0.11", web.login());
    }

    @Test
    void parsesServicesWithKindUnitRestartProcessAndConfig() {
        Map<String, Service> services =
                loader.parse(SOURCE, FULL).servers().get("web-01").services();

        assertEquals(List.of("nginx", "php-fpm", "worker"), List.copyOf(services.keySet()));
        assertEquals(
                new Service(
                        "nginx",
                        "nginx",
                        "nginx",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("/etc/nginx/nginx.conf")),
                services.get("nginx"));
        assertEquals(
                new Service(
                        "php-fpm",
                        "php-fpm",
                        "php8.2-fpm",
                        Optional.of("sudo systemctl restart php8.2-fpm"),
                        Optional.of("php-fpm: master"),
                        Optional.empty()),
                services.get("php-fpm"));
        assertEquals(
                new Service("worker", "other", "app-worker@1", Optional.empty(), Optional.empty(), Optional.empty()),
                services.get("worker"));
    }

    @Test
    void localServerNeedsNoHostAndIsNotCheckedForIdentity() {
        Server local = loader.parse(SOURCE, FULL).servers().get("local-box");

        assertEquals(Transport.LOCAL, local.transport());
        assertEquals("localhost", local.host());
        assertEquals("local", local.login());
        assertEquals(List.of("prod"), local.groups());
    }

    @Test
    void serverWithEmptyBodyTakesEverythingFromDefaults() {
        Inventory inv = loader.parse(SOURCE, "defaults:\n  transport: local\nservers:\n  box:\n");

        Server box = inv.servers().get("box");
        assertEquals(Transport.LOCAL, box.transport());
        assertEquals("localhost", box.host());
        assertEquals(22, box.port());
        assertEquals(Duration.ofSeconds(5), box.connectTimeout());
        assertEquals(Duration.ofSeconds(20), box.commandTimeout());
        assertEquals(home.resolve(".ssh/known_hosts"), box.knownHosts());
    }

    @Test
    void parsesJsonText() {
        String json = "{\"defaults\": {\"user\": \"ops\"},"
                + " \"servers\": {\"web-01\": {\"host\": \"10.0.0.1\", \"port\": 2222, \"groups\": [\"web\"],"
                + " \"services\": {\"php-fpm\": {\"kind\": \"php-fpm\"}}}}}";

        Server web = loader.parse("inv.json", json).servers().get("web-01");

        assertEquals("10.0.0.1", web.host());
        assertEquals(2222, web.port());
        assertEquals("ops", web.user());
        assertEquals(List.of("web"), web.groups());
        assertEquals("php-fpm", web.services().get("php-fpm").kind());
    }

    @Test
    void acceptsTheOtherFrontsAsServiceKindsAndLogNames() {
        Server web = loader.parse(
                        SOURCE,
                        String.join(
                                "\n",
                                "servers:",
                                "  web:",
                                "    host: a",
                                "    logs:",
                                "      apache-error: /var/log/apache2/error.log",
                                "      haproxy: /var/log/haproxy.log",
                                "      caddy: /var/log/caddy/access.log",
                                "      traefik: /var/log/traefik/access.log",
                                "      envoy: /var/log/envoy/access.log",
                                "    services:",
                                "      apache2: {kind: apache}",
                                "      haproxy: {kind: haproxy}",
                                "      caddy: {kind: caddy}",
                                "      traefik: {kind: traefik}",
                                "      envoy: {kind: envoy}",
                                ""))
                .servers()
                .get("web");

        assertEquals(
                List.of("apache-error", "caddy", "envoy", "haproxy", "traefik"),
                web.logs().keySet().stream().sorted().toList());
        assertEquals(
                List.of("apache", "haproxy", "caddy", "traefik", "envoy"),
                web.services().values().stream().map(Service::kind).toList());
    }

    @Test
    void expandsTildeInIdentityAndKnownHostsToGivenHome() {
        Server web = loader.parse(
                        SOURCE,
                        "servers:\n  web:\n    host: a\n    identity: ~/.ssh/id_ed25519\n"
                                + "    known-hosts: ~/hosts\n")
                .servers()
                .get("web");

        assertEquals(Optional.of(home.resolve(".ssh/id_ed25519")), web.identity());
        assertEquals(home.resolve("hosts"), web.knownHosts());
    }

    @Test
    void expandsLoneTildeToHome() {
        // a local server, because home is a folder, which an ssh server's known-hosts may not be
        Server web = loader.parse(SOURCE, "servers:\n  web:\n    transport: local\n    known-hosts: \"~\"\n")
                .servers()
                .get("web");

        assertEquals(home, web.knownHosts());
    }

    @Test
    void keepsAbsolutePathsAsGiven() {
        Server web = loader.parse(SOURCE, "servers:\n  web:\n    host: a\n    known-hosts: /etc/ssh/ssh_known_hosts\n")
                .servers()
                .get("web");

        assertEquals(Path.of("/etc/ssh/ssh_known_hosts"), web.knownHosts());
        assertEquals(Optional.empty(), web.identity());
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "5s, PT5S", "2m, PT2M", "7, PT7S", "1h, PT1H", "1ms, PT0.001S"})
    void parsesDurations(String text, String expected) {
        Server web = loader.parse(SOURCE, "servers:\n  web:\n    host: a\n    connect-timeout: " + text + "\n")
                .servers()
                .get("web");

        assertEquals(Duration.parse(expected), web.connectTimeout());
    }

    @Test
    void loadsInventoryFromFileNamingItAsSource() throws IOException {
        Path file = home.resolve("inventory.yml");
        Files.writeString(file, FULL);

        Inventory inv = loader.load(file);

        assertEquals(file.toString(), inv.source());
        assertEquals(3, inv.servers().size());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void rejectsUnknownKeyNamingFileLineAndSuggestion() {
        String msg = rejects("servers:\n  web:\n    hots: 10.0.0.1\n");

        assertLine(3, msg);
        assertTrue(msg.contains("hots"), msg);
        assertTrue(msg.contains("unknown key"), msg);
        assertTrue(msg.contains("did you mean 'host'"), msg);
    }

    @Test
    void rejectsUnknownTopLevelKeyWithSuggestion() {
        String msg = rejects("server:\n  web:\n    host: a\n");

        assertLine(1, msg);
        assertTrue(msg.contains("did you mean 'servers'"), msg);
    }

    @Test
    void rejectsUnknownKeyInDefaults() {
        String msg = rejects("defaults:\n  usr: ops\nservers:\n  web:\n    host: a\n");

        assertLine(2, msg);
        assertTrue(msg.contains("defaults.usr"), msg);
        assertTrue(msg.contains("did you mean 'user'"), msg);
    }

    @Test
    void rejectsUnknownServiceKey() {
        String msg = rejects("servers:\n  web:\n    host: a\n    services:\n      nginx:\n        knd: nginx\n");

        assertLine(6, msg);
        assertTrue(msg.contains("knd"), msg);
        assertTrue(msg.contains("did you mean 'kind'"), msg);
    }

    @Test
    void rejectsUnknownLogName() {
        String msg = rejects("servers:\n  web:\n    host: a\n    logs:\n      nginx-eror: /var/log/x\n");

        assertLine(5, msg);
        assertTrue(msg.contains("nginx-eror"), msg);
        assertTrue(msg.contains("did you mean 'nginx-error'"), msg);
    }

    @Test
    void rejectsMissingInventoryServersKey() {
        String msg = rejects("defaults:\n  user: ops\n");

        assertTrue(msg.startsWith(SOURCE + ":"), msg);
        assertTrue(msg.contains("servers"), msg);
        assertTrue(msg.contains("missing"), msg);
    }

    @Test
    void rejectsSshServerWithoutHost() {
        String msg = rejects("servers:\n  web:\n    port: 22\n");

        assertLine(3, msg);
        assertTrue(msg.contains("web.host"), msg);
        assertTrue(msg.contains("missing"), msg);
    }

    @Test
    void rejectsHostThatIsNotAHostName() {
        String msg = rejects("servers:\n  web:\n    host: \"a b; reboot\"\n");

        assertLine(3, msg);
        assertTrue(msg.contains("web.host"), msg);
    }

    @Test
    void rejectsJumpToUnknownServer() {
        String msg = rejects("servers:\n  web:\n    host: a\n    jump: nowhere\n");

        assertLine(3, msg);
        assertTrue(msg.contains("web.jump"), msg);
        assertTrue(msg.contains("'nowhere' is not a server"), msg);
    }

    @Test
    void rejectsJumpCycle() {
        String msg = rejects("servers:\n  a:\n    host: a\n    jump: b\n  b:\n    host: b\n    jump: a\n");

        assertLine(3, msg);
        assertTrue(msg.contains("a.jump"), msg);
        assertTrue(msg.contains("jump cycle"), msg);
    }

    @Test
    void namesTheJumpCycleAsItIsWhateverTheFileOrder() {
        assertEquals(
                SOURCE + ":3: bastion.jump: jump cycle: bastion -> web-02 -> bastion",
                rejects(
                        "servers:\n  bastion:\n    host: b\n    jump: web-02\n  web-02:\n    host: w\n    jump: bastion\n"));
        assertEquals(
                SOURCE + ":3: web-02.jump: jump cycle: web-02 -> bastion -> web-02",
                rejects(
                        "servers:\n  web-02:\n    host: w\n    jump: bastion\n  bastion:\n    host: b\n    jump: web-02\n"));
    }

    @Test
    void reportsACycleOnceByItsMembersNotByAServerLeadingIntoIt() {
        List<String> problems = problems("servers:\n  a:\n    host: a\n    jump: b\n  b:\n    host: b\n    jump: c\n"
                + "  c:\n    host: c\n    jump: b\n");

        assertEquals(List.of(SOURCE + ":6: b.jump: jump cycle: b -> c -> b"), problems);
    }

    @Test
    void rejectsServerJumpingThroughItself() {
        String msg = rejects("servers:\n  a:\n    host: a\n    jump: a\n");

        assertTrue(msg.contains("a.jump"), msg);
        assertTrue(msg.contains("jump cycle"), msg);
    }

    @Test
    void rejectsJumpThroughLocalServer() {
        String msg = rejects("servers:\n  box:\n    transport: local\n  web:\n    host: a\n    jump: box\n");

        assertLine(5, msg);
        assertTrue(msg.contains("web.jump"), msg);
        assertTrue(msg.contains("only between ssh servers"), msg);
    }

    @Test
    void keepsAServerWhoseIdentityIsMissingAndNamesItsProblem() {
        Inventory inv = loader.parse(
                SOURCE, "servers:\n  web:\n    host: a\n    identity: ~/.ssh/id_missing\n  db:\n    host: b\n");

        assertEquals(List.of("web", "db"), List.copyOf(inv.servers().keySet()));
        Unusable u = inv.servers().get("web").unusable().orElseThrow();
        assertEquals("web.identity: " + home.resolve(".ssh/id_missing") + " does not exist", u.message());
        assertEquals(Optional.empty(), inv.servers().get("db").unusable());
        List<String> problems =
                problems("servers:\n  web:\n    host: a\n    identity: ~/.ssh/id_missing\n  db:\n    host: b\n");
        assertEquals(
                List.of(SOURCE + ":4: web.identity: " + home.resolve(".ssh/id_missing") + " does not exist"), problems);
    }

    /** Paths that are not regular files: a device that never ends, a FIFO that blocks, a folder. */
    private List<Path> notRegularFiles() throws IOException, InterruptedException {
        Path fifo = home.resolve("fifo");
        if (!Files.exists(fifo)) {
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString())
                    .redirectErrorStream(true)
                    .start();
            assertEquals(0, mkfifo.waitFor(), () -> "mkfifo failed");
        }
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo));
        return List.of(Path.of("/dev/urandom"), fifo, Files.createDirectories(home.resolve("a-folder")));
    }

    @Test
    void reportsKnownHostsThatIsNotARegularFileForThatServerOnly() throws Exception {
        for (Path path : notRegularFiles()) {
            String text = "servers:\n  web:\n    host: a\n    known-hosts: " + path + "\n  db:\n    host: b\n";
            Inventory inv = loader.parse(SOURCE, text);

            assertEquals(
                    "known-hosts",
                    inv.servers().get("web").unusable().orElseThrow().key());
            assertEquals(Optional.empty(), inv.servers().get("db").unusable());
            assertEquals(List.of(SOURCE + ":4: web.known-hosts: " + path + " is not a regular file"), problems(text));
        }
    }

    @Test
    void reportsIdentityThatIsNotARegularFileForThatServerOnly() throws Exception {
        for (Path path : notRegularFiles()) {
            String text = "servers:\n  web:\n    host: a\n    identity: " + path + "\n";

            assertEquals(
                    "identity",
                    loader.parse(SOURCE, text)
                            .servers()
                            .get("web")
                            .unusable()
                            .orElseThrow()
                            .key());
            assertEquals(List.of(SOURCE + ":4: web.identity: " + path + " is not a regular file"), problems(text));
        }
    }

    @Test
    void aLocalServerIgnoresItsSshFiles() throws Exception {
        Path fifo = notRegularFiles().get(1);
        Server box = loader.parse(SOURCE, "servers:\n  box:\n    transport: local\n    known-hosts: " + fifo + "\n")
                .servers()
                .get("box");

        assertEquals(fifo, box.knownHosts());
        assertEquals(Optional.empty(), box.unusable());
    }

    @Test
    void reportsUnreadableIdentityFile() throws IOException {
        Assumptions.assumeFalse(System.getProperty("user.name").equals("root"), "root reads every file");
        Path key = home.resolve(".ssh/id_locked");
        Files.writeString(key, "secret\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));

        List<String> problems = problems("servers:\n  web:\n    host: a\n    identity: ~/.ssh/id_locked\n");

        assertEquals(List.of(SOURCE + ":4: web.identity: " + key + " is not readable"), problems);
    }

    @Test
    void aMissingIdentityInDefaultsMakesEveryServerUnusableNamingTheDefaultsLine() {
        List<String> problems =
                problems("defaults:\n  identity: /nonexistent/key\nservers:\n  a:\n    host: a\n  b:\n    host: b\n");

        assertEquals(
                List.of(
                        SOURCE + ":2: a.identity: /nonexistent/key does not exist",
                        SOURCE + ":2: b.identity: /nonexistent/key does not exist"),
                problems);
    }

    @Test
    void validateListsEveryStructuralProblemAndEveryUnusableServerAtOnce() {
        String text = String.join(
                "\n",
                "servers:", // 1
                "  a:", // 2
                "    hots: a", // 3
                "  b:", // 4
                "    host: b", // 5
                "    port: 99999", // 6
                "  c:", // 7
                "    host: c", // 8
                "    identity: /nonexistent/key", // 9
                "  d:", // 10
                "    host: d", // 11
                "    jump: nowhere", // 12
                "  e:", // 13
                "    host: e", // 14
                "");

        List<String> problems = problems(text);

        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith(SOURCE + ":3: server 'a'.hots: unknown key"), problems.get(0));
        assertTrue(problems.get(1).startsWith(SOURCE + ":6: port: 99999 is out of range"), problems.get(1));
        assertTrue(problems.get(2).startsWith(SOURCE + ":11: d.jump: 'nowhere' is not a server"), problems.get(2));
        assertEquals(SOURCE + ":9: c.identity: /nonexistent/key does not exist", problems.get(3));
        // and loading stops at the first structural one, as before
        assertEquals(problems.get(0), rejects(text));
    }

    @Test
    void validateFindsNothingWrongWithAGoodInventory() {
        assertEquals(List.of(), problems(FULL));
    }

    @Test
    void validateReportsUnreadableYamlAsItsOnlyProblem() {
        List<String> problems = problems("servers:\n  a: [\n");

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith(SOURCE + ": not valid YAML"), problems.get(0));
    }

    @Test
    void rejectsBadDuration() {
        String msg = rejects("servers:\n  web:\n    host: a\n    connect-timeout: 5 parsecs\n");

        assertLine(4, msg);
        assertTrue(msg.contains("web.connect-timeout"), msg);
        assertTrue(msg.contains("'5 parsecs' is not a duration"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0ms", "2h", "61m", "-5s", "5 s", "1.5s", "5d"})
    void rejectsDurationsOutOfRangeOrMalformed(String text) {
        String msg = rejects("servers:\n  web:\n    host: a\n    command-timeout: \"" + text + "\"\n");

        assertLine(4, msg);
        assertTrue(msg.contains("web.command-timeout"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "70000", "-1"})
    void rejectsPortOutOfRange(String port) {
        String msg = rejects("servers:\n  web:\n    host: a\n    port: " + port + "\n");

        assertLine(4, msg);
        assertTrue(msg.contains("port"), msg);
        assertTrue(msg.contains("out of range 1..65535"), msg);
    }

    @Test
    void rejectsPortThatIsNotANumber() {
        String msg = rejects("servers:\n  web:\n    host: a\n    port: ssh\n");

        assertLine(4, msg);
        assertTrue(msg.contains("'ssh' is not a number"), msg);
    }

    @Test
    void rejectsUnknownTransport() {
        String msg = rejects("servers:\n  web:\n    host: a\n    transport: telnet\n");

        assertLine(4, msg);
        assertTrue(msg.contains("transport"), msg);
        assertTrue(msg.contains("'telnet' is not ssh or local"), msg);
    }

    @Test
    void rejectsUnknownServiceKind() {
        String msg = rejects("servers:\n  web:\n    host: a\n    services:\n      db:\n        kind: database\n");

        assertLine(6, msg);
        assertTrue(msg.contains("web.services.db.kind"), msg);
        assertTrue(msg.contains("'database'"), msg);
        assertTrue(msg.contains("php-fpm"), msg);
    }

    @Test
    void rejectsServiceProcessContainingPipe() {
        String msg = rejects("servers:\n  web:\n    host: a\n    services:\n      app:\n        process: \"a|b\"\n");

        assertLine(6, msg);
        assertTrue(msg.contains("web.services.app.process"), msg);
    }

    @Test
    void rejectsRestartCommandOnSeveralLines() {
        String msg = rejects("servers:\n  web:\n    host: a\n    services:\n      app:\n        restart: \"a\\nb\"\n");

        assertLine(6, msg);
        assertTrue(msg.contains("web.services.app.restart"), msg);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "web-01; rm -rf /",
                "$(reboot)",
                "`reboot`",
                "-oProxyCommand=x",
                "../etc",
                "web 01",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void rejectsHostileServerName(String name) {
        String msg = rejects("servers:\n  \"" + name + "\":\n    host: a\n");

        assertTrue(msg.startsWith(SOURCE + ":"), msg);
        assertTrue(msg.contains("a server name uses letters, digits"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"web\\n01", "web\\r\\n01"})
    void rejectsServerNameWithLineBreak(String escapedName) {
        InventoryException e = assertThrows(
                InventoryException.class,
                () -> loader.parse(SOURCE, "servers:\n  \"" + escapedName + "\":\n    host: a\n"));

        assertTrue(e.getMessage().startsWith(SOURCE + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("a server name uses letters, digits"), e.getMessage());
    }

    @Test
    void rejectsGroupNamedAll() {
        String msg = rejects("servers:\n  web:\n    host: a\n    groups: [web, all]\n");

        assertLine(4, msg);
        assertTrue(msg.contains("web.groups"), msg);
        assertTrue(msg.contains("'all'"), msg);
    }

    @Test
    void rejectsGroupNameWithControlCharactersEscapingThem() {
        String msg = rejects("servers:\n  web:\n    host: a\n    groups: [\"we\\u001b[2Jb\"]\n");

        assertTrue(msg.contains("\\u001b"), msg);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://shop.example.com/a'b",
                "https://shop.example.com/a b",
                "https://x/\\\"y",
                "ftp://shop.example.com/",
                "https://x/$(reboot)",
                "shop.example.com"
            })
    void rejectsUnsafeFrontUrl(String url) {
        String msg = rejects("servers:\n  web:\n    host: a\n    front-url: \"" + url + "\"\n");

        assertLine(4, msg);
        assertTrue(msg.contains("web.front-url"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"var/log/nginx/error.log", "./error.log", "~/error.log", "/var/log/a|b"})
    void rejectsLogPathThatIsNotAbsoluteOrHoldsPipe(String path) {
        String msg = rejects("servers:\n  web:\n    host: a\n    logs:\n      nginx-error: \"" + path + "\"\n");

        assertLine(5, msg);
        assertTrue(msg.contains("web.logs.nginx-error"), msg);
        assertTrue(msg.contains("absolute path"), msg);
    }

    @Test
    void rejectsRelativeNginxConfigPath() {
        String msg =
                rejects("servers:\n  web:\n    host: a\n    services:\n      nginx:\n        config: nginx.conf\n");

        assertLine(6, msg);
        assertTrue(msg.contains("web.services.nginx.config"), msg);
    }

    @Test
    void rejectsListWhereMapExpected() {
        String msg = rejects("servers:\n  - web\n  - db\n");

        assertLine(2, msg);
        assertTrue(msg.contains("expected a map"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"servers: [\n", "servers:\n  web: {host: a\n", "servers:\n  web:\n    host: \"a\n"})
    void rejectsInvalidYaml(String yaml) {
        String msg = rejects(yaml);

        assertTrue(msg.startsWith(SOURCE + ": not valid YAML or JSON"), msg);
        assertTrue(msg.contains("line "), msg);
    }

    @Test
    void rejectsYamlWithRawControlCharacterWithoutEchoingIt() {
        String msg = rejects("servers:\n  web:\n    host: a\u0007b\n");

        assertTrue(msg.startsWith(SOURCE + ": not valid YAML or JSON"), msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "# only a comment\n", "---\n"})
    void rejectsEmptyInventory(String text) {
        String msg = rejects(text);

        assertTrue(msg.startsWith(SOURCE + ":"), msg);
        assertTrue(msg.contains("empty") || msg.contains("expected a map"), msg);
    }

    @Test
    void rejectsFileLargerThanFourMebibytes() throws IOException {
        Path big = home.resolve("big.yml");
        try (Writer w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("servers:\n  web:\n    host: a\n");
            String line = "# " + "x".repeat(1021) + "\n";
            for (int i = 0; i < 5 * 1024; i++) {
                w.write(line);
            }
        }
        assertTrue(Files.size(big) > 5L * 1024 * 1024);

        InventoryException e = assertThrows(InventoryException.class, () -> loader.load(big));

        assertTrue(e.getMessage().startsWith(big.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("larger than 4 MiB"), e.getMessage());
        assertPrintable(e.getMessage());
    }

    @Test
    void rejectsFileThatIsNotUtf8() throws IOException {
        Path file = home.resolve("latin1.yml");
        Files.write(file, new byte[] {'s', 'e', 'r', 'v', 'e', 'r', 's', ':', ' ', (byte) 0xe9, (byte) 0xff, '\n'});

        InventoryException e = assertThrows(InventoryException.class, () -> loader.load(file));

        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void rejectsMissingFile() {
        Path file = home.resolve("absent.yml");

        InventoryException e = assertThrows(InventoryException.class, () -> loader.load(file));

        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void namesFilePathAndLineWhenLoadingBrokenFile() throws IOException {
        Path file = home.resolve("inventory.yml");
        Files.writeString(file, "servers:\n  web:\n    hots: a\n");

        InventoryException e = assertThrows(InventoryException.class, () -> loader.load(file));

        assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
        assertTrue(e.getMessage().contains("hots"), e.getMessage());
    }

    @Test
    void escapesControlCharactersInUnknownKey() {
        String msg = rejects("servers:\n  web:\n    \"ho\\u001b[31mst\": a\n");

        assertLine(3, msg);
        assertTrue(msg.contains("\\u001b"), msg);
    }

    @Test
    void capsLengthOfEchoedUnknownKey() {
        String key = "k".repeat(500);
        String msg = rejects("servers:\n  web:\n    " + key + ": a\n");

        assertFalse(msg.contains(key), "echoed the whole key");
        assertTrue(msg.length() < 300, msg);
    }

    // ---------------------------------------------------------------- helpers

    @Test
    void rejectsAKeyGivenTwice() {
        String message = rejects("servers:\n  web:\n    host: a\n    host: b\n");
        assertTrue(message.contains("appears twice"), message);
        assertLine(4, message);
    }

    @Test
    void rejectsAServerListedTwice() {
        assertTrue(rejects("servers:\n  web: {host: a}\n  web: {host: b}\n").contains("appears twice"));
    }

    @Test
    void escapesControlCharactersOfRejectedNames() {
        for (String name : List.of("\"web\\n01\"", "\"web\\r01\"", "\"web\\e[31m\"")) {
            assertPrintable(rejects("servers:\n  " + name + ":\n    host: a\n"));
        }
        assertPrintable(
                rejects("servers:\n  web:\n    host: a\n    services:\n      \"php\\afpm\": {kind: php-fpm}\n"));
        assertTrue(
                rejects("servers:\n  " + "w".repeat(1000) + ":\n    host: a\n").length() < 300);
    }

    @Test
    void yamlSyntaxErrorsCarryNoTabs() {
        assertPrintable(rejects("servers:\n\tweb: {host: a}\n"));
    }

    private List<String> problems(String text) {
        List<String> problems = loader.validate(SOURCE, text);
        problems.forEach(InventoryLoaderTest::assertPrintable);
        return problems;
    }

    private String rejects(String text) {
        InventoryException e = assertThrows(InventoryException.class, () -> loader.parse(SOURCE, text));
        assertPrintable(e.getMessage());
        return e.getMessage();
    }

    private static void assertLine(int line, String message) {
        assertTrue(
                message.startsWith(SOURCE + ":" + line + ": "), "expected " + SOURCE + ":" + line + ": in: " + message);
    }

    private static void assertPrintable(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            assertFalse(
                    Character.isISOControl(c),
                    "raw control character U+" + String.format("%04X", (int) c) + " at " + i + " in: "
                            + message.replaceAll("\\p{Cntrl}", "?"));
        }
    }
}
