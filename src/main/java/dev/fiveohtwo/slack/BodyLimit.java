package dev.fiveohtwo.slack;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * How much of a request body may be held before its signature is known. Each body is at most {@code maxBytes}
 * and must arrive whole within {@code deadline}; all bodies being read or checked at once share {@code
 * budgetBytes}. A body takes its share of the budget as its bytes arrive, one chunk at a time, and asks for the
 * next chunk only once the last one is paid for, so however many connections are open, unauthenticated bodies
 * never take more than the budget (besides the one network read, at most 64 KiB, that Netty holds for any open
 * connection), and a client that declares a large body and sends it slowly holds no more than it sent, and for
 * no longer than the deadline. A body that finds no room is refused as {@link Busy}.
 */
final class BodyLimit {
    private final int maxBytes;
    private final Semaphore budget;
    private final Duration deadline;

    BodyLimit(int maxBytes, int budgetBytes, Duration deadline) {
        if (maxBytes > budgetBytes) {
            throw new IllegalArgumentException(
                    "a body of " + maxBytes + " bytes could never fit a budget of " + budgetBytes);
        }
        this.maxBytes = maxBytes;
        this.budget = new Semaphore(budgetBytes, true);
        this.deadline = deadline;
    }

    /** What came of reading a body. */
    sealed interface Body permits Read, TooLarge, TooSlow, Busy, Broken {}

    /** The whole body; it holds its bytes' share of the budget until closed. */
    final class Read implements Body, AutoCloseable {
        private final byte[] bytes;
        private boolean closed;

        private Read(byte[] bytes) {
            this.bytes = bytes;
        }

        byte[] bytes() {
            return bytes;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                budget.release(bytes.length);
            }
        }
    }

    /** Longer than the cap: reading stopped at the chunk that passed it. */
    record TooLarge() implements Body {}

    /** Not all there by the deadline. */
    record TooSlow() implements Body {}

    /** The budget stayed full until the deadline. */
    record Busy() implements Body {}

    /** The connection failed or the server refused the body before it was whole. */
    record Broken(Throwable cause) implements Body {}

    /** Whether a declared {@code Content-Length} is refused without reading a byte. */
    boolean tooLarge(long declaredLength) {
        return declaredLength > maxBytes;
    }

    /** Bytes of the budget not held right now. */
    int available() {
        return budget.availablePermits();
    }

    /** Reads {@code body} on this thread, waiting at most the deadline; anything but {@link Read} holds nothing. */
    Body read(Publisher<byte[]> body) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Chunks chunks = new Chunks();
        body.subscribe(chunks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int held = 0;
        try {
            while (true) {
                Object next = chunks.queue.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    return refused(chunks, new TooSlow());
                }
                if (next == Chunks.END) {
                    Read read = new Read(out.toByteArray());
                    held = 0;
                    return read;
                }
                if (next instanceof Throwable t) {
                    return new Broken(t);
                }
                byte[] chunk = (byte[]) next;
                if (out.size() + chunk.length > maxBytes) {
                    return refused(chunks, new TooLarge());
                }
                // wait for room only while holding none: bodies that waited holding some could wait on each other
                // until every one of them missed its deadline
                boolean room = held == 0
                        ? budget.tryAcquire(chunk.length, Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : budget.tryAcquire(chunk.length);
                if (!room) {
                    return refused(chunks, new Busy());
                }
                held += chunk.length;
                out.write(chunk, 0, chunk.length);
                chunks.more();
            }
        } finally {
            budget.release(held);
        }
    }

    private static Body refused(Chunks chunks, Body why) {
        chunks.cancel();
        return why;
    }

    /** Hands chunks from the connection's thread to the reading one, asking for one at a time. */
    private static final class Chunks implements Subscriber<byte[]> {
        static final Object END = new Object();
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Subscription subscription;
        private volatile boolean cancelled;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(byte[] chunk) {
            queue.add(chunk);
        }

        @Override
        public void onError(Throwable t) {
            queue.add(t);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        void more() {
            subscription.request(1);
        }

        void cancel() {
            cancelled = true;
            Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
