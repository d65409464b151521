package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The times of the log sources that are no file: the journal, {@code docker logs -t}, and the audit log. */
class StreamLogTimesTest {
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 21, 12, 47);

    @Test
    void turnsADockerTimestampInUtcIntoTheHostsLocalTime() {
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 11, 21, 13, 46, 10)),
                LogLine.parseTime("2026-11-21T12:46:10.604402113Z server listening", NOW, ZoneOffset.ofHours(1)));
    }

    @Test
    void readsTheJournalsShortIsoWithAnOffsetWithOrWithoutAColon() {
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 11, 21, 12, 45, 40)),
                LogLine.parseTime("2026-11-21T12:45:40+0000 web-01 node[9101]: Error", NOW, ZoneOffset.UTC));
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 11, 21, 11, 45, 40)),
                LogLine.parseTime("2026-11-21T12:45:40+01:00 web-01 node[9101]: Error", NOW, ZoneOffset.UTC));
    }

    @Test
    void readsTheAuditLogsEpochSeconds() {
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 11, 21, 12, 40, 31)),
                LogLine.parseTime(
                        "type=AVC msg=audit(1795264831.204:412): avc:  denied  { name_connect } for  pid=2301",
                        NOW,
                        ZoneOffset.UTC));
        assertEquals(
                Optional.of(LocalDateTime.of(2026, 11, 21, 12, 40, 31)),
                LogLine.parseTime(
                        "node=web-01 type=AVC msg=audit(1795264831.204:412): avc:  denied", NOW, ZoneOffset.UTC));
    }
}
