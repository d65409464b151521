package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    final RefusalLog log = new RefusalLog(new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    @Test
    void writesOneLinePerCausePerMinute() {
        int lines = 0;
        for (int i = 0; i < 1000; i++) {
            lines += log.refused("unsigned", 401) ? 1 : 0;
        }
        assertEquals(1, lines);
        assertTrue(log.refused("too-large", 413), "another cause has its own minute");
        now.set(now.get().plus(Duration.ofSeconds(59)));
        assertFalse(log.refused("unsigned", 401));
        now.set(now.get().plus(Duration.ofSeconds(2)));
        assertTrue(log.refused("unsigned", 401));
        assertFalse(log.refused("unsigned", 401));
    }
}
