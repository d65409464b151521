package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogLineTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 21, 12, 47, 0);
    private static final Optional<LocalDateTime> AT_10_42_07 = Optional.of(LocalDateTime.of(2026, 11, 21, 10, 42, 7));

    private static Optional<LocalDateTime> time(String line) {
        return LogLine.of("test", line, NOW).time();
    }

    @Test
    void keepsSourceAndText() {
        LogLine line = LogLine.of("nginx-error", "2026/11/21 10:42:07 [crit] x", NOW);

        assertEquals("nginx-error", line.source());
        assertEquals("2026/11/21 10:42:07 [crit] x", line.text());
    }

    @Test
    void parsesApacheErrorLogTimeWithAndWithoutFraction() {
        assertEquals(
                AT_10_42_07,
                time("[Sat Nov 21 10:42:07.204512 2026] [proxy:error] [pid 2301:tid 140023] (111)Connection refused: "
                        + "AH00957: HTTP: attempt to connect to 127.0.0.1:8080 (127.0.0.1:8080) failed"));
        assertEquals(
                AT_10_42_07,
                time("[Sat Nov 21 10:42:07 2026] [error] [client 203.0.113.45] proxy: error reading status line"));
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 11, 2, 10, 42, 7)),
                time("[Mon Nov  2 10:42:07.1 2026] [proxy:error] x"));
    }

    @Test
    void turnsCaddyEpochSecondsAndTraefikZonedTimesIntoTheHostsLocalTime() {
        java.time.ZoneOffset plusTwo = java.time.ZoneOffset.ofHours(2);
        // 1795264831 is 2026-11-21 12:40:31 UTC
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 11, 21, 14, 40, 31)),
                LogLine.of(
                                "caddy",
                                "{\"level\":\"error\",\"ts\":1795264831.204,"
                                        + "\"logger\":\"http.log.error\",\"msg\":\"dial tcp 127.0.0.1:9000: connect: connection refused\",\"status\":502}",
                                NOW,
                                plusTwo)
                        .time());
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 11, 21, 14, 40, 31)),
                LogLine.of(
                                "traefik",
                                "time=\"2026-11-21T12:40:31Z\" level=debug "
                                        + "msg=\"'502 Bad Gateway' caused by: EOF\"",
                                NOW,
                                plusTwo)
                        .time());
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 11, 21, 12, 40, 31)),
                LogLine.of("traefik", "time=\"2026-11-21T14:40:31+02:00\" " + "level=debug msg=x", NOW)
                        .time());
    }

    @Test
    void parsesNginxErrorLogTime() {
        assertEquals(
                AT_10_42_07,
                time("2026/11/21 10:42:07 [crit] 1234#1234: *5 connect() to unix:/run/php/php8.2-fpm.sock "
                        + "failed (13: Permission denied) while connecting to upstream"));
    }

    @Test
    void parsesPhpFpmTime() {
        assertEquals(
                AT_10_42_07,
                time("[21-Nov-2026 10:42:07] WARNING: [pool www] server reached pm.max_children setting (5)"));
    }

    @Test
    void parsesPhpFpmTimeOfEveryMonth() {
        String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int m = 0; m < months.length; m++) {
            assertEquals(
                    Optional.of(LocalDateTime.of(2026, m + 1, 1, 0, 0, 0)),
                    time("[01-" + months[m] + "-2026 00:00:00] NOTICE: x"),
                    months[m]);
        }
    }

    @Test
    void parsesGunicornTime() {
        assertEquals(AT_10_42_07, time("[2026-11-21 10:42:07 +0000] [42] [CRITICAL] WORKER TIMEOUT (pid:43)"));
    }

    @Test
    void parsesIsoTimeIgnoringFractionAndOffset() {
        assertEquals(AT_10_42_07, time("2026-11-21T10:42:07.123+00:00 host kernel: Out of memory: Killed process 42"));
    }

    @Test
    void parsesIsoTimeWithSpace() {
        assertEquals(AT_10_42_07, time("2026-11-21 10:42:07,123 ERROR app: boom"));
    }

    @Test
    void parsesSyslogTimeWithYearFromNow() {
        assertEquals(AT_10_42_07, time("Nov 21 10:42:07 host kernel: Out of memory: Killed process 42 (php-fpm8.2)"));
    }

    @Test
    void parsesSyslogTimeWithSpacePaddedDay() {
        assertEquals(Optional.of(LocalDateTime.of(2026, 11, 1, 10, 42, 7)), time("Nov  1 10:42:07 host kernel: x"));
    }

    @Test
    void syslogLineFromDecemberSeenInJanuaryBelongsToPreviousYear() {
        LocalDateTime january = LocalDateTime.of(2027, 1, 1, 0, 5);

        assertEquals(
                Optional.of(LocalDateTime.of(2026, 12, 31, 23, 59, 0)),
                LogLine.of("kernel", "Dec 31 23:59:00 host kernel: x", january).time());
    }

    @Test
    void syslogLineOfEarlierTodayStaysInCurrentYear() {
        LocalDateTime january = LocalDateTime.of(2027, 1, 1, 0, 5);

        assertEquals(
                Optional.of(LocalDateTime.of(2027, 1, 1, 0, 1, 0)),
                LogLine.of("kernel", "Jan  1 00:01:00 host kernel: x", january).time());
    }

    @Test
    void syslogLineSlightlyAheadOfServerClockStaysInCurrentYear() {
        assertEquals(Optional.of(LocalDateTime.of(2026, 11, 22, 10, 0, 0)), time("Nov 22 10:00:00 host kernel: x"));
    }

    @Test
    void syslogLineMoreThanADayAheadBelongsToPreviousYear() {
        assertEquals(Optional.of(LocalDateTime.of(2025, 11, 23, 10, 0, 0)), time("Nov 23 10:00:00 host kernel: x"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "nginx: worker process is shutting down",
                "PHP Fatal error: Allowed memory size exhausted",
                "Traceback (most recent call last):",
                "  File \"/srv/app.py\", line 3",
                "[pool www] child 42 exited",
                "42 10:42:07 no date",
                "nov 21 10:42:07 host lowercase month",
                "\uFFFD\uFFFD binary junk"
            })
    void lineWithoutTimeHasNone(String line) {
        assertEquals(Optional.empty(), time(line));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026/99/99 99:99:99 [crit] x",
                "2026/13/01 10:00:00 x",
                "2026/11/21 25:00:00 x",
                "[99-Nov-2026 10:42:07] WARNING: x",
                "[21-Foo-2026 10:42:07] WARNING: x",
                "2026-11-21T99:42:07 x",
                "2026-00-21 10:42:07 x",
                "Foo 21 10:42:07 host x",
                "Nov 99 10:42:07 host x",
                "Nov 21 10:61:07 host x"
            })
    void garbageTimeGivesNoneInsteadOfFailing(String line) {
        assertEquals(Optional.empty(), time(line));
    }

    @Test
    void timeMustStartTheLine() {
        assertEquals(Optional.empty(), time("request at 2026/11/21 10:42:07 failed"));
    }

    @Test
    void impossibleDatesGiveNoTime() {
        assertEquals(Optional.empty(), time("2026/02/31 10:00:00 [error] 1#1: x"));
        assertEquals(Optional.empty(), time("[31-Feb-2026 10:00:00] WARNING: x"));
    }

    @Test
    void syslogLeapDayFindsTheLeapYear() {
        assertEquals(
                Optional.of(LocalDateTime.of(2028, 2, 29, 10, 0, 0)),
                LogLine.of("kernel", "Feb 29 10:00:00 host kernel: x", LocalDateTime.of(2029, 1, 10, 0, 0))
                        .time());
    }
}
