package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BodyLimitTest {
    static final int CAP = 1000;

    /** Endless bytes, counting how many were taken. */
    static final class Endless extends InputStream {
        long taken;

        @Override
        public int read() {
            taken++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'a');
            taken += len;
            return len;
        }
    }

    @Test
    void refusesADeclaredLengthOverTheCap() {
        BodyLimit limit = new BodyLimit(CAP, 4 * CAP, Duration.ZERO);
        assertFalse(limit.tooLarge(CAP));
        assertTrue(limit.tooLarge(CAP + 1));
        assertFalse(limit.tooLarge(-1), "no Content-Length: read, and cut at the cap");
    }

    @Test
    void stopsReadingAtTheFirstByteTooMany() throws Exception {
        BodyLimit limit = new BodyLimit(CAP, 4 * CAP, Duration.ZERO);
        Endless endless = new Endless();
        try (BodyLimit.Reservation r = limit.reserve(-1).orElseThrow()) {
            assertEquals(Optional.empty(), r.read(endless));
        }
        assertEquals(CAP + 1, endless.taken);
    }

    @Test
    void readsABodyThatFits() throws Exception {
        BodyLimit limit = new BodyLimit(CAP, 4 * CAP, Duration.ZERO);
        byte[] body = "x".repeat(CAP).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (BodyLimit.Reservation r = limit.reserve(-1).orElseThrow()) {
            assertArrayEquals(body, r.read(new ByteArrayInputStream(body)).orElseThrow());
        }
        try (BodyLimit.Reservation r = limit.reserve(0).orElseThrow()) {
            assertArrayEquals(new byte[0], r.read(new ByteArrayInputStream(new byte[0])).orElseThrow());
        }
    }

    @Test
    void neverHoldsMoreThanTheBudgetAndGivesItBackOnClose() throws Exception {
        BodyLimit limit = new BodyLimit(CAP, 3 * CAP, Duration.ofMillis(20));
        List<BodyLimit.Reservation> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(limit.reserve(-1).orElseThrow());
        }
        assertEquals(0, limit.available());
        assertEquals(Optional.empty(), limit.reserve(-1), "a fourth body at the cap fits no budget of three");
        assertEquals(Optional.empty(), limit.reserve(10));
        held.remove(0).close();
        held.add(limit.reserve(CAP / 2).orElseThrow());
        held.add(limit.reserve(CAP / 2).orElseThrow());
        assertEquals(Optional.empty(), limit.reserve(1));
        held.forEach(BodyLimit.Reservation::close);
        held.get(0).close();
        assertEquals(3 * CAP, limit.available(), "closing twice gives back once");
    }

    @Test
    void aSmallBodyReservesOnlyItsLength() throws Exception {
        BodyLimit limit = new BodyLimit(CAP, 2 * CAP, Duration.ZERO);
        try (BodyLimit.Reservation big = limit.reserve(-1).orElseThrow(); BodyLimit.Reservation small = limit.reserve(100).orElseThrow()) {
            assertEquals(CAP - 100, limit.available());
            assertEquals(Optional.empty(), small.read(new Endless()), "a body longer than it declared is cut too");
            assertTrue(big != null);
        }
    }
}
