package dev.fiveohtwo.slack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How much of a request body may be held before its signature is known. Each body is at most {@code maxBytes};
 * all bodies being read or checked at once share {@code budgetBytes}. A request reserves its declared length (the
 * whole cap when it declares none) before the first byte is read and gives it back once its signature has been
 * checked, so however many connections are open, unauthenticated bodies never take more than the budget.
 */
final class BodyLimit {
    private final int maxBytes;
    private final int budgetBytes;
    private final Semaphore budget;
    private final Duration wait;

    BodyLimit(int maxBytes, int budgetBytes, Duration wait) {
        if (maxBytes > budgetBytes) {
            throw new IllegalArgumentException("a body of " + maxBytes + " bytes could never fit a budget of " + budgetBytes);
        }
        this.maxBytes = maxBytes;
        this.budgetBytes = budgetBytes;
        this.budget = new Semaphore(budgetBytes, true);
        this.wait = wait;
    }

    /** Whether a declared {@code Content-Length} is refused without reading a byte. */
    boolean tooLarge(long declaredLength) {
        return declaredLength > maxBytes;
    }

    /**
     * Waits up to the configured time for room in the budget.
     *
     * @param declaredLength the request's {@code Content-Length}, or negative when it has none (chunked)
     * @return the reservation, or empty when the budget stayed full (the caller answers busy)
     */
    Optional<Reservation> reserve(long declaredLength) throws InterruptedException {
        int bytes = declaredLength < 0 || declaredLength > maxBytes ? maxBytes : Math.max(1, (int) declaredLength);
        return budget.tryAcquire(bytes, wait.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(new Reservation(bytes)) : Optional.empty();
    }

    /** Bytes of the budget not reserved right now. */
    int available() {
        return budget.availablePermits();
    }

    int budgetBytes() {
        return budgetBytes;
    }

    /** Room for one body; closing it gives the room back. */
    final class Reservation implements AutoCloseable {
        private final int bytes;
        private boolean closed;

        private Reservation(int bytes) {
            this.bytes = bytes;
        }

        /**
         * Reads the whole body if it fits the reservation.
         *
         * @return the body, or empty when it is longer: reading stops at the first byte too many
         */
        Optional<byte[]> read(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(bytes, 8192));
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk, 0, Math.min(chunk.length, bytes + 1 - out.size()))) > 0) {
                out.write(chunk, 0, n);
                if (out.size() > bytes) {
                    return Optional.empty();
                }
            }
            return Optional.of(out.toByteArray());
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                budget.release(bytes);
            }
        }
    }
}
