package dev.fiveohtwo.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.Sections;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the findings say when the evidence comes from a process manager, a dependency probe or SELinux: the words an
 * operator reads, and that a fact which proves nothing (an unanswered manager, SELinux merely on) makes no finding.
 */
class ManagersAndDependenciesFindingsTest {
    static KnowledgeBase kb;
    static EvidenceMatcher matcher;

    @BeforeAll
    static void load() {
        kb = KnowledgeLoader.load(List.of());
        matcher = new RuleMatcher(kb, Duration.ofMinutes(30));
    }

    private static Diagnosis diagnose(String fixture) {
        return matcher.diagnose(Fixtures.server(), Fixtures.evidence(fixture));
    }

    /** A fixture with its text edited: each key replaced by its value. */
    private static Evidence edited(String fixture, Map<String, String> edits) {
        String text = Fixtures.read(Fixtures.DIR.resolve(fixture + ".txt"));
        for (Map.Entry<String, String> e : edits.entrySet()) {
            assertTrue(text.contains(e.getKey()), () -> fixture + " lacks " + e.getKey());
            text = text.replace(e.getKey(), e.getValue());
        }
        return Evidence.from(Sections.parse(text, Optional.empty(), 64 * 1024));
    }

    private static Finding top(Diagnosis d) {
        return d.findings().get(0);
    }

    @Test
    void aDependencyThatRefusesIsNamedAndExplainsTheAppsCrashLoop() {
        Finding f = top(diagnose("dependency-unreachable"));

        assertEquals("dependency-unreachable", f.id());
        assertTrue(f.evidence().contains("depends-on 127.0.0.1:5432 → refused"), f.evidence()::toString);
        assertTrue(
                f.evidence().stream().anyMatch(l -> l.contains("Error: connect ECONNREFUSED 127.0.0.1:5432")),
                f.evidence()::toString);
        assertTrue(
                f.explained().stream()
                        .map(Finding::id)
                        .toList()
                        .containsAll(List.of("upstream-down", "bad-deployment")),
                () -> f.explained().stream().map(Finding::id).toList().toString());
    }

    @Test
    void aDependencyThatAnswersMakesNoFindingAndIsNoUpstream() {
        Evidence e = edited(
                "dependency-unreachable",
                Map.of(
                        "127.0.0.1:5432|depends-on|refused",
                        "127.0.0.1:5432|depends-on|open",
                        "Error: connect ECONNREFUSED 127.0.0.1:5432",
                        "Error: listen EACCES"));

        Diagnosis d = matcher.diagnose(Fixtures.server(), e);

        assertFalse(
                d.findings().stream().anyMatch(f -> f.id().equals("dependency-unreachable")), d.findings()::toString);
        // without a dependency to blame, the restart loop and the refused upstream are what is left
        assertEquals("bad-deployment", top(d).id());
        assertTrue(
                top(d).explained().stream().anyMatch(f -> f.id().equals("upstream-down")),
                top(d).explained()::toString);
    }

    @Test
    void aRefusedDependencyIsNotAnUpstreamTheFrontFailsOn() {
        Evidence e = edited(
                "dependency-unreachable",
                Map.of(
                        "probe|http://127.0.0.1:3000/|proxy_pass|refused|1",
                        "probe|http://127.0.0.1:3000/|proxy_pass|http 200 0.002|2"));

        assertEquals(List.of(), Signals.evaluate(Signal.UPSTREAM_REFUSED, Map.of(), e));
        assertEquals(
                List.of("depends-on 127.0.0.1:5432 → refused"),
                Signals.evaluate(Signal.DEPENDENCY_UNREACHABLE, Map.of(), e));
    }

    @Test
    void selinuxDenialShowsTheModeTheBooleanAndTheAuditRecord() {
        Finding f = top(diagnose("selinux-denied--rhel"));

        assertEquals("selinux-denied", f.id());
        assertTrue(
                f.evidence().contains("SELinux is Enforcing, httpd_can_network_connect is off"),
                f.evidence()::toString);
        assertTrue(
                f.evidence().stream()
                        .anyMatch(l -> l.contains("avc:  denied  { name_connect }") && l.contains("comm=\"httpd\"")),
                f.evidence()::toString);
        assertTrue(
                kb.article("selinux-denied").orElseThrow().body().contains("setsebool -P httpd_can_network_connect 1"));
    }

    @Test
    void selinuxEnforcingAloneIsNoFinding() {
        String text = Fixtures.read(Fixtures.DIR.resolve("healthy.txt"))
                .replace(
                        "\n### f1xture end",
                        "\n### f1xture selinux\nmode=Enforcing\n" + "httpd_can_network_connect=off\n\n### f1xture end");

        Diagnosis d =
                matcher.diagnose(Fixtures.server(), Evidence.from(Sections.parse(text, Optional.empty(), 64 * 1024)));

        assertEquals(List.of(), d.findings());
    }

    @Test
    void aContainerKilledForMemoryIsOomKilledEvenWithoutTheKernelLog() {
        Finding f = top(diagnose("oom-killed--docker"));

        assertEquals("oom-killed", f.id());
        assertTrue(
                f.evidence().stream()
                        .anyMatch(l -> l.startsWith(
                                "api: activating/restarting (oom-kill), 4 restarts [docker]: killed for memory")),
                f.evidence()::toString);
        assertTrue(f.explained().stream().anyMatch(c -> c.id().equals("container-down")), f.explained()::toString);
    }

    @Test
    void aPm2AppThatErroredIsDownWithItsRestarts() {
        Finding down = top(diagnose("bad-deployment--pm2")).explained().stream()
                .filter(c -> c.id().equals("upstream-down"))
                .findFirst()
                .orElseThrow();

        assertTrue(
                down.evidence().contains("api: failed/errored (exit-code 1), 15 restarts [pm2]"),
                down.evidence()::toString);
    }

    @Test
    void offersTheRestartOfAPm2AppThroughPm2() {
        dev.fiveohtwo.inventory.Server server = new dev.fiveohtwo.inventory.InventoryLoader()
                .parse(
                        "inv.yml",
                        "servers:\n  web-01:\n    host: 127.0.0.1\n    services:\n      api: { kind: app, manager: pm2, restart: true }\n")
                .servers()
                .get("web-01");

        Finding f = matcher.diagnose(server, Fixtures.evidence("bad-deployment--pm2"))
                .findings()
                .get(0);

        assertEquals(List.of(new Finding.RestartOption("api", "app", "api", "pm2 restart api")), f.restart());
    }

    @Test
    void aSupervisordProgramInFatalIsDown() {
        Finding f = top(diagnose("upstream-down--supervisord"));

        assertEquals("upstream-down", f.id());
        assertTrue(
                f.evidence()
                        .contains(
                                "shop: failed/fatal (Exited too quickly (process log may have details)) [supervisord]"),
                f.evidence()::toString);
    }

    @Test
    void aServiceItsManagerDidNotReportIsNotCalledDown() {
        Evidence e = edited(
                "upstream-down--supervisord",
                Map.of("shop                             FATAL", "other                            FATAL"));

        assertEquals(List.of(), Signals.evaluate(Signal.SERVICE_DOWN, Map.of("kinds", List.of("app")), e));
    }
}
