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

class ThrottledLogTest {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    final ThrottledLog log = new ThrottledLog(new Clock() {
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
            lines += log.warn("unsigned", "refused: unsigned") ? 1 : 0;
        }
        assertEquals(1, lines);
        assertTrue(log.warn("too-large", "refused: too-large"), "another cause has its own minute");
        now.set(now.get().plus(Duration.ofSeconds(59)));
        assertFalse(log.warn("unsigned", "refused: unsigned"));
        now.set(now.get().plus(Duration.ofSeconds(2)));
        assertTrue(log.warn("unsigned", "refused: unsigned"));
        assertFalse(log.warn("unsigned", "refused: unsigned"));
    }
}
