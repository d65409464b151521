package dev.fiveohtwo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host running several nginx or php-fpm masters (instances, containers): the check reads the configuration of the nginx that
 * listens on the front's port, not the first in {@code ps}, says which it read, and tells php-fpm versions apart. Real
 * nginx on loopback.
 */
@Timeout(120)
class SeveralInstancesTest {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    @TempDir
    Path dir;

    private final List<Path> started = new ArrayList<>();
    private int portA;
    private int portB;
    private int upstreamA;
    private int upstreamB;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts an nginx master with its own prefix, listening on {@code port} and proxying to {@code upstream}. */
    private void nginx(String name, int port, int upstream) throws Exception {
        Path prefix = Files.createDirectories(dir.resolve(name));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "error_log " + prefix.resolve("error.log") + ";",
                        "pid " + prefix.resolve("nginx.pid") + ";",
                        "events { worker_connections 16; }",
                        "http {",
                        "  access_log off;",
                        "  client_body_temp_path " + prefix.resolve("body") + "; proxy_temp_path "
                                + prefix.resolve("proxy") + ";",
                        "  fastcgi_temp_path " + prefix.resolve("fcgi") + "; uwsgi_temp_path " + prefix.resolve("uwsgi")
                                + ";",
                        "  scgi_temp_path " + prefix.resolve("scgi") + ";",
                        "  server { listen 127.0.0.1:" + port + "; location / { proxy_pass http://127.0.0.1:" + upstream
                                + "/; } }",
                        "}",
                        ""),
                StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(NGINX.toString(), "-c", conf.toString(), "-p", prefix.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "nginx did not daemonise");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "nginx " + name + " did not start: " + out);
        started.add(prefix);
        for (int i = 0; i < 300 && !Files.exists(prefix.resolve("nginx.pid")); i++) {
            Thread.sleep(100);
        }
    }

    @BeforeEach
    void twoInstances() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed");
        portA = freePort();
        portB = freePort();
        upstreamA = freePort();
        upstreamB = freePort();
        nginx("a", portA, upstreamA);
        nginx("b", portB, upstreamB);
    }

    @AfterEach
    void stopInstances() throws Exception {
        for (Path prefix : started) {
            Path pid = prefix.resolve("nginx.pid");
            if (Files.exists(pid)) {
                new ProcessBuilder("kill", Files.readString(pid).strip())
                        .start()
                        .waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private JsonNode check(int frontPort) throws IOException {
        Path log = Files.writeString(dir.resolve("front-error.log"), "");
        Path inventory = dir.resolve("inventory.yml");
        Files.writeString(
                inventory,
                String.join(
                        "\n",
                        "servers:",
                        "  web-01:",
                        "    transport: local",
                        "    command-timeout: 60s",
                        "    front-url: http://127.0.0.1:" + frontPort + "/",
                        "    logs:",
                        "      nginx-error: " + log,
                        ""),
                StandardCharsets.UTF_8);
        CliRun run = CliRun.of("check", "web-01", "--inventory", inventory.toString(), "--format", "json");
        return JsonMapper.createDefault().readValue(run.out().strip(), JsonNode.class);
    }

    private static String text(JsonNode array) {
        StringBuilder s = new StringBuilder();
        array.values().forEach(v -> s.append(v.getStringValue()).append('\n'));
        return s.toString();
    }

    @Test
    void readsTheConfigurationOfTheInstanceServingTheFrontPort() throws IOException {
        JsonNode report = check(portB);

        String passes = text(report.get("checks").get("nginx").get("passes"));
        assertTrue(passes.contains("127.0.0.1:" + upstreamB), passes);
        assertFalse(passes.contains("127.0.0.1:" + upstreamA), passes);
        String notes = text(report.get("notes"));
        assertTrue(notes.contains("read " + dir.resolve("b").resolve("nginx.conf")), notes);
        assertTrue(notes.contains("the one listening on the front's port " + portB), notes);
        assertEquals("bad-gateway", report.get("verdict").getStringValue(), "instance b proxies to a closed port");
    }

    @Test
    void tellsTwoPhpFpmVersionsApartByTheirMasters() throws Exception {
        assumeTrue(!Files.isDirectory(Path.of("/run/systemd/system")), "with systemd the units tell them apart");
        List<Process> masters = new ArrayList<>();
        try {
            for (String v : List.of("7.4", "8.1")) {
                masters.add(new ProcessBuilder(
                                "bash",
                                "-c",
                                "exec -a 'php-fpm: master process (/etc/php/" + v + "/fpm/php-fpm.conf)' sleep 300")
                        .start());
                // ps counts a process's age in whole seconds: the second master is measurably younger
                Thread.sleep(2_500);
            }
            JsonNode report = check(portB);

            List<String> names = new ArrayList<>();
            List<Long> since = new ArrayList<>();
            for (JsonNode s : report.get("checks").get("services").values()) {
                if (s.get("kind").getStringValue().equals("php-fpm")) {
                    assertEquals("active", s.get("state").getStringValue(), s.toString());
                    names.add(s.get("name").getStringValue());
                    since.add(s.get("sinceEpoch").getLongValue());
                }
            }
            assertEquals(List.of("php7.4-fpm", "php8.1-fpm"), names);
            assertTrue(
                    since.get(1) > since.get(0), "each version is its own master, not the first one twice: " + since);
        } finally {
            masters.forEach(Process::destroy);
        }
    }

    @Test
    void saysItGuessedWhenNoInstanceListensOnTheFrontPort() throws IOException {
        JsonNode report = check(freePort());

        String notes = text(report.get("notes"));
        assertTrue(notes.contains("as a guess: none listens on the front's port"), notes);
    }
}
