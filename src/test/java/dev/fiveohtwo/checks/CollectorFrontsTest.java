package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.inventory.Server;
import dev.fiveohtwo.inventory.Service;
import dev.fiveohtwo.inventory.Transport;
import dev.fiveohtwo.ssh.Executor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real collector on this machine with Apache, HAProxy and Caddy configurations from a temporary folder:
 * every backend they name is probed, under the directive that names it, and what is not a fixed backend (an
 * exclusion, a balancer, a placeholder, a port range, a comment) is not. Every backend is on loopback.
 */
@Timeout(120)
class CollectorFrontsTest {
    @TempDir
    static Path dir;

    static Evidence evidence;

    @BeforeAll
    static void collect() throws IOException {
        Path nginx = dir.resolve("nginx.conf");
        Files.writeString(
                nginx,
                "error_log " + dir.resolve("nginx-error.log") + ";\npid " + dir.resolve("nginx.pid")
                        + ";\nevents {}\nhttp {\n"
                        // a block on one line, as nginx allows
                        + "    upstream pool { server 127.0.0.1:15; server 127.0.0.1:16 max_fails=2; keepalive 8; keepalive_timeout 4s; }\n"
                        + "    server { listen 127.0.0.1:17; location / { proxy_pass http://pool; } }\n"
                        + "}\n");
        Path apache = dir.resolve("apache2/apache2.conf");
        Files.createDirectories(apache.getParent().resolve("sites-enabled"));
        Files.writeString(
                apache,
                "ServerRoot \"/etc/apache2\"\n# ProxyPass /old http://127.0.0.1:1/\n"
                        + "IncludeOptional sites-enabled/*.conf\n");
        Files.writeString(
                apache.getParent().resolve("sites-enabled/shop.conf"),
                String.join(
                        "\n",
                        "<VirtualHost *:80>",
                        "    ProxyPass /static !",
                        "    ProxyPass /api http://127.0.0.1:2/api retry=0",
                        "    ProxyPassMatch \"^/(.*\\.php)$\" \"fcgi://127.0.0.1:3/var/www/html/$1\"",
                        "    proxypass /sock \"unix:" + dir.resolve("app.sock") + "|http://localhost/\"",
                        "    ProxyPassReverse /api http://127.0.0.1:4/api",
                        "    <FilesMatch \\.php$>",
                        "        SetHandler \"proxy:unix:" + dir.resolve("php-fpm.sock") + "|fcgi://localhost\"",
                        "    </FilesMatch>",
                        "    <Proxy \"balancer://cluster\">",
                        "        BalancerMember http://127.0.0.1:5 route=1",
                        "    </Proxy>",
                        "    ProxyPass /app balancer://cluster/",
                        "</VirtualHost>",
                        ""));
        Path haproxy = dir.resolve("haproxy.cfg");
        Files.writeString(
                haproxy,
                String.join(
                        "\n",
                        "global",
                        "    log /dev/log local0",
                        "frontend fe_http",
                        "    bind 127.0.0.1:6",
                        "    default_backend be_app",
                        "backend be_app",
                        "    server web1 127.0.0.1:7 check",
                        "    server web2 127.0.0.1:8 check # spare",
                        "    server-template srv 3 127.0.0.1:9",
                        "    server v6 [::1]:14",
                        "listen stats",
                        "    server s1 ipv4@127.0.0.1:10",
                        ""));
        Path caddy = dir.resolve("Caddyfile");
        Files.writeString(
                caddy,
                String.join(
                        "\n",
                        "shop.example {",
                        "    reverse_proxy /api/* localhost:11 localhost:12",
                        "    php_fastcgi unix/" + dir.resolve("caddy-fpm.sock"),
                        "    reverse_proxy {",
                        "        to http://127.0.0.1:13",
                        "        lb_policy first",
                        "    }",
                        "    reverse_proxy {$UPSTREAM}",
                        "    reverse_proxy localhost:8001-8006",
                        "}",
                        ""));
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(
                "nginx",
                new Service(
                        "nginx", "nginx", "nginx", Optional.empty(), Optional.empty(), Optional.of(nginx.toString())));
        services.put(
                "apache2",
                new Service(
                        "apache2",
                        "apache",
                        "apache2",
                        Optional.empty(),
                        Optional.of("fiveohtwo-no-such-apache"),
                        Optional.of(apache.toString())));
        services.put(
                "haproxy",
                new Service(
                        "haproxy",
                        "haproxy",
                        "haproxy",
                        Optional.empty(),
                        Optional.of("fiveohtwo-no-such-haproxy"),
                        Optional.of(haproxy.toString())));
        services.put(
                "caddy",
                new Service(
                        "caddy",
                        "caddy",
                        "caddy",
                        Optional.empty(),
                        Optional.of("fiveohtwo-no-such-caddy"),
                        Optional.of(caddy.toString())));
        Server server = new Server(
                "local-test",
                "localhost",
                22,
                System.getProperty("user.name"),
                Optional.empty(),
                dir.resolve("known_hosts"),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Optional.empty(),
                Transport.LOCAL,
                List.of(),
                Optional.empty(),
                Map.of("nginx-error", dir.resolve("nginx-error.log").toString()),
                services);
        CollectorOutcome c = new Collector(
                        Executor.of(name -> null, java.nio.file.Path.of("/nonexistent"), java.util.Map.of()), 300)
                .collect(server);
        evidence = assertInstanceOf(CollectorOutcome.Collected.class, c, () -> "not collected: " + c)
                .evidence();
        assertTrue(
                evidence.raw().complete(),
                () -> "the collector did not reach its end: "
                        + evidence.raw().text().keySet());
    }

    private static Set<String> probed() {
        return evidence.probes().stream()
                .map(p -> p.directive() + " " + p.address())
                .collect(Collectors.toSet());
    }

    @Test
    void readsHowManyIdleConnectionsAnNginxUpstreamGroupKeeps() {
        assertEquals(java.util.Map.of("pool", 8), evidence.nginx().keepalive());
    }

    @Test
    void readsTheServersOfAnNginxUpstreamBlockWrittenOnOneLine() {
        assertTrue(
                probed().containsAll(Set.of("upstream:pool 127.0.0.1:15", "upstream:pool 127.0.0.1:16")),
                () -> "probed " + probed());
        assertTrue(
                probed().stream().noneMatch(p -> p.endsWith(" pool") || p.endsWith("//pool")),
                () -> "the group's name was probed as a host: " + probed());
    }

    @Test
    void probesTheBackendsOfApacheUnderTheirDirective() {
        Set<String> want = Set.of(
                "ProxyPass http://127.0.0.1:2/api",
                "ProxyPassMatch fcgi 127.0.0.1:3",
                "ProxyPass unix:" + dir.resolve("app.sock"),
                "SetHandler fcgi unix:" + dir.resolve("php-fpm.sock"),
                "BalancerMember http://127.0.0.1:5");
        assertTrue(probed().containsAll(want), () -> "probed " + probed());
    }

    @Test
    void probesTheServersOfHaproxyBackendsAndListenSections() {
        assertTrue(
                probed().containsAll(Set.of(
                        "haproxy:be_app 127.0.0.1:7", "haproxy:be_app 127.0.0.1:8", "haproxy:stats 127.0.0.1:10")),
                () -> "probed " + probed());
    }

    @Test
    void probesCaddyReverseProxyUpstreamsAndPhpFastcgi() {
        assertTrue(
                probed().containsAll(Set.of(
                        "reverse_proxy localhost:11",
                        "reverse_proxy localhost:12",
                        "php_fastcgi unix:" + dir.resolve("caddy-fpm.sock"),
                        "reverse_proxy http://127.0.0.1:13")),
                () -> "probed " + probed());
    }

    @Test
    void probesAnIpv6ServerWithoutItsBrackets() {
        Probe v6 = evidence.probes().stream()
                .filter(p -> p.address().equals("[::1]:14"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("probed " + probed()));

        assertEquals("haproxy:be_app", v6.directive());
        assertTrue(v6.outcome() != Probe.Outcome.UNRESOLVABLE, v6::describe);
    }

    @Test
    void skipsWhatIsNoFixedBackend() {
        List<String> wrong = probed().stream()
                .filter(p -> p.endsWith(":1/")
                        || p.contains(":4")
                        || p.contains(":6")
                        || p.contains(":9")
                        || p.contains("balancer")
                        || p.contains("UPSTREAM")
                        || p.contains("8001"))
                .toList();
        assertEquals(List.of(), wrong);
    }

    @Test
    void recordsEachTargetAsWritten() {
        List<FrontTarget> targets = evidence.frontTargets();
        assertTrue(
                targets.contains(new FrontTarget("apache", "ProxyPassMatch", "fcgi://127.0.0.1:3/var/www/html/$1")),
                targets::toString);
        assertTrue(
                targets.contains(new FrontTarget("caddy", "php_fastcgi", "unix/" + dir.resolve("caddy-fpm.sock"))),
                targets::toString);
        assertEquals(
                Set.of("apache", "haproxy", "caddy"),
                targets.stream().map(FrontTarget::front).collect(Collectors.toSet()));
    }

    @Test
    void aFastcgiBackendOfAnotherFrontExpectsPhpFpm() {
        Map<String, String> kinds = evidence.probes().stream()
                .filter(p -> !p.front())
                .collect(Collectors.toMap(p -> p.directive() + " " + p.address(), Probe::expectedKind, (a, b) -> a));
        assertEquals("php-fpm", kinds.get("ProxyPassMatch fcgi 127.0.0.1:3"));
        assertEquals("php-fpm", kinds.get("php_fastcgi unix:" + dir.resolve("caddy-fpm.sock")));
        assertEquals("app", kinds.get("haproxy:be_app 127.0.0.1:7"));
    }
}
