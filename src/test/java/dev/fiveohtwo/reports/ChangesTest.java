package dev.fiveohtwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fiveohtwo.knowledge.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What changed since the last healthy check, in words, from recorded fixtures and from hand-made facts. */
class ChangesTest {
    private static final StoredReport HEALTHY = Recorded.stored("healthy", Verdict.HEALTHY);

    private static List<String> since(String fixture) {
        return Changes.between(HEALTHY, Recorded.stored(fixture, Verdict.BAD_GATEWAY)).stream()
                .map(Change::describe)
                .toList();
    }

    private static StoredReport with(Map<String, String> facts) {
        return new StoredReport(
                "x",
                "web-01",
                Instant.parse("2026-11-21T12:47:00Z"),
                Verdict.DEGRADED,
                Optional.empty(),
                "degraded",
                "cli:test",
                "",
                new TreeMap<>(facts));
    }

    private static List<String> between(Map<String, String> before, Map<String, String> after) {
        return Changes.between(with(before), with(after)).stream()
                .map(Change::describe)
                .toList();
    }

    @Test
    void aFailedUnitAndAFrontThatNowAnswers502AreNamedFirst() {
        List<String> changes = since("upstream-down");

        assertEquals("front: HTTP 200 → HTTP 502", changes.get(0), changes.toString());
        assertEquals("php8.2-fpm: active → failed (exit-code)", changes.get(1), changes.toString());
    }

    @Test
    void upstreamsThatWereAddedOrAreGoneAreNamed() {
        List<String> changes = since("upstream-down");

        assertTrue(changes.contains("upstream added: fastcgi_pass 127.0.0.1:9000"), changes.toString());
        assertTrue(changes.contains("upstream gone: fastcgi_pass unix:/run/php/php8.2-fpm.sock"), changes.toString());
    }

    @Test
    void newLogErrorClassesAreNamedAfterEverythingElse() {
        List<String> changes = since("upstream-down");

        assertTrue(
                changes.contains(
                        "new in the logs: nginx-error: [error] connect() failed (111: Connection refused) while connecting to upstream"),
                changes.toString());
        assertTrue(changes.get(changes.size() - 1).startsWith("new in the logs: "), changes.toString());
    }

    @Test
    void memoryThatFellFromGigabytesToMegabytesIsNamed() {
        assertTrue(
                since("memory-pressure").contains("MemAvailable: 23.2 GB → 96 MB"),
                since("memory-pressure").toString());
    }

    @Test
    void aDiskThatFilledUpIsNamed() {
        assertTrue(
                since("disk-full").contains("disk /: 22% → 100%"),
                since("disk-full").toString());
    }

    @Test
    void aContainerThatWentDownIsNamedAndOneThatAppearedRunningIsNot() {
        List<String> changes = since("container-down");

        assertTrue(changes.contains("container shop-api: not seen → down"), changes.toString());
        assertTrue(changes.stream().noneMatch(c -> c.contains("shop-redis")), changes.toString());
    }

    @Test
    void restartsCountOnlyWhenTheyWentUp() {
        assertEquals(
                List.of("php8.2-fpm restarts: 0 → 3"),
                between(Map.of("restarts:php8.2-fpm", "0"), Map.of("restarts:php8.2-fpm", "3")));
        assertEquals(List.of(), between(Map.of("restarts:php8.2-fpm", "3"), Map.of("restarts:php8.2-fpm", "0")));
    }

    @Test
    void memoryJitterIsNoChange() {
        assertEquals(
                List.of(),
                between(Map.of("memory:available", "921600"), Map.of("memory:available", "870400"))); // 900 → 850 MB
        assertEquals(
                List.of(),
                between(Map.of("memory:available", "1258291"), Map.of("memory:available", "1048576"))); // 1.2 → 1.0 GB
        assertEquals(
                List.of(),
                between(Map.of("memory:available", "61440"), Map.of("memory:available", "20480"))); // 60 → 20 MB
        assertEquals(
                List.of("MemAvailable: 1.2 GB → 80 MB"),
                between(Map.of("memory:available", "1258291"), Map.of("memory:available", "81920")));
    }

    @Test
    void diskJitterIsNoChangeUnlessTheDiskIsNearlyFull() {
        assertEquals(List.of(), between(Map.of("disk:/", "71"), Map.of("disk:/", "73")));
        assertEquals(List.of("disk /: 71% → 76%"), between(Map.of("disk:/", "71"), Map.of("disk:/", "76")));
        assertEquals(List.of("disk /var: 96% → 97%"), between(Map.of("disk:/var", "96"), Map.of("disk:/var", "97")));
        assertEquals(List.of("inodes /: 40% → 100%"), between(Map.of("inodes:/", "40"), Map.of("inodes:/", "100")));
    }

    @Test
    void aUnitThatAppearedRunningIsNoChangeButOneThatVanishedIs() {
        assertEquals(List.of(), between(Map.of(), Map.of("state:myapp", "active")));
        assertEquals(List.of("myapp: active → not seen"), between(Map.of("state:myapp", "active"), Map.of()));
        assertEquals(
                List.of("myapp: not seen → inactive"),
                since("disk-full").stream().filter(c -> c.startsWith("myapp")).toList());
    }

    @Test
    void anErrorClassTheHealthyCheckSawTooIsNotNew() {
        String kind =
                "log:nginx-error: [error] upstream timed out (110: Connection timed out) while reading response header from upstream";

        assertEquals(List.of(), between(Map.of(kind, "1"), Map.of(kind, "40")));
    }

    @Test
    void manyNewErrorClassesEndInOneCountedLine() {
        Map<String, String> now = new TreeMap<>();
        for (int i = 0; i < Changes.MAX_NEW_LOG_CLASSES + 3; i++) {
            now.put("log:app: error " + (char) ('a' + i), "1");
        }

        List<String> changes = between(Map.of(), now);

        assertEquals(Changes.MAX_NEW_LOG_CLASSES + 1, changes.size(), changes.toString());
        assertEquals("new in the logs: 3 more error classes", changes.get(changes.size() - 1));
    }

    @Test
    void theSameHostTwiceHasNoChanges() {
        assertEquals(List.of(), Changes.between(HEALTHY, Recorded.stored("healthy", Verdict.HEALTHY)));
    }

    @Test
    void aFrontTheHealthyCheckDidNotProbeIsNoChange() {
        assertEquals(List.of(), between(Map.of(), Map.of("front", "HTTP 502")));
    }
}
