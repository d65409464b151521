package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.inventory.Manager;
import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Service;
import dev.fiveohtwo.inventory.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real collector with stand-ins for {@code ps}, {@code pm2}, {@code supervisorctl}, {@code docker} and
 * {@code nginx} first on its PATH, so that it sees a host with all six fronts, PM2, supervisord and Docker without any
 * of them installed (and without touching what runs on this machine): what it reads of each is what a real one prints.
 * Every address probed is on loopback.
 */
@Timeout(120)
class CollectorSourcesTest {
    @TempDir
    static Path dir;

    static ServerSocket dependencyUp;
    static int dependencyDown;
    static ServerSocketChannel pm2Daemon;
    static Sections detected;
    static Evidence managed;

    @BeforeAll
    static void collect() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path pm2Home = Files.createDirectories(dir.resolve("pm2"));
        // pm2 jlist is asked only of a daemon that is there: its socket
        pm2Daemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        pm2Daemon.bind(UnixDomainSocketAddress.of(pm2Home.resolve("rpc.sock")));
        dependencyUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            dependencyDown = s.getLocalPort();
        }
        Path pm2Log = dir.resolve("api-error.log");
        Files.writeString(pm2Log, "Error: connect ECONNREFUSED 127.0.0.1:5432\n");
        Files.writeString(dir.resolve("haproxy.cfg"), "backend be_app\n    server web1 127.0.0.1:21 check\n");
        Files.writeString(dir.resolve("Caddyfile"), "shop.example {\n    reverse_proxy localhost:22\n}\n");
        Path traefikDir = Files.createDirectories(dir.resolve("traefik"));
        Files.writeString(
                dir.resolve("traefik.yml"),
                String.join(
                        "\n",
                        "entryPoints:",
                        "  web:",
                        "    address: \":80\"",
                        "providers:",
                        "  file:",
                        "    directory: " + traefikDir,
                        ""));
        Files.writeString(
                traefikDir.resolve("app.yml"),
                String.join(
                        "\n",
                        "http:",
                        "  services:",
                        "    app:",
                        "      loadBalancer:",
                        "        servers:",
                        "          - url: \"http://127.0.0.1:23/\"",
                        "          - url: 'http://127.0.0.1:24'",
                        ""));
        Files.writeString(
                traefikDir.resolve("api.toml"),
                String.join(
                        "\n",
                        "[http.services.api.loadBalancer]",
                        "  [[http.services.api.loadBalancer.servers]]",
                        "    url = \"http://127.0.0.1:25/\"",
                        ""));
        Files.writeString(
                dir.resolve("envoy.yaml"),
                String.join(
                        "\n",
                        "static_resources:",
                        "  listeners:",
                        "  - name: listener_0",
                        "    address:",
                        "      socket_address: { address: 0.0.0.0, port_value: 10000 }",
                        "    filter_chains: []",
                        "  - name: listener_1",
                        "    address:",
                        "      socket_address:",
                        "        address: 0.0.0.0",
                        "        port_value: 10001",
                        "  clusters:",
                        "  - name: service_app",
                        "    type: STATIC",
                        "    load_assignment:",
                        "      cluster_name: service_app",
                        "      endpoints:",
                        "      - lb_endpoints:",
                        "        - endpoint:",
                        "            address:",
                        "              socket_address:",
                        "                address: 127.0.0.1",
                        "                port_value: 26",
                        "        - endpoint:",
                        "            address:",
                        "              socket_address:",
                        "                port_value: 27",
                        "                address: \"::1\"",
                        "  - name: service_sock",
                        "    load_assignment:",
                        "      cluster_name: service_sock",
                        "      endpoints:",
                        "      - lb_endpoints:",
                        "        - endpoint:",
                        "            address:",
                        "              pipe:",
                        "                path: " + dir.resolve("envoy-app.sock"),
                        "admin:",
                        "  address:",
                        "    socket_address:",
                        "      address: 127.0.0.1",
                        "      port_value: 9901",
                        ""));
        String ps = String.join(
                "\n",
                " 100 root     Ss    5000 nginx: master process /usr/sbin/nginx -g daemon on;",
                " 101 www-data S     5000 nginx: worker process",
                " 200 root     Ss    5000 /usr/sbin/httpd -DFOREGROUND",
                " 300 haproxy  Ss    5000 /usr/sbin/haproxy -Ws -f " + dir.resolve("haproxy.cfg")
                        + " -p /run/haproxy.pid",
                " 400 caddy    Ssl   5000 /usr/bin/caddy run --environ --config " + dir.resolve("Caddyfile"),
                " 500 traefik  Ssl   5000 /usr/local/bin/traefik --configfile=" + dir.resolve("traefik.yml"),
                " 600 envoy    Ssl   5000 /usr/local/bin/envoy -c " + dir.resolve("envoy.yaml") + " --log-level warn",
                "");
        Files.writeString(dir.resolve("ps.txt"), ps);
        tool(bin, "ps", "cat '" + dir.resolve("ps.txt") + "'");
        tool(bin, "nginx", "echo 'nginx: configuration file /etc/nginx/nginx.conf test is successful'");
        tool(
                bin,
                "pm2",
                "[ \"$1\" = jlist ] || exit 2\nprintf '%s\\n' '[{\"pid\":0,\"name\":\"api\",\"pm2_env\":{\"status\":\"errored\","
                        + "\"restart_time\":15,\"pm_uptime\":1795264980112,\"exit_code\":1,\"pm_err_log_path\":\""
                        + pm2Log + "\"},\"monit\":{\"memory\":0}}]'");
        tool(
                bin,
                "supervisorctl",
                "[ \"$1\" = status ] || exit 2\necho 'shop                             FATAL     Exited too quickly (process log may have details)'");
        tool(
                bin,
                "docker",
                String.join(
                        "\n",
                        "case $1 in",
                        "  inspect) echo '/web|restarting|4|true|137||2026-11-21T12:46:10.5Z|0' ;;",
                        "  logs) echo '2026-11-21T12:46:10.604402113Z Killed while building the report cache' ;;",
                        "  ps) echo 'web|Restarting (137) 3 seconds ago|shop/web:1|' ;;",
                        "  *) exit 2 ;;",
                        "esac"));
        Map<String, String> env = Map.of(
                "PATH",
                bin + ":/usr/bin:/bin",
                "HOME",
                dir.toString(),
                "PM2_HOME",
                pm2Home.toString(),
                "DOCKER_HOST",
                "unix://" + dir.resolve("docker.sock"));

        detected = run(server(Map.of(), Map.of(), List.of()), env);

        Map<String, Service> services = new LinkedHashMap<>();
        services.put(
                "nginx",
                new Service(
                        "nginx", "nginx", "nginx", Optional.empty(), Optional.of("nginx: master"), Optional.empty()));
        services.put(
                "api",
                new Service("api", "app", "api", Optional.empty(), Optional.empty(), Optional.empty(), Manager.PM2));
        services.put(
                "shop",
                new Service(
                        "shop",
                        "app",
                        "shop",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Manager.SUPERVISORD));
        services.put(
                "web",
                new Service(
                        "web",
                        "container",
                        "web",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Manager.DOCKER));
        managed = Evidence.from(run(
                server(
                        services,
                        Map.of("nginx-error", dir.resolve("nginx-error.log").toString(), "app", "journal:myapp"),
                        List.of("127.0.0.1:" + dependencyUp.getLocalPort(), "127.0.0.1:" + dependencyDown)),
                env));
    }

    @AfterAll
    static void close() throws IOException {
        dependencyUp.close();
        pm2Daemon.close();
    }

    private static void tool(Path bin, String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Server server(Map<String, Service> services, Map<String, String> logs, List<String> dependsOn) {
        return new Server(
                "local-test",
                "localhost",
                22,
                System.getProperty("user.name"),
                Optional.empty(),
                dir.resolve("known_hosts"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(6),
                Optional.empty(),
                Transport.LOCAL,
                List.of(),
                Optional.empty(),
                logs,
                services,
                dependsOn,
                Map.of());
    }

    private static Sections run(Server server, Map<String, String> env) throws Exception {
        String nonce = "c0ffee" + System.nanoTime();
        ProcessBuilder pb =
                new ProcessBuilder(Collector.arguments(server, nonce)).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        try (InputStream script = Collector.class.getResourceAsStream("collect.sh")) {
            p.getOutputStream().write(script.readAllBytes());
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Sections s = Sections.parse(new String(out, StandardCharsets.UTF_8), Optional.of(nonce), Collector.SECTION_CAP);
        assertTrue(
                s.complete(),
                () -> "the collector did not reach its end: " + s.text().keySet());
        return s;
    }

    private static Set<String> probed(Evidence e) {
        return e.probes().stream().map(p -> p.directive() + " " + p.address()).collect(Collectors.toSet());
    }

    @Test
    void findsEachOfTheSixFrontsWhenTheInventoryNamesNone() {
        Set<String> kinds = ServiceState.parse(detected.get("services")).stream()
                .map(ServiceState::kind)
                .collect(Collectors.toSet());

        assertTrue(
                kinds.containsAll(Set.of("nginx", "apache", "haproxy", "caddy", "traefik", "envoy")), kinds::toString);
    }

    @Test
    void readsTheBackendsOfEachFrontFoundRunningFromTheConfigurationItWasStartedWith() {
        Set<String> probed = probed(Evidence.from(detected));

        assertTrue(
                probed.containsAll(Set.of("haproxy:be_app 127.0.0.1:21", "reverse_proxy localhost:22")),
                probed::toString);
    }

    @Test
    void probesTraefikLoadBalancerServersOfTheFileProviderInYamlAndToml() {
        Set<String> probed = probed(Evidence.from(detected));

        assertTrue(
                probed.containsAll(Set.of(
                        "loadBalancer http://127.0.0.1:23/",
                        "loadBalancer http://127.0.0.1:24",
                        "loadBalancer http://127.0.0.1:25/")),
                probed::toString);
    }

    @Test
    void probesEnvoyStaticClusterEndpointsButNotItsListenersOrAdmin() {
        Set<String> probed = probed(Evidence.from(detected));
        Set<String> envoy = probed.stream().filter(p -> p.startsWith("envoy:")).collect(Collectors.toSet());

        assertEquals(
                Set.of(
                        "envoy:service_app 127.0.0.1:26",
                        "envoy:service_app [::1]:27",
                        "envoy:service_sock unix:" + dir.resolve("envoy-app.sock")),
                envoy);
    }

    @Test
    void readsPm2SupervisordAndDockerStatesFromTheirOwnTools() {
        Map<String, ServiceState> byName =
                managed.services().stream().collect(Collectors.toMap(ServiceState::name, s -> s));

        assertEquals("failed", byName.get("api").activeState());
        assertEquals(Optional.of(15), byName.get("api").restarts());
        assertEquals("pm2", byName.get("api").source());
        assertEquals("failed", byName.get("shop").activeState());
        assertEquals("fatal", byName.get("shop").subState());
        assertEquals("activating", byName.get("web").activeState());
        assertEquals("oom-kill", byName.get("web").result());
        assertEquals(Optional.of(4), byName.get("web").restarts());
    }

    @Test
    void readsAPm2AppsErrorFileAndAContainersOutputAsItsAppLog() {
        assertEquals(
                List.of("Error: connect ECONNREFUSED 127.0.0.1:5432"),
                managed.logs().get("app@api").lines().stream()
                        .map(LogLine::text)
                        .toList());
        assertEquals(
                List.of("2026-11-21T12:46:10.604402113Z Killed while building the report cache"),
                managed.logs().get("app@web").lines().stream()
                        .map(LogLine::text)
                        .toList());
    }

    @Test
    void saysTheJournalIsUnavailableWithoutSystemdRatherThanReadingNothingSilently() {
        // on a host with systemd the journal is there to read (with nothing of 'myapp' in it)
        assertEquals(
                Files.isDirectory(Path.of("/run/systemd/system")) ? "ok" : "unavailable",
                managed.logs().get("app").status());
        assertEquals("journal:myapp", managed.logs().get("app").path());
    }

    @Test
    void probesEachDependencyFromTheServerWithATcpConnect() {
        Map<String, Probe.Outcome> deps = managed.probes().stream()
                .filter(Probe::dependency)
                .collect(Collectors.toMap(Probe::address, Probe::outcome));

        assertEquals(
                Map.of(
                        "127.0.0.1:" + dependencyUp.getLocalPort(),
                        Probe.Outcome.OPEN,
                        "127.0.0.1:" + dependencyDown,
                        Probe.Outcome.REFUSED),
                deps);
    }
}
