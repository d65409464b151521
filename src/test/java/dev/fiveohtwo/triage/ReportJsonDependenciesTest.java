package dev.fiveohtwo.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.Sections;
import dev.fiveohtwo.knowledge.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON report keeps dependencies apart from the front's upstreams, and says what SELinux and the managers said. */
class ReportJsonDependenciesTest {
    private static Map<String, Object> checks(String sections) {
        Evidence e = Evidence.from(Sections.parse("### n header\n" + sections, Optional.of("n"), 65536));
        Report r = new Report(
                "web-01",
                "local",
                true,
                Verdict.DEGRADED,
                1,
                Instant.EPOCH,
                List.of(),
                List.of(),
                Optional.of(e),
                List.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> checks = (Map<String, Object>) ReportJson.of(r).get("checks");
        return checks;
    }

    @Test
    void listsDependencyProbesApartFromUpstreams() {
        Map<String, Object> c = checks(
                "### n probes\nprobe|127.0.0.1:9000|fastcgi_pass|open|\nprobe|127.0.0.1:5432|depends-on|refused|\n");

        assertEquals(
                List.of("127.0.0.1:9000"),
                ((List<?>) c.get("upstreams"))
                        .stream().map(p -> ((Map<?, ?>) p).get("address")).toList());
        assertEquals(
                List.of("127.0.0.1:5432"),
                ((List<?>) c.get("dependencies"))
                        .stream().map(p -> ((Map<?, ?>) p).get("address")).toList());
    }

    @Test
    void saysSelinuxModeAndBooleanOnlyWhereThereIsSelinux() {
        assertEquals(
                Map.of("mode", "Enforcing", "httpdCanNetworkConnect", false),
                checks("### n selinux\nmode=Enforcing\nhttpd_can_network_connect=off\n")
                        .get("selinux"));
        assertFalse(checks("### n probes\n").containsKey("selinux"));
    }

    @Test
    void carriesAManagedServicesOwnWordAndResult() {
        Map<String, Object> c = checks("### n services\nservice=web|container|web\nManager=docker\n"
                + "### n docker-inspect\n/web|restarting|4|true|137||2026-11-21T12:46:10Z|0\n");
        Map<?, ?> web = (Map<?, ?>) ((List<?>) c.get("services")).get(0);

        assertEquals("restarting", web.get("subState"));
        assertEquals("oom-kill", web.get("result"));
        assertEquals("docker", web.get("source"));
    }
}
