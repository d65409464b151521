package dev.fiveohtwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.checks.Evidence;
import dev.fiveohtwo.checks.LogLine;
import dev.fiveohtwo.checks.LogTail;
import dev.fiveohtwo.knowledge.Verdict;
import dev.fiveohtwo.triage.Report;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The comparable facts of a host, from recorded collector output. */
class FactsTest {
    private static final Instant AT = Instant.parse("2026-11-21T12:47:00Z");

    private static Map<String, String> facts(String fixture) {
        return Facts.of(Recorded.report("web-01", fixture, Verdict.BAD_GATEWAY, AT));
    }

    @Test
    void readsUnitStatesRestartsMemoryDiskAndTheFront() {
        Map<String, String> f = facts("upstream-down");

        assertEquals("failed (exit-code)", f.get("state:php8.2-fpm"));
        assertEquals("active", f.get("state:nginx"));
        assertEquals("0", f.get("restarts:php8.2-fpm"));
        assertEquals("HTTP 502", f.get("front"));
        assertEquals("24350192", f.get("memory:available"));
        assertEquals("22", f.get("disk:/"));
        assertEquals("3", f.get("inodes:/"));
    }

    @Test
    void readsNginxTargetsAndTheOtherFrontsBackends() {
        assertEquals("nginx", facts("upstream-down").get("upstream:fastcgi_pass 127.0.0.1:9000"));
        assertEquals("haproxy", facts("upstream-down--haproxy").get("upstream:haproxy haproxy:be_app 127.0.0.1:8000"));
    }

    @Test
    void countsRecentLogLinesByErrorClassWithoutClientsRequestsOrCounters() {
        Map<String, String> f = facts("upstream-down");

        assertEquals(
                "5",
                f.get(
                        "log:nginx-error: [error] connect() failed (111: Connection refused) while connecting to upstream"),
                f.toString());
        for (Map.Entry<String, String> e : f.entrySet()) {
            for (String raw : List.of("203.0.113.45", "GET /", "*2211", "8498#", "12:40:31", "shop.example")) {
                assertFalse(e.getKey().contains(raw) || e.getValue().contains(raw), e + " carries " + raw);
            }
        }
    }

    @Test
    void nameTheKernelsOomKillsAndTheAppsWorkerTimeouts() {
        assertEquals("24", facts("oom-killed").get("log:kernel: out of memory: a process was killed"));
        assertEquals("5", facts("gunicorn-worker-timeout").get("log:app: WORKER TIMEOUT (pid:N)"));
    }

    @Test
    void logLinesOlderThanHalfAnHourBeforeTheHostsClockAreHistory() {
        Evidence e = Recorded.evidence("healthy");
        String old =
                "2026/11/21 12:10:00 [error] 1#1: *1 connect() failed (111: Connection refused) while connecting to upstream";
        String recent =
                "2026/11/21 12:40:00 [error] 1#1: *2 upstream timed out (110: Connection timed out) while reading response header";
        Map<String, LogTail> logs = Map.of(
                "nginx-error",
                new LogTail(
                        "nginx-error",
                        "/var/log/nginx/error.log",
                        "ok",
                        List.of(
                                LogLine.of("nginx-error", old, e.host().localTime()),
                                LogLine.of("nginx-error", recent, e.host().localTime())),
                        false));
        Evidence withLogs = new Evidence(
                e.host(),
                e.services(),
                e.nginx(),
                e.probes(),
                logs,
                e.oom(),
                e.resources(),
                e.listeners(),
                e.frontTargets(),
                e.selinux(),
                e.raw());

        Map<String, String> f = Facts.of(Recorded.report("web-01", withLogs, Verdict.HEALTHY, AT));

        assertTrue(
                f.containsKey(
                        "log:nginx-error: [error] upstream timed out (110: Connection timed out) while reading response header"),
                f.toString());
        assertFalse(f.keySet().stream().anyMatch(k -> k.contains("Connection refused")), f.toString());
    }

    @Test
    void nginxNoticesAndLinesThatReportNoTroubleAreNoErrorClass() {
        java.time.LocalDateTime now = java.time.LocalDateTime.parse("2026-11-21T12:47:00");
        assertEquals(
                Optional.empty(),
                Facts.errorClass(
                        LogLine.of("nginx-error", "2026/11/21 12:46:00 [notice] 1#1: signal process started", now)));
        assertEquals(
                Optional.empty(), Facts.errorClass(LogLine.of("app", "2026-11-21 12:46:00 INFO GET /health 200", now)));
    }

    @Test
    void aServerThatWasNotReachedHasNoFacts() {
        Report unreachable = new Report(
                "web-01",
                "fiveohtwo@127.0.0.1",
                false,
                Verdict.UNREACHABLE,
                3000,
                AT,
                List.of(),
                List.of(),
                Optional.empty(),
                List.of());

        assertEquals(Map.of(), Facts.of(unreachable));
    }
}
