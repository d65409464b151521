package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeTest {
    private static final String NONCE = "t3st";

    private static List<Probe> probes(String... lines) {
        String text = "\n### " + NONCE + " header\nversion=1\n\n### " + NONCE + " probes\n" + String.join("\n", lines)
                + "\n\n### " + NONCE + " end\n";
        return Evidence.from(Sections.parse(text, Optional.of(NONCE), 65536)).probes();
    }

    private static Probe probe(String line) {
        List<Probe> probes = probes(line);
        assertEquals(1, probes.size(), probes.toString());
        return probes.get(0);
    }

    @Test
    void parsesSocketProbeWithOwnerGroupAndMode() {
        Probe p = probe("probe|unix:/run/php/x.sock|fastcgi_pass|socket www-data|www-data|660|1");

        assertEquals("unix:/run/php/x.sock", p.address());
        assertEquals("fastcgi_pass", p.directive());
        assertEquals(Probe.Outcome.SOCKET, p.outcome());
        assertEquals("www-data|www-data|660", p.detail());
        assertEquals(Optional.of(1L), p.millis());
        assertTrue(p.unixSocket());
        assertFalse(p.front());
        assertEquals("php-fpm", p.expectedKind());
        assertEquals(Optional.empty(), p.status());
        assertEquals(
                "fastcgi_pass unix:/run/php/x.sock → socket present, owner|group|mode www-data|www-data|660",
                p.describe());
    }

    @Test
    void parsesHttpStatusOfFrontProbe() {
        Probe p = probe("probe|http://127.0.0.1/|front|http 502 0.003|4");

        assertEquals(Probe.Outcome.HTTP, p.outcome());
        assertEquals("502 0.003", p.detail());
        assertEquals(Optional.of(502), p.status());
        assertEquals(Optional.of(4L), p.millis());
        assertTrue(p.front());
        assertFalse(p.unixSocket());
        assertEquals("front http://127.0.0.1/ → HTTP 502 in 3 ms", p.describe());
    }

    @Test
    void parsesRefusedTcpProbe() {
        Probe p = probe("probe|127.0.0.1:9001|fastcgi_pass|refused|2");

        assertEquals(Probe.Outcome.REFUSED, p.outcome());
        assertEquals("", p.detail());
        assertEquals(Optional.empty(), p.status());
        assertEquals("fastcgi_pass 127.0.0.1:9001 → refused", p.describe());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "open; OPEN",
                "refused; REFUSED",
                "timeout; TIMEOUT",
                "unresolvable; UNRESOLVABLE",
                "no-route; NO_ROUTE",
                "reset; RESET",
                "empty-reply; EMPTY_REPLY",
                "missing; MISSING",
                "not-a-socket; NOT_A_SOCKET",
                "dir-unreadable; DIR_UNREADABLE",
                "untested no-nc; UNTESTED",
                "exploded; FAILED",
                "failed curl: (7) x; FAILED"
            })
    void mapsResultWordToOutcome(String result, Probe.Outcome outcome) {
        assertEquals(
                outcome,
                probe("probe|127.0.0.1:8000|proxy_pass|" + result + "|5").outcome());
    }

    @Test
    void keepsDetailAfterResultWord() {
        Probe p = probe("probe|127.0.0.1:8000|proxy_pass|untested no-nc|0");

        assertEquals(Probe.Outcome.UNTESTED, p.outcome());
        assertEquals("no-nc", p.detail());
        assertEquals("proxy_pass 127.0.0.1:8000 → untested no-nc", p.describe());
    }

    @Test
    void timeoutWithStatusReportsIt() {
        Probe p = probe("probe|http://127.0.0.1:8000/|proxy_pass|timeout 000 5.001|5002");

        assertEquals(Probe.Outcome.TIMEOUT, p.outcome());
        assertEquals(Optional.empty(), p.status());
    }

    @Test
    void upstreamServerProbeExpectsApp() {
        Probe p = probe("probe|10.0.0.5:8000|upstream:backend|open|3");

        assertEquals("upstream:backend", p.directive());
        assertEquals("app", p.expectedKind());
    }

    @Test
    void missingMillisecondsAreEmpty() {
        assertEquals(
                Optional.empty(), probe("probe|127.0.0.1:8000|proxy_pass|open|").millis());
        assertEquals(
                Optional.empty(),
                probe("probe|127.0.0.1:8000|proxy_pass|open|soon").millis());
    }

    @Test
    void skipsLinesThatAreNotProbes() {
        List<Probe> probes =
                probes("", "garbage", "probe|too|short|1", "note|a|b|c|d", "probe|127.0.0.1:8000|proxy_pass|open|1");

        assertEquals(1, probes.size());
        assertEquals("127.0.0.1:8000", probes.get(0).address());
    }

    @Test
    void keepsProbesInOutputOrderAndFindsFront() {
        Evidence e = Evidence.from(Sections.parse(
                "\n### " + NONCE + " probes\n"
                        + "probe|127.0.0.1:8000|proxy_pass|open|1\nprobe|http://shop/|front|http 200 0.010|12\n",
                Optional.of(NONCE),
                65536));

        assertEquals(
                List.of("127.0.0.1:8000", "http://shop/"),
                e.probes().stream().map(Probe::address).toList());
        assertEquals("http://shop/", e.front().orElseThrow().address());
    }

    @Test
    void noFrontWithoutFrontProbe() {
        Evidence e = Evidence.from(
                Sections.parse("\n### " + NONCE + " probes\nprobe|a:1|proxy_pass|open|1\n", Optional.of(NONCE), 65536));

        assertTrue(e.front().isEmpty());
    }

    @Test
    void parsesProbesOfRecordedHealthyServer() throws IOException {
        String text;
        try (InputStream in = ProbeTest.class.getResourceAsStream("/fixtures/healthy.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        Evidence e = Evidence.from(Sections.parse(text, Optional.empty(), 65536));

        assertEquals(3, e.probes().size());
        assertEquals(Optional.of(200), e.front().orElseThrow().status());
        assertEquals(Probe.Outcome.REFUSED, e.probes().get(1).outcome());
        Probe socket = e.probes().get(2);
        assertEquals(Probe.Outcome.SOCKET, socket.outcome());
        assertEquals("www-data|www-data|660", socket.detail());
    }
}
