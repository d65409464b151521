package dev.fiveohtwo.slack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

@org.junit.jupiter.api.Timeout(60)
class BodyLimitTest {
    static final int CAP = 1000;
    static final int BUDGET = 3 * CAP;

    /** A body sent as {@code chunks} chunks of {@code chunk} (endless when negative), then {@code end}. */
    static final class Body implements Publisher<byte[]> {
        final byte[] chunk;
        final long chunks;
        final String end;
        long sent;
        volatile boolean cancelled;

        Body(int size, long chunks, String end) {
            this(filled(size), chunks, end);
        }

        private Body(byte[] chunk, long chunks, String end) {
            this.chunk = chunk;
            this.chunks = chunks;
            this.end = end;
        }

        static Body of(String text) {
            return new Body(text.getBytes(StandardCharsets.US_ASCII), 1, "complete");
        }

        private static byte[] filled(int size) {
            byte[] b = new byte[size];
            Arrays.fill(b, (byte) 'a');
            return b;
        }

        @Override
        public void subscribe(Subscriber<? super byte[]> s) {
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    for (long i = 0; i < n && !cancelled; i++) {
                        if (chunks < 0 || sent < chunks) {
                            sent++;
                            s.onNext(chunk.clone());
                        } else if (end.equals("complete")) {
                            s.onComplete();
                            return;
                        } else if (end.equals("error")) {
                            s.onError(new IOException("connection reset"));
                            return;
                        } else {
                            return; // "stall": the client sends nothing more
                        }
                    }
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    final BodyLimit limit = new BodyLimit(CAP, BUDGET, Duration.ofMillis(200));

    @Test
    void refusesADeclaredLengthOverTheCap() {
        assertFalse(limit.tooLarge(CAP));
        assertTrue(limit.tooLarge(CAP + 1));
        assertFalse(limit.tooLarge(-1), "no Content-Length: read, and cut at the cap");
    }

    @Test
    void stopsReadingAtTheChunkThatPassesTheCap() throws Exception {
        Body endless = new Body(100, -1, "complete");
        assertInstanceOf(BodyLimit.TooLarge.class, limit.read(endless));
        assertEquals(CAP / 100 + 1, endless.sent, "chunks asked for");
        assertTrue(endless.cancelled);
        assertEquals(BUDGET, limit.available());
    }

    @Test
    void readsABodyThatFitsAndHoldsItsBytesUntilClosed() throws Exception {
        BodyLimit.Body read = limit.read(new Body(250, 4, "complete"));
        BodyLimit.Read whole = assertInstanceOf(BodyLimit.Read.class, read);
        assertEquals(CAP, whole.bytes().length);
        assertEquals(BUDGET - CAP, limit.available());
        whole.close();
        whole.close();
        assertEquals(BUDGET, limit.available(), "closing twice gives back once");
        try (BodyLimit.Read small = (BodyLimit.Read) limit.read(Body.of("a=b"))) {
            assertArrayEquals("a=b".getBytes(StandardCharsets.US_ASCII), small.bytes());
        }
    }

    @Test
    void neverHoldsMoreThanTheBudget() throws Exception {
        List<BodyLimit.Read> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add((BodyLimit.Read) limit.read(new Body(CAP, 1, "complete")));
        }
        assertEquals(0, limit.available());
        Body fourth = new Body(10, 1, "complete");
        assertInstanceOf(BodyLimit.Busy.class, limit.read(fourth), "no room even for 10 bytes");
        assertTrue(fourth.cancelled);
        held.remove(0).close();
        assertInstanceOf(BodyLimit.Read.class, limit.read(new Body(10, 1, "complete")));
        held.forEach(BodyLimit.Read::close);
    }

    @Test
    void aBodyThatAlreadyHoldsSomeNeverWaitsForMore() throws Exception {
        BodyLimit patient = new BodyLimit(CAP, BUDGET, Duration.ofMinutes(10));
        List<BodyLimit.Read> held = List.of(
                (BodyLimit.Read) patient.read(new Body(CAP, 1, "complete")),
                (BodyLimit.Read) patient.read(new Body(CAP, 1, "complete")),
                (BodyLimit.Read) patient.read(new Body(CAP / 2, 1, "complete")));
        // 300 fit, the next 300 do not: waiting now could deadlock with others doing the same, so it is refused
        assertInstanceOf(BodyLimit.Busy.class, patient.read(new Body(300, 2, "complete")));
        assertEquals(CAP / 2, patient.available());
        held.forEach(BodyLimit.Read::close);
    }

    @Test
    void aBodyThatStallsIsRefusedAtTheDeadlineAndHoldsNothing() throws Exception {
        Body stalled = new Body(100, 3, "stall");
        assertInstanceOf(BodyLimit.TooSlow.class, limit.read(stalled));
        assertTrue(stalled.cancelled);
        assertEquals(BUDGET, limit.available());
    }

    @Test
    void aBrokenConnectionHoldsNothing() throws Exception {
        assertInstanceOf(BodyLimit.Broken.class, limit.read(new Body(100, 3, "error")));
        assertEquals(BUDGET, limit.available());
    }
}
