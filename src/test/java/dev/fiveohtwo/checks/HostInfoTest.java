package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HostInfoTest {
    @Test
    void offsetFollowsFromTheClockAndTheLocalTimeReadSecondsApart() {
        // 1795265220 is 2026-11-21 12:47:00 UTC; the local time was read three seconds later
        HostInfo h = HostInfo.parse("now=1795265220\nlocaltime=2026/11/21 14:47:03\ntz=+0200\n");

        assertEquals(ZoneOffset.ofHours(2), h.offset());
    }

    @Test
    void offsetOfHalfHourZonesIsKept() {
        HostInfo h = HostInfo.parse("now=1795265220\nlocaltime=2026/11/21 18:17:00\ntz=+0530\n");

        assertEquals(ZoneOffset.ofHoursMinutes(5, 30), h.offset());
    }
}
